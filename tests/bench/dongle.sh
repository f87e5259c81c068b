# Throughput through the emulated RTL8187L (or DONGLE_CHIP), dongle
# (station) -> AP over WPA2, for one host driver; the metrics' names start
# with DONGLE_BENCH_PREFIX. The dongle, the emulator and the AP share the
# guest's CPU, so these are figures for comparing the two host drivers, not
# for a real dongle.
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

dongle_with_ap
wait_until 180 dongle_scan_finds_ap \
  || { dongle_scan_stalled; fail "$DONGLE_DRIVER: scan did not find $DONGLE_SSID"; }
dongle_associate
prefix=${DONGLE_BENCH_PREFIX:-dongle_}
bench_throughput "$prefix" "$DONGLE_DRIVER" sta 10.56.0.1
bench_rtt "$prefix" "$DONGLE_DRIVER" sta 10.56.0.1 20 0.2
