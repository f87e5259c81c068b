# The other RTL8187L boards the emulator can be, and what the host driver
# does beyond the common board's probe (tests/dongle/probe.sh):
# - an RTL8187vB with a plain RTL8225 and ASIC revision 0, so every RF write
#   is bit-banged, receiving on antenna 1: identified as such, tuned, and its
#   monitor captures an AP's beacons, with antenna 1 in their radiotap;
# - a board whose EEPROM address is erased, presented over Raw Gadget (the
#   emulator answering endpoint 0 itself, bulk IN 1 and OUT 2 numbered as
#   the board says): the driver warns and comes up with a random locally
#   administered address, and the monitor captures (on antenna 0);
# - unbinding the driver resets the dongle (the emulator sees the host
#   deconfigure and configure it again), and binding it again brings the
#   interface back.
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

dongle_modules
hwsim_load 2
start_hostapd "$(hwsim_iface 0)" "ssid=$DONGLE_SSID
hw_mode=g
channel=6"
dongle_antenna 1
netns_new sta

dmesg -C
dongle_start --chip rtl8187l-vb --asic-rev 0 --rx-antenna 1
dmesg | contains "hwaddr $DONGLE_MAC, RTL8187vB (default) V0 + rtl8225," \
  || { dmesg | grep -i rtl8187; fail "the driver did not identify an RTL8187vB V0 + rtl8225"; }
dongle_captures_beacons vb 1
log "RTL8187vB + RTL8225, ASIC revision 0: identified, tuned by bit-banged RF writes, captures on antenna 1"
dongle_unplugged vb

dmesg -C
DONGLE_TRANSPORT=raw dongle_start --blank-eeprom
grep -q "bound to .* (Raw Gadget)" "$DONGLE_LOG" || { cat "$DONGLE_LOG"; fail "the blank board is not on Raw Gadget"; }
# The endpoints carry the numbers of the RTL8187L's layout.
dev=$(dirname "$(grep -lx 8187 /sys/bus/usb/devices/*/idProduct | head -n 1)")
for ep in ep_81 ep_02; do
  compgen -G "$dev/*:1.0/$ep" >/dev/null || { ls "$dev"/*:1.0; fail "no endpoint $ep on the dongle's interface"; }
done
addr=$(cat "/sys/class/net/$DONGLE_IFACE/address")
first=$((16#${addr%%:*}))
[ $((first & 3)) = 2 ] || fail "address $addr of the blank board is not a locally administered unicast one"
[ "$addr" != "$DONGLE_MAC" ] || fail "the blank board came up with the emulator's address"
dmesg | grep -iE "rtl8187.*random" || fail "the driver did not say it made up an address"
intf=$(basename "$(compgen -G "/sys/bus/usb/drivers/$DONGLE_DRIVER/*:*")")
dongle_captures_beacons blank 0
log "blank EEPROM: random address $addr, captures"

resets() { grep -c "host deconfigured" "$DONGLE_LOG" || true; }
[ "$(resets)" = 0 ] || fail "the dongle was reset before the unbind"
echo "$intf" > "/sys/bus/usb/drivers/$DONGLE_DRIVER/unbind"
wait_until 30 sh -c "[ \$(grep -c 'host deconfigured' $DONGLE_LOG) -ge 1 ]" \
  || { cat "$DONGLE_LOG"; fail "unbinding the driver did not reset the dongle"; }
wait_until 30 sh -c "[ \$(grep -c 'host configured' $DONGLE_LOG) -ge 2 ]" \
  || { cat "$DONGLE_LOG"; fail "the host did not configure the dongle again after its reset"; }
echo "$intf" > "/sys/bus/usb/drivers/$DONGLE_DRIVER/bind" || fail "cannot bind $DONGLE_DRIVER again"
wait_until 240 dongle_iface || fail "no interface after binding again"
log "unbinding reset the dongle; bound again"
dongle_unplugged blank
