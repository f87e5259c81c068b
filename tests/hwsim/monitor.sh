# The global radiotap monitor (hwsimN, ARPHRD_IEEE80211_RADIOTAP) sees
# beacons of an AP and the data frames of a ping between AP and station.
#
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 2
mon=
for d in /sys/class/net/hwsim*; do
  [ "$(cat "$d/type")" = 803 ] && mon=$(basename "$d")
done
[ -n "$mon" ] || fail "no radiotap monitor device hwsimN"
log "global monitor: $mon"
open_bss rwlan-mon 11 10.60.0
ap=$AP_IFACE sta=$STA_IFACE

ip link set "$mon" up
pcap=$RWLAN_OUT/monitor.pcap
tcpdump -i "$mon" -w "$pcap" -U >/dev/null 2>&1 &
dump=$!
on_exit "kill $dump"
# tcpdump may take seconds to start on a busy VM: ping once beacons come in.
captured() { [ "$(stat -c %s "$pcap" 2>/dev/null || echo 0)" -gt 200 ]; }
wait_until 60 captured || fail "tcpdump captured nothing"
ping -c 5 -i 0.3 -W 5 10.60.0.2 || fail "ping failed while capturing"
nap 1
kill -INT "$dump"; wait "$dump" || true
ip link set "$mon" down

tcpdump -r "$pcap" -nn -e 2>/dev/null > "$RWLAN_OUT/monitor.txt"
head -n 5 "$RWLAN_OUT/monitor.txt"
head -c 24 "$pcap" | od -An -tx1 | tr -d ' \n' | contains '^d4c3b2a1.*7f000000$' \
  || fail "capture is not radiotap (linktype 127)"
beacons=$(grep -c "Beacon (rwlan-mon)" "$RWLAN_OUT/monitor.txt" || true)
echo_frames=$(grep -c "ICMP echo" "$RWLAN_OUT/monitor.txt" || true)
log "captured $beacons beacons and $echo_frames ICMP echo frames"
[ "$beacons" -ge 5 ] || fail "monitor saw $beacons beacons, expected at least 5"
[ "$echo_frames" -ge 10 ] || fail "monitor saw $echo_frames ICMP echo frames, expected 10"
grep -q "2462 MHz" "$RWLAN_OUT/monitor.txt" || fail "radiotap channel is not 2462 MHz"
