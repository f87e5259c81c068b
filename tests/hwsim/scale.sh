# Many radios on one channel: an open AP, RWLAN_SCALE_STATIONS (20)
# stations, all associated and each answering a ping over the air, and a
# monitor on another radio that still sees the unicast frames between the
# AP and the stations (frames addressed to neither it nor a radio next to
# it).
#
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
. tests/lib/stations.sh
rw=$RWLAN_BIN/rwlan

stations=${RWLAN_SCALE_STATIONS:-20}
hwsim_load 0
make_bss "$stations" 10.61.0
start_hostapd "$AP_IFACE" "ssid=rwlan-scale
hw_mode=g
channel=1
max_num_sta=$((stations + 1))"
ip addr add 10.61.0.1/24 dev "$AP_IFACE"

in_sta "$rw" dev "$MON_IFACE" set type monitor || fail "set type monitor failed"
in_sta ip link set "$MON_IFACE" up
in_sta "$rw" dev "$MON_IFACE" set channel 1 || fail "set channel on the monitor failed"

t0=$EPOCHSECONDS
connect_stations "$stations" rwlan-scale "$AP_ADDR"
log "$stations stations connected in $((EPOCHSECONDS - t0)) s"

# Not through in_sta: SIGINT must reach rwlan (ip netns exec execs it).
ip netns exec sta "$rw" dev "$MON_IFACE" capture -w "$RWLAN_OUT/scale.pcap" --filter data > "$RWLAN_OUT/capture.txt" &
cap=$!
on_exit "kill $cap 2>/dev/null"
nap 2
t0=$EPOCHSECONDS
ping_stations "$stations" 10.61.0
log "every station answered a ping over the air within $((EPOCHSECONDS - t0)) s"
kill -INT "$cap"; wait "$cap" || fail "the monitor capture failed"
cat "$RWLAN_OUT/capture.txt"

# Frames from the AP to a station: neither end is the monitor's radio.
tcpdump -r "$RWLAN_OUT/scale.pcap" -nn -e "wlan addr2 $AP_ADDR and icmp" 2>/dev/null > "$RWLAN_OUT/scale.txt"
seen=$(grep -c "ICMP echo request" "$RWLAN_OUT/scale.txt" || true)
peers=$({ grep -o "DA:[0-9a-f:]*" "$RWLAN_OUT/scale.txt" || true; } | sort -u | wc -l)
log "the monitor saw $seen echo requests from the AP to $peers stations"
[ "$peers" -ge $((stations / 2)) ] || fail "the monitor saw the AP's frames to $peers stations of $stations"
