# Scans from the dongle, each right after the interface comes up (where
# scans were seen to hang): each must end within 240 s and list the AP. A
# software scan retunes the RTL8225 on every channel (some eighty register
# accesses each) and then goes back to the operating channel; a scan that
# never ends logs where it waits.
# drivers: rwlan_rtl8187 rtl8187
# time limit: 20000 s
. tests/lib/lib.sh
. tests/lib/dongle.sh

scans=$(soak_count 100)
dongle_with_ap
started=$EPOCHSECONDS
# scan_once I: one scan, listing the AP, within 240 s. A scan refused
# (EBUSY) while the last one winds down is tried again, up to 5 times.
scan_once() {
  local rc
  for _ in 1 2 3 4 5; do
    ip netns exec sta timeout 250 "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" scan --timeout 240 > "$RWLAN_TMP/scan" 2>&1
    rc=$?
    # 5: rwlan gave up waiting; 124: rwlan itself hung.
    [ "$rc" -ne 5 ] && [ "$rc" -ne 124 ] || { dongle_scan_stalled; fail "scan $1 did not end within 240 s"; }
    [ "$rc" -eq 0 ] && return 0
    sleep 1
  done
  cat "$RWLAN_TMP/scan"
  fail "scan $1 failed 5 times (exit $rc)"
}
for i in $(seq "$scans"); do
  t0=$EPOCHSECONDS
  ip -n sta link set "$DONGLE_IFACE" down
  wait_until 60 ip -n sta link set "$DONGLE_IFACE" up || fail "cannot bring $DONGLE_IFACE up"
  scan_once "$i"
  grep -q "SSID: $DONGLE_SSID" "$RWLAN_TMP/scan" || fail "scan $i did not list $DONGLE_SSID"
  echo "scan $i: $(( EPOCHSECONDS - t0 )) s"
done
log "$scans scans in $(( EPOCHSECONDS - started )) s"
