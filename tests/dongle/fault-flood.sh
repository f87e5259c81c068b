# dongle-fault under a flood: the emulator corrupts every other received
# transfer (bad length, truncated trailer, garbage, bad FCS, in turn). The
# host driver must drop them and keep working: a scan finds the AP under
# faults; then frames injected on a third virtual radio reach the dongle's
# monitor until the emulator has sent DONGLE_FAULT_MIN corrupted transfers
# (1,000 here, 10,000 in soak/dongle-fault-flood; as many good ones reach
# the host in between; at most DONGLE_FAULT_SECS, 600 s); afterwards the
# dongle scans again, with a clean kernel log. The C rtl8187 does not
# survive it (pending/dongle-fault-flood.sh).
# Pausing bulk IN (nak) looks to the host like a quiet channel and would
# only slow the flood; it is left out.
# drivers: rwlan_rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

flood_secs=${DONGLE_FAULT_SECS:-600}
want_faults=${DONGLE_FAULT_MIN:-1000}
# The dongle's receive path carries some tens of transfers per second on a
# TCG guest; flooding faster only takes CPU time from it.
rate=${DONGLE_FLOOD_RATE:-100}
DONGLE_RADIOS=3 dongle_with_ap --fault corrupt --fault-every 2
wait_until 120 dongle_scan_finds_ap || fail "scan did not find $DONGLE_SSID under faults"
log "scan under faults found $DONGLE_SSID"

# The flood: broadcast data frames injected on a monitor of radio 2
# (channel 6), received by the dongle as a monitor on channel 6 with the
# AP's beacons. The emulator logs its counters on SIGUSR2.
flood_tx=$(hwsim_iface 2)
"$RWLAN_BIN/rwlan" dev "$flood_tx" set type monitor
ip link set "$flood_tx" up
"$RWLAN_BIN/rwlan" dev "$flood_tx" set channel 6
dongle_monitor 6
faults_sent() {
  local n
  kill -USR2 "$DONGLE_PID"
  nap 1
  n=$(sed -n 's/.*counters: .*rx_faults=\([0-9]*\).*/\1/p' "$DONGLE_LOG" | tail -n 1)
  echo "${n:-0}"
}
good() { ip netns exec sta cat "/sys/class/net/$DONGLE_IFACE/statistics/rx_packets"; }
start=$(good)
t0=$EPOCHSECONDS
python3 -S "$RWLAN_ROOT/tests/lib/inject_flood.py" "$flood_tx" 100000000 "$rate" >/dev/null &
flood=$!
on_exit "kill $flood"
next_report=$(( t0 + 60 ))
while faults=$(faults_sent) && [ "$faults" -lt "$want_faults" ] \
    && [ "$EPOCHSECONDS" -lt $(( t0 + flood_secs )) ]; do
  kill -0 "$flood" 2>/dev/null || fail "the injector died"
  if [ "$EPOCHSECONDS" -ge "$next_report" ]; then
    log "flood: $faults corrupted transfers after $(( EPOCHSECONDS - t0 )) s"
    next_report=$(( next_report + 60 ))
  fi
  nap 4
done
kill "$flood"; wait "$flood" 2>/dev/null || true
received=$(( $(good) - start ))
log "flood: the dongle's monitor received $received frames in $(( EPOCHSECONDS - t0 )) s"
[ "$received" -gt 0 ] || fail "no frame of the flood reached the dongle's monitor"
ip link set "$flood_tx" down

ip -n sta link set "$DONGLE_IFACE" down
ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set type managed
wait_until 120 dongle_scan_finds_ap || fail "scan did not find $DONGLE_SSID after the flood"
log "scan after the flood found $DONGLE_SSID"

dongle_stop
grep "stopped:" "$RWLAN_OUT/emu.log" || true
faults=$(sed -n 's/.*stopped: .*rx_faults=\([0-9]*\).*/\1/p' "$RWLAN_OUT/emu.log")
log "corrupted transfers sent: ${faults:-none}"
[ "${faults:-0}" -ge "$want_faults" ] || fail "the emulator corrupted ${faults:-no} transfers, want $want_faults"
wait_until 20 dongle_gone || fail "interface still there after unplug"
