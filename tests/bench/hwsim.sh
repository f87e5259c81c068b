# Throughput, frame rate (64-byte UDP) and latency through the virtual
# medium, STA->AP over WPA2, for the C mac80211_hwsim and, when built,
# rwlan_hwsim, in the same boot.
. tests/vm/lib.sh

bench_radio() {
  local drv=$1
  RWLAN_RADIO=$drv wpa2_ap_and_station rwlan-bench "benchmark passphrase" 1
  bench_throughput "" "$drv" sta 10.55.0.1
  iperf3_mbps sta 10.55.0.1 10 -u -b 0 -l 64 > /dev/null
  echo "BENCH small_frames_sta_to_ap $drv $(iperf3_frames_per_s) frames/s"
  bench_rtt "" "$drv" sta 10.55.0.1 200 0.01
  _rwlan_run_cleanups; _rwlan_cleanups=()
}

bench_radio mac80211_hwsim
if [ -f "$RWLAN_MOD/rwlan_hwsim.ko" ]; then
  bench_radio rwlan_hwsim
else
  log "rwlan_hwsim.ko not built: C figures only"
fi
