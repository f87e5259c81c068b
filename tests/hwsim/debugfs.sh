# debugfs under each phy: hwsim/group, hwsim/ps and hwsim/rx_rssi with
# mac80211_hwsim's meaning. A station in another group, or in power save,
# hears nothing; its AP learns of power save from null frames; back in
# group 1 with ps 0 it works again; rx_rssi moves
# the signal the station reports. ethtool -S shows the radio's counters
# under mac80211_hwsim's names, the group and power-save mode among them.
# skip_beacons in the AP interface's directory leaves out its next N
# beacons: the station's beacon count stands still while it counts down.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 2
ap=$(hwsim_iface 0); sta=$(hwsim_iface 1)
dbg=/sys/kernel/debug/ieee80211/$(phy_of "$sta")/hwsim
for f in group ps rx_rssi; do [ -f "$dbg/$f" ] || fail "no $dbg/$f"; done
[ "$(cat "$dbg/group")" = 1 ] || fail "group is $(cat "$dbg/group"), expected 1"
[ "$(cat "$dbg/ps")" = 0 ] || fail "ps is $(cat "$dbg/ps"), expected 0"
[ "$(cat "$dbg/rx_rssi")" = -50 ] || fail "rx_rssi is $(cat "$dbg/rx_rssi"), expected -50"
if echo 7 > "$dbg/ps" 2>/dev/null; then fail "ps accepted 7"; fi
if echo 3 > "$dbg/ps" 2>/dev/null; then fail "ps accepted manual poll while disabled"; fi

open_bss rwlan-dbg 1 10.59.0
ping -c 2 -W 5 10.59.0.2 || fail "no connectivity to start with"

echo 2 > "$dbg/group"
[ "$(cat "$dbg/group")" = 2 ] || fail "group did not change to 2"
if ping -c 2 -W 1 10.59.0.2; then fail "station in group 2 still reachable"; fi
echo 1 > "$dbg/group"
wait_until 40 ping -c 1 -W 1 10.59.0.2 || fail "station unreachable back in group 1"

# Entering and leaving power save, the station tells its AP with a null
# frame, which mac80211 on the AP side tracks as the PS_STA flag.
sta_flags=/sys/kernel/debug/ieee80211/$(phy_of "$ap")/netdev:$ap/stations/$(ip netns exec sta cat "/sys/class/net/$sta/address")/flags
[ -f "$sta_flags" ] || fail "the AP has no station entry $sta_flags"
grep -q PS_STA "$sta_flags" && fail "station asleep before power save"
echo 1 > "$dbg/ps"
wait_until 10 grep -q PS_STA "$sta_flags" || fail "the AP did not hear the station go to sleep: $(cat "$sta_flags")"
if ping -c 2 -W 1 10.59.0.2; then fail "station in power save still receives"; fi
# Manual polling is allowed now (it sends a PS-Poll).
echo 3 > "$dbg/ps" || fail "ps refused manual poll while enabled"
[ "$(cat "$dbg/ps")" = 1 ] || fail "ps is $(cat "$dbg/ps") after a manual poll, expected 1"
echo 0 > "$dbg/ps"
wait_until 10 sh -c "! grep -q PS_STA $sta_flags" || fail "the AP did not hear the station wake: $(cat "$sta_flags")"
wait_until 40 ping -c 1 -W 1 10.59.0.2 || fail "station unreachable after ps 0"
log "group and ps cut the station off and restore it; null frames announce power save"

# ethtool -S: mac80211's counters, then the radio's. The AP's radio sent
# (beacons, replies) and received (the pings); the station's radio shows
# the group and power-save mode just written to debugfs.
ethtool -S "$ap" > "$RWLAN_OUT/ethtool-ap.txt" || fail "ethtool -S $ap failed"
counter() { awk -v k="$1:" '$1 == k { print $2 }' "$RWLAN_OUT/ethtool-$2.txt"; }
for k in tx_pkts_nic tx_bytes_nic rx_pkts_nic rx_bytes_nic d_tx_dropped d_tx_failed d_ps_mode d_group; do
  [ -n "$(counter $k ap)" ] || { cat "$RWLAN_OUT/ethtool-ap.txt"; fail "ethtool -S $ap has no $k"; }
done
[ "$(counter rx_pkts_nic ap)" -gt 0 ] && [ "$(counter tx_pkts_nic ap)" -gt 0 ] \
  && [ "$(counter rx_bytes_nic ap)" -gt "$(counter rx_pkts_nic ap)" ] \
  || { cat "$RWLAN_OUT/ethtool-ap.txt"; fail "the AP's radio counted no frames both ways"; }
echo 4 > "$dbg/group"
echo 1 > "$dbg/ps"
ip netns exec sta ethtool -S "$sta" > "$RWLAN_OUT/ethtool-sta.txt" || fail "ethtool -S $sta failed"
echo 0 > "$dbg/ps"
echo 1 > "$dbg/group"
[ "$(counter d_group sta)" = 4 ] && [ "$(counter d_ps_mode sta)" = 1 ] \
  || { cat "$RWLAN_OUT/ethtool-sta.txt"; fail "ethtool -S $sta: group or ps mode not the debugfs values"; }
log "ethtool -S: $(counter tx_pkts_nic ap) frames sent, $(counter rx_pkts_nic ap) received by the AP's radio"
wait_until 40 ping -c 1 -W 1 10.59.0.2 || fail "station unreachable after the ethtool checks"

# skip_beacons: written N, the AP leaves out its next N beacons (one a
# beacon interval, so the file counts down) and beacons again once it is
# back at 0. 100 is ten seconds of beacons: the station's count must stand
# still while the file is still counting down.
skip=/sys/kernel/debug/ieee80211/$(phy_of "$ap")/netdev:$ap/skip_beacons
[ -f "$skip" ] || fail "no $skip"
[ "$(cat "$skip")" = 0 ] || fail "skip_beacons is $(cat "$skip"), expected 0"
beacons() { in_sta "$RWLAN_BIN/rwlan" dev "$sta" station dump | awk '$1 == "beacon" && $2 == "rx:" { print $3 }'; }
beacons_above() { [ "$(beacons)" -gt "$1" ]; }
[ -n "$(beacons)" ] || fail "rwlan station dump shows no beacon rx count"
echo 100 > "$skip"
s0=$(cat "$skip"); b0=$(beacons); nap 1; b1=$(beacons); s1=$(cat "$skip")
[ "$s1" -gt 0 ] && [ "$s1" -lt "$s0" ] || fail "skip_beacons did not count down from 100: $s0, then $s1"
[ $((b1 - b0)) -le 1 ] || fail "the station received $((b1 - b0)) beacons while skip_beacons counted $s0 -> $s1"
echo 0 > "$skip"
wait_until 10 beacons_above $((b1 + 2)) || fail "no beacons after skip_beacons went back to 0 (count $b1, then $(beacons))"
log "skip_beacons: counted $s0 -> $s1 while the station's beacon count stood at $b0 -> $b1; then $(beacons)"

# rx_rssi: only -100..-1 are accepted (written as unsigned 64-bit numbers,
# so only the file's own read-back form matters here).
in_sta "$RWLAN_BIN/rwlan" dev "$sta" station dump > "$RWLAN_OUT/before.txt"
if echo 5 > "$dbg/rx_rssi" 2>/dev/null; then fail "rx_rssi accepted 5"; fi
[ "$(cat "$dbg/rx_rssi")" = -50 ] || fail "rx_rssi changed on a rejected write"
