# The rwlan tool against the standard ones on the same radios (C
# mac80211_hwsim): scan wall time of `rwlan dev IF scan` and `iw dev IF scan`
# with a hostapd AP in range, and frames kept per second of an injected
# flood by `rwlan capture` and `tcpdump -w`. Each figure is the median of
# several runs, the tools alternating so that neither gets a warm cache. The
# flood is 50,000 frames: on the plain kernel 5,000 pass in a fifth of a
# second, too short to time, and both 2 MiB buffers hold them all.
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
