# Throughput through the emulated RTL8187L, dongle (station) -> AP over
# WPA2, for the C rtl8187 driver and then rwlan_rtl8187, in the same boot.
# The dongle, the emulator and the AP share the guest's CPU, so these are
# figures for comparing the two host drivers, not for a real dongle.
. tests/vm/lib.sh
. firmware/scripts/dongle-env.sh

bench_dongle() {
  DONGLE_DRIVER=$1
  dongle_with_ap
  wait_until 180 dongle_scan_finds_ap || fail "$DONGLE_DRIVER: scan did not find $DONGLE_SSID"
  dongle_associate
  bench_throughput dongle_ "$DONGLE_DRIVER" sta 10.56.0.1
  bench_rtt dongle_ "$DONGLE_DRIVER" sta 10.56.0.1 20 0.2
  _rwlan_run_cleanups; _rwlan_cleanups=()
}

bench_dongle rtl8187
if [ -f "$RWLAN_MOD/rwlan_rtl8187.ko" ]; then
  bench_dongle rwlan_rtl8187
else
  log "rwlan_rtl8187.ko not built: C figures only"
fi
