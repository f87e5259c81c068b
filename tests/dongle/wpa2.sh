# The C rtl8187 driver (or $DONGLE_DRIVER) through the emulated RTL8187L
# against a hostapd WPA2 AP on a virtual radio: scan finds the AP,
# wpa_supplicant associates, ping works both ways, iperf3 runs for a few
# seconds, and pulling the dongle (dongle_unplug) in the middle of that
# transfer leaves the host clean: interface gone, no kernel reports.
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

dongle_with_ap
wait_until 180 dongle_scan_finds_ap \
  || { dongle_scan_stalled; fail "scan from the dongle did not find $DONGLE_SSID"; }
log "scan found $DONGLE_SSID"

dongle_associate
log "associated: $(ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" link | head -n1)"
"$RWLAN_BIN/rwlan" dev "$DONGLE_AP" station dump | contains "^Station $DONGLE_MAC" || fail "AP does not list the dongle"
ip netns exec sta ping -c 3 -W 10 10.56.0.1 || fail "dongle cannot ping the AP"
ping -c 3 -W 10 10.56.0.2 || fail "AP cannot ping the dongle"

# One iperf3 run: its interval reports give the throughput of the first
# seconds, then the dongle is pulled while the transfer goes on. (A run of
# its own would double the time: on a starved guest iperf3's start and
# result exchange take minutes.) The client is stopped after the unplug:
# with its route gone it would wait out its 120 s receive timeout.
iperf3 -s -1 -D -I "$RWLAN_TMP/iperf3.pid" >/dev/null
on_exit "kill \$(cat $RWLAN_TMP/iperf3.pid)"
nap 0.5
report=$RWLAN_OUT/iperf3.txt
ip netns exec sta iperf3 -c 10.56.0.1 -t 600 -i 1 --forceflush > "$report" 2>&1 &
iperf_pid=$!
on_exit "kill $iperf_pid"
# "secs bytes" so far, from the interval lines ("[  5]   0.00-1.02   sec  64.0 KBytes ...").
iperf_progress() {
  awk '$4 == "sec" { split($3, t, "-"); m = ($6 == "KBytes") ? 1024 : ($6 == "MBytes") ? 1048576 : 1;
                     end = t[2]; bytes += $5 * m } END { print end + 0, bytes + 0 }' "$report"
}
iperf_ran_3s() { iperf_progress | awk '{ exit !($1 >= 3 && $2 > 0) }'; }
deadline=$(( EPOCHSECONDS + 300 ))
until iperf_ran_3s; do
  [ "$EPOCHSECONDS" -lt "$deadline" ] || { cat "$report"; fail "no iperf3 traffic through the dongle"; }
  nap 1
done
read -r secs bytes < <(iperf_progress)
mbps=$(awk -v s="$secs" -v b="$bytes" 'BEGIN { printf "%.2f", b * 8 / s / 1e6 }')
log "iperf3 TCP dongle->AP over WPA2: $mbps Mbit/s ($bytes bytes in $secs s)"

dongle_unplug
wait_until 30 dongle_gone || fail "rtl8187 interface still present after unplug"
kill "$iperf_pid" 2>/dev/null || true
wait "$iperf_pid" 2>/dev/null || true
log "unplugged mid-iperf: interface gone"
