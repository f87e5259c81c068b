# Monitor mode on the emulated dongle captures the AP's beacons, a frame
# injected on the dongle's monitor goes out over USB and the emulated radio
# and is seen by a monitor on the AP's radio, and a channel change on the
# dongle retunes its antenna.
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

dongle_with_ap
dongle_monitor 6
ip netns exec sta timeout 60 tcpdump -i "$DONGLE_IFACE" -n -c 3 -w "$RWLAN_OUT/beacons.pcap" \
  'type mgt subtype beacon' 2>"$RWLAN_OUT/tcpdump.err" || { cat "$RWLAN_OUT/tcpdump.err"; fail "no beacons captured"; }
ip netns exec sta tcpdump -r "$RWLAN_OUT/beacons.pcap" -e 2>/dev/null | contains "Beacon ($DONGLE_SSID)" \
  || fail "captured beacons are not the AP's"
log "monitor mode captured beacons of $DONGLE_SSID"

# Injection: data frames from a made-up station, sent on the dongle's
# monitor, must reach a monitor on the AP's radio (channel 6).
"$RWLAN_BIN/rwlan" dev add apmon0 --phy "$(phy_of "$DONGLE_AP")" --type monitor
ip link set apmon0 up
inject_src=02:00:00:87:87:02
tcpdump -i apmon0 -n -U -c 1 -w "$RWLAN_OUT/injected.pcap" "wlan addr2 $inject_src" \
  2>"$RWLAN_OUT/tcpdump-inject.err" &
dump=$!
on_exit "kill $dump"
# tcpdump may take seconds to start on a busy VM; inject until it has the frame.
inject() {
  ip netns exec sta python3 -S - "$DONGLE_IFACE" "$inject_src" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
src = bytes.fromhex(sys.argv[2].replace(":", ""))
radiotap = struct.pack("<BBHI", 0, 0, 8, 0)
s.send(radiotap + struct.pack("<HH6s6s6sH", 0x0008, 0, b"\xff" * 6, src, src, 0) + b"rwlan-inject")
PY
}
for _ in $(seq 60); do
  kill -0 "$dump" 2>/dev/null || break
  inject || fail "injecting on $DONGLE_IFACE failed"
  nap 1
done
if kill -0 "$dump" 2>/dev/null; then kill "$dump"; fail "injected frame not seen on the AP's radio in 60 s"; fi
wait "$dump" || { cat "$RWLAN_OUT/tcpdump-inject.err"; fail "injected frame not seen on the AP's radio"; }
tcpdump -r "$RWLAN_OUT/injected.pcap" -nn -e -X > "$RWLAN_OUT/injected.txt" 2>/dev/null
grep -aq "rwlan-inject" "$RWLAN_OUT/injected.pcap" || fail "the frame seen is not the injected one"
ip link set apmon0 down
log "frame injected on $DONGLE_IFACE seen on the AP's radio"

ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set channel 11
wait_until 20 sh -c "[ \"\$($RWLAN_BIN/rwlan dev $DONGLE_ANTENNA info | awk '/channel/ {print \$2; exit}')\" = 11 ]" \
  || fail "antenna did not follow the dongle to channel 11"
log "channel change moved the emulated radio to $(dongle_freq) MHz"
