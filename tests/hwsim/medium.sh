# A medium in user space (hwsim_medium.py, like wmediumd) takes over frame
# delivery with REGISTER: the kernel hands it every frame (HWSIM_CMD_FRAME),
# it delivers them back (FRAME to the receiver) and reports ACKs
# (TX_INFO_FRAME); it hears of the addresses a radio takes frames for
# (ADD_MAC_ADDR, DEL_MAC_ADDR: interfaces up and down, scans). A station associates and pings the AP through it; while
# the medium blocks, nothing gets through; when it is killed mid-stream, the
# built-in medium takes over. Only one medium per namespace, only its
# socket is heard, unprivileged users may not register.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
nl() { python3 -S tests/lib/hwsim_nl.py "$@"; }
expect_error() {
  local want=$1 out; shift
  if out=$("$@" 2>&1); then fail "$* succeeded: $out"; fi
  echo "$out" | contains "^error $want" || fail "$*: expected error $want, got: $out"
  log "$* -> $out"
}
# stat NAME [KEY]: one of the medium's counters (0 when absent); `stat
# frames` sums over radios.
stat() {
  awk -v n="$1" -v k="${2:-}" '$1 == n && (k == "" || $2 == k) {s += $NF} END {print s + 0}' \
    "$RWLAN_TMP/medium.txt"
}
hex() { echo "$1" | tr -d ':'; }

hwsim_load 2
ap=$(hwsim_iface 0); sta=$(hwsim_iface 1)
# The medium knows radios by their second wiphy address.
ap_radio=$(sed -n 2p "/sys/class/ieee80211/$(phy_of "$ap")/addresses")
sta_radio=$(sed -n 2p "/sys/class/ieee80211/$(phy_of "$sta")/addresses")
[ -n "$ap_radio" ] && [ -n "$sta_radio" ] || fail "radios lack a second address"
log "radios: AP $ap_radio, station $sta_radio"
netns_new sta
move_radio "$sta" sta

# Without a medium, nobody is heard.
expect_error 22 nl send TX_INFO_FRAME --raw-attr "2:$(hex "$ap_radio")" --raw-attr 4:00000000 \
  --raw-attr 8:0100000000000000 --raw-attr 6:ceffffff --raw-attr 7:0001ff00ff00ff00
expect_error 1 setpriv --reuid=65534 --regid=65534 --clear-groups python3 -S tests/lib/hwsim_nl.py register

# Real-time priority: mac80211 gives an authentication 200 ms, and frames
# pass the medium twice on the way to hostapd and back on a slow VM.
chrt -f 50 python3 -S tests/lib/hwsim_medium.py --stats "$RWLAN_TMP/medium.txt" "$ap_radio" "$sta_radio" \
  > "$RWLAN_OUT/medium.log" 2>&1 &
medium=$!
on_exit "kill $medium"
on_exit "cp $RWLAN_TMP/medium.txt $RWLAN_OUT/"
wait_until 90 grep -q registered "$RWLAN_OUT/medium.log" \
  || { cat "$RWLAN_OUT/medium.log"; fail "the medium did not register"; }
expect_error 16 nl register
# A frame from a socket other than the medium's is refused.
expect_error 22 nl send FRAME --raw-attr "1:$(hex "$sta_radio")" \
  --raw-attr 3:080000000000000000000000000000000000000000000000 \
  --raw-attr 5:00000000 --raw-attr 6:ceffffff

# The medium learns the addresses a radio takes frames for (ADD_MAC_ADDR
# when an interface comes up, DEL_MAC_ADDR when it goes down), which
# wmediumd needs for interfaces that do not use the radio's own address.
extra=02:11:22:33:44:55
"$RWLAN_BIN/rwlan" dev add medtest --phy "$(phy_of "$ap")" --type managed --addr "$extra" || fail "cannot add medtest"
on_exit "$RWLAN_BIN/rwlan dev del medtest"
ip link set medtest up
added() { [ "$(stat mac_add "$ap_radio>$extra")" -ge 1 ]; }
wait_until 10 added || fail "the medium did not hear ADD_MAC_ADDR for $extra: $(cat "$RWLAN_TMP/medium.txt")"
ip link set medtest down
removed() { [ "$(stat mac_del "$ap_radio>$extra")" -ge 1 ]; }
wait_until 10 removed || fail "the medium did not hear DEL_MAC_ADDR for $extra: $(cat "$RWLAN_TMP/medium.txt")"
"$RWLAN_BIN/rwlan" dev del medtest
log "medium: ADD_MAC_ADDR and DEL_MAC_ADDR for $extra on the AP's radio"

