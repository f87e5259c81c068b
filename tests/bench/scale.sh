# Scale, for one radio driver: loading and unloading 100 idle radios (time,
# slab memory per radio); then an open hostapd AP and 99 stations, radios
# made in one namespace (tests/lib/stations.sh), associating through one
# wpa_supplicant (time until all are associated, then until each answered
# a ping), and one station's UDP and TCP throughput and 64-byte frames/s
# to the AP with N = 100, 50, 10 and 2 radios up on the channel (the other
# stations taken down from the top).
# drivers: rwlan_hwsim mac80211_hwsim
# time limit: 1800 s
. tests/lib/lib.sh
. tests/lib/stations.sh

radios=${RWLAN_SCALE_RADIOS:-100}
stations=$((radios - 1))
secs=${RWLAN_SCALE_SECONDS:-5}
now() { date +%s.%N; }
since() { python3 -S -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$1" "$(now)"; }
slab_kib() { awk '/^Slab:/ {print $2}' /proc/meminfo; }

sync; echo 3 > /proc/sys/vm/drop_caches
slab0=$(slab_kib)
t0=$(now)
hwsim_load "$radios"
echo "BENCH load_${radios}_radios $RWLAN_RADIO $(since "$t0") s"
echo "BENCH slab_per_radio $RWLAN_RADIO $(( ($(slab_kib) - slab0) / radios )) KiB"
t0=$(now)
hwsim_unload
echo "BENCH unload_${radios}_radios $RWLAN_RADIO $(since "$t0") s"
! profiling || { hwsim_load "$radios"; profiled unload hwsim_unload; }

hwsim_load 0
make_bss "$stations" 10.62.0
start_hostapd "$AP_IFACE" "ssid=rwlan-scale
hw_mode=g
channel=1
max_num_sta=$radios"
ip addr add 10.62.0.1/24 dev "$AP_IFACE"
t0=$(now)
connect_stations "$stations" rwlan-scale "$AP_ADDR"
echo "BENCH associate_${stations}_stations $RWLAN_RADIO $(since "$t0") s"
t0=$(now)
ping_stations "$stations" 10.62.0
echo "BENCH ping_${stations}_stations $RWLAN_RADIO $(since "$t0") s"

# The curve: station 1 sends to the AP while N radios are up.
src=(-B "$(station_ip 10.62.0 1)")
up=$radios
for n in 100 50 10 2; do
  [ "$n" -le "$radios" ] || continue
  while [ "$up" -gt "$n" ]; do
    up=$((up - 1))
    ip -n sta link set "${STA_IF[$up]}" down
  done
  echo "BENCH udp_sta_to_ap_n$n $RWLAN_RADIO $(iperf3_mbps sta 10.62.0.1 "$secs" "${src[@]}" -u -b 0) Mbit/s"
  iperf3_mbps sta 10.62.0.1 "$secs" "${src[@]}" -u -b 0 -l 64 > /dev/null
  echo "BENCH small_frames_n$n $RWLAN_RADIO $(iperf3_frames_per_s) frames/s"
  echo "BENCH tcp_sta_to_ap_n$n $RWLAN_RADIO $(iperf3_mbps sta 10.62.0.1 "$secs" "${src[@]}") Mbit/s"
  # A profile costs a minute: at the ends of the curve only.
  case $n in
    100 | 2) profiled "small-frames-n$n" iperf3_mbps sta 10.62.0.1 "$secs" "${src[@]}" -u -b 0 -l 64 > /dev/null ;;
  esac
done
