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
  echo "BENCH dongle_tcp_sta_to_ap $DONGLE_DRIVER $(iperf3_mbps sta 10.56.0.1 10) Mbit/s"
  echo "BENCH dongle_udp_sta_to_ap $DONGLE_DRIVER $(iperf3_mbps sta 10.56.0.1 10 -u -b 0) Mbit/s"
  local rtt
  rtt=$(ip netns exec sta ping -q -c 20 -i 0.2 10.56.0.1 | sed -n 's|.*= [0-9.]*/\([0-9.]*\)/.*|\1|p')
  echo "BENCH dongle_ping_rtt_avg $DONGLE_DRIVER $rtt ms"
  _rwlan_run_cleanups; _rwlan_cleanups=()
}

bench_dongle rtl8187
if [ -f "$RWLAN_MOD/rwlan_rtl8187.ko" ]; then
  bench_dongle rwlan_rtl8187
else
  log "rwlan_rtl8187.ko not built: C figures only"
fi
