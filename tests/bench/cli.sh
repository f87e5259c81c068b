# The rwlan tool against the standard ones on the same radios (C
# mac80211_hwsim): scan wall time of `rwlan dev IF scan` and `iw dev IF scan`
# with a hostapd AP in range, then `survey dump` of those scans; frames
# kept per second of an injected flood by `rwlan capture` and `tcpdump -w`;
# `station dump` of an AP with 50 associated stations. Each figure is the median of
# several runs, the tools alternating so that neither gets a warm cache. The
# flood is 50,000 frames: on the plain kernel 5,000 pass in a fifth of a
# second, too short to time, and both 2 MiB buffers hold them all.
# time limit: 1800 s
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan
scans=${RWLAN_BENCH_SCANS:-5}
floods=${RWLAN_BENCH_FLOODS:-3}
frames=${RWLAN_FLOOD_FRAMES:-50000}

hwsim_load 2
open_ap rwlan-bench 6
sta=$STA_IFACE
in_sta ip link set "$sta" up
in_sta "$rw" dev "$sta" scan | contains "SSID: rwlan-bench" || fail "rwlan scan does not find the AP"
iw_scan ip netns exec sta iw dev "$sta" scan | contains "SSID: rwlan-bench" || fail "iw scan does not find the AP"
rw_t=() iw_t=()
for _ in $(seq "$scans"); do
  t=$(elapsed in_sta "$rw" dev "$sta" scan) || fail "rwlan scan failed"
  rw_t+=("$t")
  t=$(elapsed iw_scan ip netns exec sta iw dev "$sta" scan) || fail "iw scan failed"
  iw_t+=("$t")
done
log "scan wall time (s): rwlan ${rw_t[*]}, iw ${iw_t[*]}"
echo "BENCH scan_wall_time rwlan $(median "${rw_t[@]}") s"
echo "BENCH scan_wall_time iw $(median "${iw_t[@]}") s"
rw_t=() iw_t=()
for _ in $(seq "$scans"); do
  t=$(elapsed in_sta "$rw" dev "$sta" survey dump) || fail "rwlan survey dump failed"
  rw_t+=("$t")
  t=$(elapsed in_sta iw dev "$sta" survey dump) || fail "iw survey dump failed"
  iw_t+=("$t")
done
log "survey dump wall time (s): rwlan ${rw_t[*]}, iw ${iw_t[*]}"
echo "BENCH survey_dump_time rwlan $(median "${rw_t[@]}") s"
echo "BENCH survey_dump_time iw $(median "${iw_t[@]}") s"
_rwlan_run_cleanups; _rwlan_cleanups=()

flood_radios
rw_r=() td_r=()
for i in $(seq "$floods"); do
  flood_rwlan "$frames" "rwlan-$i"
  rw_r+=("$(python3 -S -c "print(round($FLOOD_KEPT / $FLOOD_SECS))")")
  log "rwlan kept $FLOOD_KEPT of $frames in $FLOOD_SECS s ($(jq .dropped "$RWLAN_OUT/rwlan-$i.json") dropped by kernel)"
  flood_tcpdump "$frames" "tcpdump-$i"
  td_r+=("$(python3 -S -c "print(round($FLOOD_KEPT / $FLOOD_SECS))")")
  log "tcpdump kept $FLOOD_KEPT of $frames in $FLOOD_SECS s" \
    "($(sed -nE 's/^([0-9]+) packets? dropped by kernel/\1/p' "$RWLAN_OUT/tcpdump-$i.err") dropped by kernel)"
  rm -f "$RWLAN_OUT/rwlan-$i.pcap" "$RWLAN_OUT/tcpdump-$i.pcap"
done
log "kept frames/s of flood: rwlan ${rw_r[*]}, tcpdump ${td_r[*]}"
echo "BENCH capture_flood_kept rwlan $(median "${rw_r[@]}") frames/s"
echo "BENCH capture_flood_kept tcpdump $(median "${td_r[@]}") frames/s"
_rwlan_run_cleanups; _rwlan_cleanups=()

# station dump of an AP with 50 stations (radios made as in bench/scale).
. tests/lib/stations.sh
dumped=50
hwsim_load 0
make_bss "$dumped" 10.63.0
start_hostapd "$AP_IFACE" "ssid=rwlan-dump
hw_mode=g
channel=1
max_num_sta=$((dumped + 5))"
connect_stations "$dumped" rwlan-dump "$AP_ADDR"
[ "$("$rw" dev "$AP_IFACE" station dump | grep -c '^Station ')" = "$dumped" ] \
  || fail "rwlan station dump does not list $dumped stations"
[ "$(iw dev "$AP_IFACE" station dump | grep -c '^Station ')" = "$dumped" ] \
  || fail "iw station dump does not list $dumped stations"
rw_t=() iw_t=()
for _ in $(seq "$scans"); do
  t=$(elapsed "$rw" dev "$AP_IFACE" station dump) || fail "rwlan station dump failed"
  rw_t+=("$t")
  t=$(elapsed iw dev "$AP_IFACE" station dump) || fail "iw station dump failed"
  iw_t+=("$t")
done
log "station dump of $dumped stations, wall time (s): rwlan ${rw_t[*]}, iw ${iw_t[*]}"
echo "BENCH station_dump_${dumped}_time rwlan $(median "${rw_t[@]}") s"
echo "BENCH station_dump_${dumped}_time iw $(median "${iw_t[@]}") s"
