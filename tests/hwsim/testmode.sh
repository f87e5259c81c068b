# Testmode commands (`rwlan phy PHY hwsim ...`, as `iw phy PHY hwsim`):
# getps reads the power-save mode the `ps` debugfs file holds and setps
# sets it, refusing what the file refuses; stopqueues stops the radio's TX
# (a ping to the station gets no answer), wakequeues lets it through
# again.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
sta=$(hwsim_iface 1)
phy=$(phy_of "$sta")
dbg=/sys/kernel/debug/ieee80211/$phy/hwsim
open_bss rwlan-tm 1 10.61.0
tm() { in_sta "$rw" phy "$phy" hwsim "$@"; }
[ "$(tm getps)" = "HWSIM PS: 0" ] || fail "getps: $(tm getps 2>&1)"
tm setps 1 || fail "setps 1 failed"
[ "$(tm getps)" = "HWSIM PS: 1" ] && [ "$(cat "$dbg/ps")" = 1 ] || fail "after setps 1: $(tm getps), ps file $(cat "$dbg/ps")"
tm setps 3 || fail "setps 3 (a manual poll) refused in mode 1"
[ "$(tm getps)" = "HWSIM PS: 1" ] || fail "a manual poll changed the mode: $(tm getps)"
tm setps 0 || fail "setps 0 failed"
[ "$(cat "$dbg/ps")" = 0 ] || fail "ps file is $(cat "$dbg/ps") after setps 0"
out=$(tm setps 7 2>&1) && fail "setps 7 accepted"
echo "$out" | grep -q "rejected the arguments" || fail "setps 7: $out"
out=$(tm setps 3 2>&1) && fail "setps 3 accepted in mode 0"
[ "$(in_sta "$rw" --json phy "$phy" hwsim getps | jq -r .ps)" = 0 ] || fail "--json getps is not 0"
log "getps/setps follow the ps file; 7, and a manual poll in mode 0, are refused"

wait_until 40 ping -c 1 -W 1 10.61.0.2 || fail "station unreachable to start with"
tm stopqueues || fail "stopqueues failed"
if ping -c 3 -W 1 10.61.0.2; then fail "the station answered with its queues stopped"; fi
tm wakequeues || fail "wakequeues failed"
wait_until 20 ping -c 1 -W 1 10.61.0.2 || fail "station unreachable after wakequeues"
log "stopqueues silences the station's radio, wakequeues restores it"
