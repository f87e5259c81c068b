# Monitor mode on the emulated dongle captures the AP's beacons, and a
# channel change on the dongle retunes its antenna (the emulated radio).
. tests/vm/lib.sh
. firmware/scripts/dongle-env.sh

dongle_with_ap
ip -n sta link set "$DONGLE_IFACE" down
ip netns exec sta iw dev "$DONGLE_IFACE" set type monitor
wait_until 120 ip -n sta link set "$DONGLE_IFACE" up || fail "cannot bring the monitor up"
ip netns exec sta iw dev "$DONGLE_IFACE" set channel 6
wait_until 20 sh -c "[ \"\$(iw dev $DONGLE_ANTENNA info | awk '/channel/ {print \$2; exit}')\" = 6 ]" \
  || fail "antenna not on channel 6"
ip netns exec sta timeout 60 tcpdump -i "$DONGLE_IFACE" -n -c 3 -w "$RWLAN_OUT/beacons.pcap" \
  'type mgt subtype beacon' 2>"$RWLAN_OUT/tcpdump.err" || { cat "$RWLAN_OUT/tcpdump.err"; fail "no beacons captured"; }
ip netns exec sta tcpdump -r "$RWLAN_OUT/beacons.pcap" -e 2>/dev/null | grep -q "Beacon ($DONGLE_SSID)" \
  || fail "captured beacons are not the AP's"
log "monitor mode captured beacons of $DONGLE_SSID"

ip netns exec sta iw dev "$DONGLE_IFACE" set channel 11
wait_until 20 sh -c "[ \"\$(iw dev $DONGLE_ANTENNA info | awk '/channel/ {print \$2; exit}')\" = 11 ]" \
  || fail "antenna did not follow the dongle to channel 11"
log "channel change moved the emulated radio to $(dongle_freq) MHz"
