# Capture beacons of a hostapd AP into pcap: --create with --duration, and an
# existing monitor interface stopped with SIGINT. tshark must decode them.
. tests/vm/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
ap=$(hwsim_iface 0); mon=$(hwsim_iface 1)
start_hostapd "$ap" "ssid=rwlan-cap
hw_mode=g
channel=1"

# A temporary monitor on the second radio's phy (it idles on channel 1).
"$rw" dev "$mon" capture --create -w "$RWLAN_OUT/create.pcap" --duration 5 > "$RWLAN_OUT/create.txt" \
  || fail "capture --create failed"
cat "$RWLAN_OUT/create.txt"
[ -z "$(ls /sys/class/net | grep rwmon)" ] || fail "temporary monitor interface left behind"
n=$(tshark -r "$RWLAN_OUT/create.pcap" -Y 'wlan.fc.type_subtype == 8 && wlan.ssid == "rwlan-cap"' 2>/dev/null | wc -l)
[ "$n" -ge 10 ] || fail "only $n beacons of rwlan-cap in 5 s"
[ "$(tshark -r "$RWLAN_OUT/create.pcap" -T fields -e frame.encap_type -c 1 2>/dev/null)" = 23 ] \
  || fail "pcap link type is not radiotap"
log "--create capture: $n beacons decoded by tshark"

# The interface itself as monitor, filtered to management frames, stopped by SIGINT.
ip link set "$mon" down
"$rw" dev "$mon" set type monitor || fail "set type monitor failed"
ip link set "$mon" up
"$rw" dev "$mon" set channel 1 || fail "set channel failed"
"$rw" --json dev "$mon" capture -w "$RWLAN_OUT/sigint.pcap" --filter mgmt > "$RWLAN_OUT/sigint.json" &
pid=$!
sleep 3
kill -INT $pid
wait $pid || fail "capture exited non-zero after SIGINT"
jq -e '.frames > 0 and .frames == .mgmt' "$RWLAN_OUT/sigint.json" > /dev/null || fail "bad counts after SIGINT"
tshark -r "$RWLAN_OUT/sigint.pcap" -Y 'wlan.ssid == "rwlan-cap"' 2>/dev/null | grep -q . \
  || fail "SIGINT capture has no readable beacon"
"$rw" dev "$mon" capture -w "$RWLAN_OUT/count.pcap" -c 3 > /dev/null || fail "capture -c failed"
[ "$(tshark -r "$RWLAN_OUT/count.pcap" 2>/dev/null | wc -l)" = 3 ] || fail "-c 3 did not write 3 frames"
log "monitor capture with SIGINT and -c work"
