# Throughput, frame rate (64-byte UDP) and latency through the virtual
# medium, STA->AP over WPA2, for one radio driver. tests/bench/run.sh runs
# it for both drivers in alternating order.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

wpa2_ap_and_station rwlan-bench "benchmark passphrase" 1
bench_throughput "" "$RWLAN_RADIO" sta 10.55.0.1
iperf3_mbps sta 10.55.0.1 10 -u -b 0 -l 64 > /dev/null
echo "BENCH small_frames_sta_to_ap $RWLAN_RADIO $(iperf3_frames_per_s) frames/s"
profiled small-frames iperf3_mbps sta 10.55.0.1 10 -u -b 0 -l 64 > /dev/null
bench_rtt "" "$RWLAN_RADIO" sta 10.55.0.1 200 0.01
