# The RTL8187B boards the emulator can be, driven by the host driver over
# the Raw Gadget transport (the B's bulk endpoints have fixed numbers:
# IN 3 RX, IN 9 TX status, OUT 4-7 and 12 TX):
# - rtl8187b on the B's own USB ID 0bda:8189 at the chip revisions the
#   driver reads from 0xFFE1: D-cut 1 receiving on antenna 1 (its monitor
#   captures the AP's beacons with antenna 1 in their radiotap) and E-cut 2
#   (associates with a WPA2 AP on its channel, pings it both ways);
# - rtl8187b-early on the RTL8187L's ID 0bda:8187, which the driver tells
#   from an RTL8187L by TX_CONF's hardware version 6: probed, a full scan
#   finds the AP.
# The revisions the driver only names (B-cut 0, an unknown 3 it takes for
# a B-cut) share every path of the others past the probe: they are probed
# when CHIPS_B_NAMED_ONLY lists them, as tests/soak/dongle-b-revisions.sh
# does, and not in `make test`, which pays for the boards above.
# The E-cut board is pulled out at the end (a surprise unplug over Raw
# Gadget).
# Each must be identified with its RTL8225z2, carry the EEPROM address and
# register its wiphy.
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
DONGLE_TRANSPORT=raw
. tests/lib/dongle.sh

dongle_ap
netns_new sta

# probed NAME PRODUCT CHIP [EMULATOR ARGS...]: the dongle enumerates as
# 0bda:PRODUCT, the driver names it CHIP and registers its wiphy.
probed() {
  local name=$1 product=$2 chip=$3 phy
  shift 3
  dmesg -C
  dongle_start "$@"
  grep -qx "$product" /sys/bus/usb/devices/*/idProduct \
    || fail "$name: no USB device 0bda:$product"
  dmesg | contains "hwaddr $DONGLE_MAC, $chip V1 + rtl8225z2, rfkill mask 2" \
    || { dmesg | grep -i rtl8187; fail "$name: the driver did not identify an $chip V1 + rtl8225z2"; }
  phy=$(cat "/sys/class/net/$DONGLE_IFACE/phy80211/name")
  "$RWLAN_BIN/rwlan" phy "$phy" > "$RWLAN_OUT/phy-$name.txt" \
    || fail "$name: rwlan does not show $phy"
  contains "2412 MHz" < "$RWLAN_OUT/phy-$name.txt" \
    || { cat "$RWLAN_OUT/phy-$name.txt"; fail "$name: $phy has no 2.4 GHz channels"; }
  [ "$(cat "/sys/class/net/$DONGLE_IFACE/address")" = "$DONGLE_MAC" ] \
    || fail "$name: the interface does not carry the EEPROM address"
  log "$name: 0bda:$product probed as $chip + RTL8225z2 ($phy)"
}

# scans NAME: the dongle, moved to netns sta and up, finds the AP.
scans() {
  move_radio "$DONGLE_IFACE" sta
  ip -n sta link set "$DONGLE_IFACE" up || fail "$1: cannot bring $DONGLE_IFACE up"
  wait_until 180 dongle_scan_finds_ap \
    || { dongle_scan_stalled; fail "$1: scan did not find $DONGLE_SSID"; }
  log "$1: scan found $DONGLE_SSID"
}

for number in ${CHIPS_B_NAMED_ONLY:-}; do
  case "$number" in
    0) probed b-b 8189 RTL8187BvB --chip rtl8187b --b-revision 0 ;;
    3) probed b-unknown 8189 "RTL8187BvB (default)" --chip rtl8187b --b-revision 3 ;;
    *) fail "CHIPS_B_NAMED_ONLY: revision $number is not one the driver only names" ;;
  esac
  dongle_unplugged "b-$number"
done

probed b-d 8189 RTL8187BvD --chip rtl8187b --b-revision 1 --rx-antenna 1
dongle_captures_beacons b-d 1
log "b-d: monitor captures the AP's beacons, on antenna 1 (the B trailer's rssi bit 7)"
dongle_unplugged b-d

probed b-early 8187 "RTL8187BvB(early)" --chip rtl8187b-early
if [ "$DONGLE_DRIVER" = rtl8187 ]; then early="inconsistency between id with OEM info"
else early="USB ID of an RTL8187L, but the chip is an RTL8187B"; fi
dmesg | contains "$early" || fail "b-early: the driver did not note a B on the RTL8187L's ID"
scans b-early
dongle_unplugged b-early

probed b-e 8189 RTL8187BvE --chip rtl8187b
move_radio "$DONGLE_IFACE" sta
ip -n sta link set "$DONGLE_IFACE" up || fail "b-e: cannot bring $DONGLE_IFACE up"
dongle_associate
log "b-e: associated: $(ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" link | head -n1)"
ip netns exec sta ping -c 3 -W 10 10.56.0.1 || fail "b-e: the dongle cannot ping the AP"
ping -c 3 -W 10 10.56.0.2 || fail "b-e: the AP cannot ping the dongle"
grep -q "tx_status=[1-9]" <(kill -USR2 "$DONGLE_PID"; nap 1; cat "$DONGLE_LOG") \
  || fail "b-e: the emulator sent no TX status records"
log "b-e: WPA2 association and ping through the RTL8187B"
# A surprise unplug over Raw Gadget: the gadget leaves the bus at once.
dongle_unplug
wait_until 30 dongle_gone || fail "b-e: the driver still holds the dongle after the unplug"
grep -q "pulled out:" "$RWLAN_OUT/emu.log" || { cat "$RWLAN_OUT/emu.log"; fail "b-e: the emulator did not pull out"; }
log "b-e: pulled out"