# A slower beacon (about 300 ms) keeps a station on a slow VM from losing
# its AP whenever the medium waits for the CPU.
start_hostapd "$ap" "ssid=rwlan-medium
hw_mode=g
channel=1
beacon_int=300"
ip addr add 10.57.0.1/24 dev "$ap"
ip -n sta link set "$sta" up
# Authentication and association need their ACKs, which only TX_INFO_FRAME
# reports now. start_wpa_supplicant with more patience: on a slow VM the
# first attempts may time out.
printf 'ctrl_interface=%s\nnetwork={\n  ssid="rwlan-medium"\n  key_mgmt=NONE\n}\n' "$RWLAN_TMP/wpa" \
  > "$RWLAN_TMP/wpa.conf"
ip netns exec sta wpa_supplicant -B -i "$sta" -c "$RWLAN_TMP/wpa.conf" -P "$RWLAN_TMP/wpa.pid" \
  -f "$RWLAN_OUT/wpa_supplicant.log"
on_exit "kill \$(cat $RWLAN_TMP/wpa.pid)"
associated() { ip netns exec sta wpa_cli -p "$RWLAN_TMP/wpa" -i "$sta" status | contains wpa_state=COMPLETED; }
wait_until 180 associated || { cat "$RWLAN_OUT/wpa_supplicant.log"; fail "$sta did not associate through the medium"; }
ip -n sta addr add 10.57.0.2/24 dev "$sta"
[ "$(stat frames "$ap_radio")" -gt 0 ] && [ "$(stat frames "$sta_radio")" -gt 0 ] \
  || fail "the medium did not see both radios: $(cat "$RWLAN_TMP/medium.txt")"
# The station's scans took probe responses at its own address.
sta_addr=$(ip netns exec sta cat "/sys/class/net/$sta/address")
[ "$(stat mac_add "$sta_radio>$sta_addr")" -ge 1 ] || fail "no ADD_MAC_ADDR for the station's scans: $(cat "$RWLAN_TMP/medium.txt")"

sta_data=$(stat data "$sta_radio"); ap_data=$(stat data "$ap_radio")
ip netns exec sta ping -c 10 -i 0.2 -W 5 10.57.0.1 || fail "station cannot ping the AP through the medium"
nap 1
sta_sent=$(( $(stat data "$sta_radio") - sta_data ))
ap_sent=$(( $(stat data "$ap_radio") - ap_data ))
log "through the medium: station $sta_sent data frames, AP $ap_sent"
[ "$sta_sent" -ge 10 ] && [ "$ap_sent" -ge 10 ] \
  || fail "10 pings took $sta_sent + $ap_sent data frames through the medium"
[ "$(stat acked)" -gt 20 ] || fail "the medium acknowledged only $(stat acked) frames"

# A blocked medium delivers nothing: the frames really take this path.
kill -USR1 "$medium"
blocked_is() { [ "$(stat blocked)" = "$1" ]; }
wait_until 10 blocked_is 1 || fail "the medium did not block"
blocked=$(stat blocked_frames)
if ip netns exec sta ping -c 2 -W 1 10.57.0.1; then fail "ping got through a blocked medium"; fi
[ "$(stat blocked_frames)" -gt "$blocked" ] || fail "no frames reached the blocked medium"
kill -USR1 "$medium"
wait_until 10 blocked_is 0 || fail "the medium did not unblock"
wait_until 120 ip netns exec sta ping -c 1 -W 2 10.57.0.1 || fail "no ping through the medium after unblocking"

# Killed mid-stream: the built-in medium takes over.
ip netns exec sta ping -i 0.1 -c 60 10.57.0.1 > "$RWLAN_OUT/ping-kill.txt" 2>&1 &
pinger=$!
nap 2
kill -9 "$medium"
wait "$medium" 2>/dev/null || true
frames=$(stat frames)
wait "$pinger" || true
wait_until 120 ip netns exec sta ping -c 1 -W 2 10.57.0.1 || fail "no ping over the built-in medium after the medium died"
ip netns exec sta ping -c 5 -i 0.2 -W 5 10.57.0.1 || fail "station cannot ping the AP over the built-in medium"
[ "$(stat frames)" = "$frames" ] || fail "frames reached a dead medium"
# Its registration went with it.
nl register || fail "REGISTER refused after the medium died"
log "medium in user space: $(tr '\n' ' ' < "$RWLAN_TMP/medium.txt")"
