# A namespace's radios go with it, as in mac80211_hwsim: when it exits,
# the radios made there with NEW_RADIO and still there are deleted. A radio
# made at load time and moved in comes back to the initial namespace and
# still works, and so does one made there but moved out before. A medium
# registered there and stopped before does not keep the namespace alive.
#
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
nl() { python3 -S tests/lib/hwsim_nl.py "$@"; }
in_ns() { ip netns exec doomed "$@"; }

hwsim_load 2
ap=$(hwsim_iface 0); moved=$(hwsim_iface 1)
ap_phy=$(phy_of "$ap"); moved_phy=$(phy_of "$moved")
# Not netns_new: the scenario deletes the namespace itself.
ip netns add doomed
on_exit "ip netns del doomed"
move_radio "$moved" doomed

kept=$(in_ns python3 -S tests/lib/hwsim_nl.py new --name rwlanstays)
out=$(in_ns python3 -S tests/lib/hwsim_nl.py new --name rwlanout)
log "made in doomed: hwsim$kept, hwsim$out"
in_ns "$RWLAN_BIN/rwlan" phy rwlanout set netns 1
in_ns python3 -S tests/lib/hwsim_nl.py dump > "$RWLAN_OUT/dump-doomed.txt"
[ "$(awk '{print $1}' "$RWLAN_OUT/dump-doomed.txt" | tr '\n' ' ')" = "1 $kept " ] \
  || fail "doomed lists: $(cat "$RWLAN_OUT/dump-doomed.txt")"

# Traffic in the namespace, through a medium registered there.
medium_addr=$(in_ns sed -n 2p /sys/class/ieee80211/rwlanstays/addresses)
# Not through in_ns: $! is then the medium itself (ip netns exec execs it).
ip netns exec doomed python3 -S tests/lib/hwsim_medium.py --stats "$RWLAN_TMP/medium.txt" "$medium_addr" \
  > "$RWLAN_OUT/medium.log" 2>&1 &
medium=$!
wait_until 60 grep -q registered "$RWLAN_OUT/medium.log" \
  || { cat "$RWLAN_OUT/medium.log"; fail "the medium did not register"; }
ns_if=$(in_ns ls /sys/class/ieee80211/rwlanstays/device/net)
in_ns ip link set "$ns_if" up
in_ns "$RWLAN_BIN/rwlan" dev "$ns_if" scan --trigger-only --freq 2412 || true
wait_until 20 grep -q "^frames" "$RWLAN_TMP/medium.txt" || log "the medium saw no frame"
kill "$medium"; wait "$medium" || true

ip netns del doomed
wait_until 60 test ! -e "/sys/class/mac80211_hwsim/hwsim$kept" \
  || fail "hwsim$kept outlived the namespace it was made in"
wait_until 20 test -e "/sys/class/ieee80211/$moved_phy" || fail "$moved_phy is not back"
nl dump > "$RWLAN_OUT/dump.txt"
[ "$(awk '{print $1}' "$RWLAN_OUT/dump.txt" | tr '\n' ' ')" = "0 1 $out " ] \
  || fail "the initial namespace lists: $(cat "$RWLAN_OUT/dump.txt")"
ls /sys/kernel/debug/ieee80211 > "$RWLAN_OUT/debugfs.txt"
[ "$(sort "$RWLAN_OUT/debugfs.txt" | tr '\n' ' ')" = "$(printf '%s\n' "$ap_phy" "$moved_phy" rwlanout | sort | tr '\n' ' ')" ] \
  || fail "debugfs lists: $(cat "$RWLAN_OUT/debugfs.txt")"

# The radio that came back still hears an AP. (A scan of one channel may
# end before `iw scan` listens for its end: trigger, then read the results.)
back=$(hwsim_iface 1)
start_hostapd "$ap" "ssid=rwlan-back
hw_mode=g
channel=1"
ip link set "$back" up
sees_ap() {
  "$RWLAN_BIN/rwlan" dev "$back" scan --trigger-only --freq 2412 > /dev/null 2>&1 || true
  nap 1
  "$RWLAN_BIN/rwlan" dev "$back" scan --dump-only | contains "SSID: rwlan-back"
}
wait_until 60 sees_ap || fail "$back does not see the AP"
kill "$(cat "$RWLAN_TMP/hostapd-$ap.pid")"

nl del --id "$out" || fail "DEL_RADIO of hwsim$out failed"
rmmod "$RWLAN_RADIO" || fail "rmmod $RWLAN_RADIO failed"
[ "$(hwsim_count)" -eq 0 ] || fail "radios left after rmmod: $(ls /sys/class/mac80211_hwsim)"
log "the namespace's radios went with it"
