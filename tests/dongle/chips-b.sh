# The RTL8187B boards the emulator can be, probed by the C rtl8187 driver:
# - rtl8187b on the B's own USB ID 0bda:8189, revision read at 0xFFE1 (one
#   run per revision the driver names: B-cut 0, D-cut 1, E-cut 2, and an
#   unknown 3 it takes for a B-cut);
# - rtl8187b-early on the RTL8187L's ID 0bda:8187, which the driver tells
#   from an RTL8187L by TX_CONF's hardware version 6.
# Each must be identified with its RTL8225z2, read its EEPROM address and
# register its wiphy. The driver starts a B
# only through its fixed bulk endpoints (IN 3, IN 9, OUT 4-7 and 12), which
# only the raw transport gives; over FunctionFS this stops at the probe.
# drivers: rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

dongle_modules
hwsim_load 1
dongle_antenna 0

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
  dongle_stop
  wait_until 30 dongle_gone || fail "$name: the driver still holds the dongle after the unplug"
  cp "$RWLAN_OUT/emu.log" "$RWLAN_OUT/emu-$name.log"
}

probed b-e 8189 RTL8187BvE --chip rtl8187b
probed b-d 8189 RTL8187BvD --chip rtl8187b --b-revision 1
probed b-b 8189 RTL8187BvB --chip rtl8187b --b-revision 0
probed b-unknown 8189 "RTL8187BvB (default)" --chip rtl8187b --b-revision 3
probed b-early 8187 "RTL8187BvB(early)" --chip rtl8187b-early
dmesg | contains "inconsistency between id with OEM info" \
  || fail "b-early: the driver did not note a B on the RTL8187L's ID"
