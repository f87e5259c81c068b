# Load/unload cycles of the radio driver, LOAD_CYCLES of them (5 here, 1,000
# in soak/hwsim-load-cycles): each loads 2 radios, makes both monitors on
# channel 1, injects 50 frames on one that the other must receive, then
# unloads with both interfaces up, and the sysfs class must be empty.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
cycles=${LOAD_CYCLES:-5}

rx_packets() { cat "/sys/class/net/$FLOOD_RX/statistics/rx_packets"; }
t0=$EPOCHSECONDS
for i in $(seq 1 "$cycles"); do
  flood_radios
  before=$(rx_packets)
  python3 -S tests/lib/inject_flood.py "$FLOOD_TX" 50 > /dev/null || fail "cycle $i: injection failed"
  wait_until 10 test "$(rx_packets)" -ge $((before + 50)) \
    || fail "cycle $i: $FLOOD_RX received $(( $(rx_packets) - before )) of 50 frames"
  rmmod "$RWLAN_RADIO" || fail "cycle $i: rmmod $RWLAN_RADIO failed"
  [ "$(hwsim_count)" -eq 0 ] || fail "cycle $i: radios left after unload"
  [ $((i % 100)) -ne 0 ] || log "$i cycles"
done
log "$cycles load/unload cycles of $RWLAN_RADIO with traffic in $(( EPOCHSECONDS - t0 )) s"
