# dongle-fault under a flood: the emulator corrupts every other received
# transfer (bad length, truncated trailer, garbage, bad FCS, in turn). The
# host driver must drop them and keep working: a scan finds the AP under
# faults; then a flood of injected frames reaches the dongle's monitor
# until the emulator has sent DONGLE_FAULT_MIN (10,000) corrupted transfers
# (as many good ones reach the host in between; at most DONGLE_FAULT_SECS,
# 600 s); afterwards the dongle scans again, with a clean kernel log.
# DONGLE_DRIVER picks the host driver (dongle-fault-flood-rwlan.sh sets
# rwlan_rtl8187). Pausing bulk IN (nak) looks to the host like a quiet
# channel and would only slow the flood; it is left out.
. tests/vm/lib.sh
. firmware/scripts/dongle-env.sh

flood_secs=${DONGLE_FAULT_SECS:-600}
want_faults=${DONGLE_FAULT_MIN:-10000}
dongle_with_ap --fault corrupt --fault-every 2
wait_until 120 dongle_scan_finds_ap || fail "scan did not find $DONGLE_SSID under faults"
log "scan under faults found $DONGLE_SSID"

# The flood: broadcast data frames injected on a monitor of the AP's radio
# (channel 6), received by the dongle as a monitor on channel 6. Every
# other one arrives corrupted; the good ones are counted by the dongle's
# interface, so as many reached the host corrupted.
iw phy "$(phy_of "$DONGLE_AP")" interface add apmon0 type monitor
ip link set apmon0 up
dongle_monitor 6
good() { ip netns exec sta cat "/sys/class/net/$DONGLE_IFACE/statistics/rx_packets"; }
start=$(good)
t0=$(date +%s)
flood_end=$(( t0 + flood_secs ))
# Every other transfer is corrupted, so the good ones count the bad ones.
while [ $(( $(good) - start )) -lt "$want_faults" ] && [ "$(date +%s)" -lt "$flood_end" ]; do
  python3 "$RWLAN_ROOT/tests/vm/inject_flood.py" apmon0 500 >/dev/null
  sleep 1
done
received=$(( $(good) - start ))
log "flood: $received good frames received by the dongle in $(( $(date +%s) - t0 )) s"
[ "$received" -gt 0 ] || fail "no frame of the flood reached the dongle"
ip link set apmon0 down

ip -n sta link set "$DONGLE_IFACE" down
ip netns exec sta iw dev "$DONGLE_IFACE" set type managed
wait_until 120 dongle_scan_finds_ap || fail "scan did not find $DONGLE_SSID after the flood"
log "scan after the flood found $DONGLE_SSID"

dongle_stop
grep "stopped:" "$RWLAN_OUT/emu.log" || true
faults=$(sed -n 's/.*rx_faults=\([0-9]*\).*/\1/p' "$RWLAN_OUT/emu.log")
log "corrupted transfers sent: ${faults:-none}"
[ "${faults:-0}" -ge "$want_faults" ] || fail "the emulator corrupted ${faults:-no} transfers, want $want_faults"
wait_until 20 dongle_gone || fail "interface still there after unplug"
