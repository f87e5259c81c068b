# IBSS (ad-hoc) through the emulated RTL8187L: the dongle and a virtual
# radio join the same IBSS (fixed BSSID, 2437 MHz), see each other as peers,
# ping both ways, and the dongle's own beacons go out over the air (a
# monitor on the virtual radio sees beacons sent by the dongle's address).
#
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

ssid=rwlan-ibss bssid=02:11:22:33:44:55 freq=2437

dongle_modules
hwsim_load 2
peer=$(hwsim_iface 0)
peer_mac=$(cat "/sys/class/net/$peer/address")
dongle_antenna 1
dongle_start
netns_new sta
move_radio "$DONGLE_IFACE" sta

"$RWLAN_BIN/rwlan" dev "$peer" set type ibss
ip link set "$peer" up
"$RWLAN_BIN/rwlan" dev "$peer" ibss join "$ssid" "$freq" fixed-freq "$bssid"
ip addr add 10.58.0.1/24 dev "$peer"

ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set type ibss
# A register read that timed out can read as the radio switch off and
# close the interface again; retry until it stays up.
wait_until 120 ip -n sta link set "$DONGLE_IFACE" up || fail "cannot bring $DONGLE_IFACE up"
ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" ibss join "$ssid" "$freq" fixed-freq "$bssid" \
  || fail "ibss join on $DONGLE_IFACE failed"
ip -n sta addr add 10.58.0.2/24 dev "$DONGLE_IFACE"

dongle_joined() { ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" link | contains "Joined IBSS $bssid"; }
wait_until 120 dongle_joined || { ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" link; fail "the dongle did not join the IBSS"; }
wait_until 60 eval '[ "$(dongle_freq)" = "$freq" ]' \
  || fail "antenna not on $freq MHz (on $(dongle_freq))"
log "dongle: $(ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" link | head -n1), antenna on $(dongle_freq) MHz"

# Each side learns the other from its beacons or data frames.
wait_until 120 sh -c "$RWLAN_BIN/rwlan dev $peer station dump | grep -q 'Station $DONGLE_MAC'" \
  || fail "the virtual radio does not list the dongle as an IBSS peer"
wait_until 120 sh -c "ip netns exec sta $RWLAN_BIN/rwlan dev $DONGLE_IFACE station dump | grep -q 'Station $peer_mac'" \
  || fail "the dongle does not list the virtual radio as an IBSS peer"
log "peers: each side lists the other"

wait_until 120 ip netns exec sta ping -c 1 -W 10 10.58.0.1 || fail "dongle cannot ping its IBSS peer"
ip netns exec sta ping -c 3 -W 10 10.58.0.1 || fail "dongle cannot ping its IBSS peer"
ping -c 3 -W 10 10.58.0.2 || fail "IBSS peer cannot ping the dongle"
log "ping works both ways"

# The dongle's beacons, seen on a monitor on the virtual radio (it follows
# the IBSS's channel). Beacons sent by the virtual radio itself do not match
# the filter.
"$RWLAN_BIN/rwlan" dev add mon0 --phy "$(phy_of "$peer")" --type monitor
ip link set mon0 up
on_exit "$RWLAN_BIN/rwlan dev del mon0"
# dongle_beacons SECONDS NAME: captures the dongle's beacons on mon0 for
# SECONDS into $RWLAN_OUT/NAME.pcap and .txt, prints how many there were.
dongle_beacons() {
  timeout "$1" tcpdump -i mon0 -n -U -w "$RWLAN_OUT/$2.pcap" \
    "type mgt subtype beacon and wlan addr2 $DONGLE_MAC" 2>"$RWLAN_OUT/$2.err" || true
  tcpdump -r "$RWLAN_OUT/$2.pcap" -n -e 2>/dev/null > "$RWLAN_OUT/$2.txt" || true
  grep -c "Beacon ($ssid)" "$RWLAN_OUT/$2.txt" || true
}
beacons=$(dongle_beacons 20 dongle-beacons)
log "beacons from the dongle ($DONGLE_MAC) in 20 s: $beacons"
[ "$beacons" -ge 2 ] || { cat "$RWLAN_OUT/dongle-beacons.err"; fail "fewer than 2 beacons from the dongle"; }
grep -q "BSSID:$bssid" "$RWLAN_OUT/dongle-beacons.txt" \
  || { head "$RWLAN_OUT/dongle-beacons.txt"; fail "the dongle's beacons do not carry BSSID $bssid"; }

# Leaving the IBSS stops the beacons. A capture that has seen the
# dongle's beacons runs across the leave; frames already queued on the slow
# USB path may still come out for a while, so it waits for 10 s in which
# the capture file does not grow.
timeout 120 tcpdump -i mon0 -n -U -w "$RWLAN_OUT/leave.pcap" \
  "type mgt subtype beacon and wlan addr2 $DONGLE_MAC" 2>"$RWLAN_OUT/leave.err" &
dump=$!
on_exit "kill $dump"
pcap_size() { stat -c %s "$RWLAN_OUT/leave.pcap" 2>/dev/null || echo 0; }
# 24 bytes of pcap header, then the frames.
wait_until 60 eval '[ "$(pcap_size)" -gt 24 ]' \
  || { cat "$RWLAN_OUT/leave.err"; fail "the capture before leaving saw no beacon from the dongle"; }
ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" ibss leave || fail "ibss leave failed"
left=$EPOCHSECONDS
size=$(pcap_size) since=$left
while [ $(( EPOCHSECONDS - since )) -lt 10 ]; do
  [ $(( EPOCHSECONDS - left )) -lt 60 ] || fail "the dongle still beacons 60 s after leaving the IBSS"
  nap 1
  now=$(pcap_size)
  [ "$now" = "$size" ] || { size=$now since=$EPOCHSECONDS; }
done
kill "$dump" 2>/dev/null || true
wait "$dump" 2>/dev/null || true
late=$(tcpdump -r "$RWLAN_OUT/leave.pcap" -n -tt 2>/dev/null | awk -v t="$left" '$1 >= t' | wc -l)
log "left the IBSS: beacons stopped ($late more from the dongle after the leave, none in the last 10 s)"
ip link set mon0 down

dongle_stop
wait_until 30 dongle_gone || fail "interface still there after unplug"
log "unplugged cleanly"
