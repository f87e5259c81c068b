# Unloading the radio driver while traffic flows (AP + station, UDP flood
# and beaconing) tears everything down cleanly: interfaces, radios and the
# sysfs class go away, and the kernel log stays clean.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 2
open_bss rwlan-rmmod 6 10.61.0
ap=$AP_IFACE
ip netns exec sta ping -c 2 -W 5 10.61.0.1 || fail "no connectivity before the flood"

iperf3 -s -D -I "$RWLAN_TMP/iperf3-srv.pid" >/dev/null
on_exit "kill \$(cat $RWLAN_TMP/iperf3-srv.pid)"
nap 0.5
ip netns exec sta iperf3 -c 10.61.0.1 -u -b 0 -t 30 >/dev/null 2>&1 &
flood=$!
on_exit "kill $flood"
ping -f -w 30 10.61.0.2 >/dev/null 2>&1 &
pflood=$!
on_exit "kill $pflood"
nap 3
log "unloading $RWLAN_RADIO under load"
rmmod "$RWLAN_RADIO" || fail "rmmod $RWLAN_RADIO failed under load"
[ "$(hwsim_count)" -eq 0 ] || fail "radios left after unload"
[ ! -e "/sys/class/net/$ap" ] || fail "$ap still exists after unload"
kill "$flood" "$pflood" 2>/dev/null || true
wait "$flood" "$pflood" 2>/dev/null || true
log "unloaded cleanly"
