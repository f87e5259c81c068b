# The emulated RTL8187L on dummy_hcd: the C rtl8187 driver binds, reads the
# MAC from the emulated EEPROM, detects an RTL8187vD with an RTL8225z2, starts
# (reset, EEPROM reload, RF init and calibration) and goes away cleanly when
# the dongle is unplugged.
. tests/vm/lib.sh
. firmware/scripts/dongle-env.sh

dongle_modules
hwsim_load 1
dongle_antenna 0
dongle_start --trace

[ "$(cat "/sys/class/net/$DONGLE_IFACE/address")" = "$DONGLE_MAC" ] \
  || fail "interface address $(cat "/sys/class/net/$DONGLE_IFACE/address") is not the EEPROM MAC $DONGLE_MAC"
dmesg | grep -q "hwaddr $DONGLE_MAC, RTL8187vD V1 + rtl8225z2" \
  || { dmesg | grep rtl8187; fail "driver did not identify an RTL8187vD + rtl8225z2"; }

ip link set "$DONGLE_IFACE" up || fail "cannot bring $DONGLE_IFACE up"
wait_until 20 dongle_freq || fail "the driver never tuned the radio"
log "antenna tuned to $(dongle_freq) MHz"
if dmesg | grep -E "rtl8187.*(timeout|Calibration Failed)"; then fail "driver reported a hardware error"; fi
phy=$(phy_of "$DONGLE_IFACE")
[ "$(cat /sys/class/ieee80211/"$phy"/rfkill*/hard)" = 0 ] || fail "radio switch reads off"
grep -q "R TX_CONF" "$DONGLE_LOG" || fail "--trace did not name register accesses"

dongle_stop
wait_until 20 dongle_gone || fail "interface still there after unplug"
grep "stopped:" "$RWLAN_OUT/emu.log"
log "unplugged cleanly"
