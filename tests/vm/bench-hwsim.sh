# Throughput, frame rate (64-byte UDP) and latency through the virtual
# medium, STA->AP over WPA2, for the C mac80211_hwsim and, when built,
# rwlan_hwsim, in the same boot.
. tests/vm/lib.sh

bench_radio() {
  local drv=$1
  RWLAN_RADIO=$drv wpa2_ap_and_station rwlan-bench "benchmark passphrase" 1
  echo "BENCH tcp_sta_to_ap $drv $(iperf3_mbps sta 10.55.0.1 10) Mbit/s"
  echo "BENCH udp_sta_to_ap $drv $(iperf3_mbps sta 10.55.0.1 10 -u -b 0) Mbit/s"
  iperf3_mbps sta 10.55.0.1 10 -u -b 0 -l 64 > /dev/null
  echo "BENCH small_frames_sta_to_ap $drv $(iperf3_frames_per_s) frames/s"
  local rtt
  rtt=$(ip netns exec sta ping -q -c 200 -i 0.01 10.55.0.1 | sed -n 's|.*= [0-9.]*/\([0-9.]*\)/.*|\1|p')
  echo "BENCH ping_rtt_avg $drv $rtt ms"
  _rwlan_run_cleanups; _rwlan_cleanups=()
}

bench_radio mac80211_hwsim
if [ -f "$RWLAN_MOD/rwlan_hwsim.ko" ]; then
  bench_radio rwlan_hwsim
else
  log "rwlan_hwsim.ko not built: C figures only"
fi
