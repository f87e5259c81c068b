# The emulated RTL8187L on dummy_hcd: the C rtl8187 driver binds, reads the
# MAC from the emulated EEPROM, detects an RTL8187vD with an RTL8225z2, starts
# (reset, EEPROM reload, RF init and calibration) and goes away cleanly when
# the dongle is unplugged. Then the dongle is plugged and cleanly unplugged
# again while the driver probes, DONGLE_STOPS (2) times.
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

dongle_modules
hwsim_load 1
dongle_antenna 0
dongle_start --trace

[ "$(cat "/sys/class/net/$DONGLE_IFACE/address")" = "$DONGLE_MAC" ] \
  || fail "interface address $(cat "/sys/class/net/$DONGLE_IFACE/address") is not the EEPROM MAC $DONGLE_MAC"
dmesg | contains "hwaddr $DONGLE_MAC, RTL8187vD V1 + rtl8225z2" \
  || { dmesg | grep rtl8187; fail "driver did not identify an RTL8187vD + rtl8225z2"; }

ip link set "$DONGLE_IFACE" up || fail "cannot bring $DONGLE_IFACE up"
# The RF chip decodes the channel from register 7 and the antenna follows.
wait_until 20 grep -q "antenna $DONGLE_ANTENNA on 2412 MHz" "$DONGLE_LOG" \
  || fail "the driver never tuned the radio to channel 1"
log "antenna tuned to $(dongle_freq) MHz"
if dmesg | grep -E "rtl8187.*(timeout|Calibration Failed)"; then fail "driver reported a hardware error"; fi
phy=$(phy_of "$DONGLE_IFACE")
# The driver polls the switch every second; a poll whose register read
# timed out on an overloaded host reads "off" once, the next one "on".
wait_until 10 grep -qx 0 /sys/class/ieee80211/"$phy"/rfkill*/hard || fail "radio switch reads off"
grep -q "R TX_CONF" "$DONGLE_LOG" || fail "--trace did not name register accesses"

dongle_stop
wait_until 20 dongle_gone || fail "interface still there after unplug"
grep "stopped:" "$RWLAN_OUT/emu.log"
log "unplugged cleanly"

# Clean unplugs while the host driver probes: the emulator stops with its
# bulk OUT reads in flight and must release the gadget before removing it,
# or the next plug finds the UDC busy (and 6.12's FunctionFS may touch the
# removed gadget). soak/dongle-stop runs 200.
stops=${DONGLE_STOPS:-2}
for i in $(seq "$stops"); do
  dongle_plug
  wait_until 60 usb_dongle || { cat "$RWLAN_OUT/emu.log" "$DONGLE_LOG"; fail "stop $i: the dongle did not enumerate"; }
  nap $(( i % 3 ))
  dongle_stop
  grep -q "stopped:" "$RWLAN_OUT/emu.log" || { cat "$RWLAN_OUT/emu.log"; fail "stop $i: the emulator did not stop cleanly"; }
  grep -qE "WARN.*(gadget|FunctionFS)" "$RWLAN_OUT/emu.log" && { cat "$RWLAN_OUT/emu.log"; fail "stop $i: the emulator warned while stopping"; }
  wait_until 30 usb_dongle_gone || fail "stop $i: the dongle is still on the bus"
done
[ "$stops" = 0 ] || log "$stops clean unplugs during probe"
