# --fault: the emulator corrupts received transfers (bad length, truncated
# trailer, garbage, bad FCS) and NAKs bulk IN now and then; the host driver
# (C rtl8187, or DONGLE_DRIVER) must drop them and keep working (scan still
# finds the AP), with a clean log.
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

dongle_with_ap --fault corrupt,nak --fault-every 3
wait_until 120 dongle_scan_finds_ap || fail "scan did not find $DONGLE_SSID under faults"
dongle_stop
faults=$(sed -n 's/.*rx_faults=\([0-9]*\).*/\1/p' "$RWLAN_OUT/emu.log")
log "faults injected: ${faults:-none}"
[ "${faults:-0}" -gt 0 ] || fail "the emulator injected no faults"
