# The emulated RTL8187L on dummy_hcd: the C rtl8187 driver binds, reads the
# MAC from the emulated EEPROM, detects an RTL8187vD with an RTL8225z2, starts
# (reset, EEPROM reload, RF init and calibration) and goes away cleanly when
# the dongle is unplugged.
# Its LED, wired to GPIO0 (EEPROM customer ID 0): the driver registers
# rtl8187-phyN::radio, ::tx and ::rx on mac80211's radio, TX and RX
# triggers; bringing the interface up lights the LED (with the C driver
# only if it wins a race, see below), a scan's probe request blinks it (TX;
# with no AP on the air nothing is received), taking the interface down
# puts it out (rwlan_rtl8187; the C driver leaves it lit), and the unplug
# removes the three LEDs.
# Then the dongle is plugged and cleanly unplugged
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

phy=$(phy_of "$DONGLE_IFACE")
for what in radio tx rx; do
  led=/sys/class/leds/rtl8187-$phy::$what
  [ -d "$led" ] || { ls /sys/class/leds; fail "no LED rtl8187-$phy::$what"; }
  contains -F "[$phy$what]" "$led/trigger" \
    || fail "rtl8187-$phy::$what does not follow trigger $phy$what: $(cat "$led/trigger")"
done
log "LEDs rtl8187-$phy::radio, ::tx, ::rx on triggers $phy{radio,tx,rx}"
# The emulator logs "LED on" / "LED off" whenever the host's writes change it.
led_changes() { grep -cE 'LED (on|off)$' "$DONGLE_LOG" || true; }
led_is() { [ "$(grep -oE 'LED (on|off)$' "$DONGLE_LOG" | tail -n 1)" = "LED $1" ]; }

ip link set "$DONGLE_IFACE" up || fail "cannot bring $DONGLE_IFACE up"
# The RF chip decodes the channel from register 7 and the antenna follows.
wait_until 20 grep -q "antenna $DONGLE_ANTENNA on 2412 MHz" "$DONGLE_LOG" \
  || fail "the driver never tuned the radio to channel 1"
log "antenna tuned to $(dongle_freq) MHz"
if dmesg | grep -E "rtl8187.*(timeout|Calibration Failed)"; then fail "driver reported a hardware error"; fi
# The driver polls the switch every second; a poll whose register read
# timed out on an overloaded host reads "off" once, the next one "on".
wait_until 10 grep -qx 0 /sys/class/ieee80211/"$phy"/rfkill*/hard || fail "radio switch reads off"
grep -q "R TX_CONF" "$DONGLE_LOG" || fail "--trace did not name register accesses"

if [ "$DONGLE_DRIVER" = rtl8187 ]; then
  # C's LED work does nothing until the interface is added, and mac80211
  # turns the radio trigger on just before that: whether C lights the LED
  # at up is a race. Its TX trigger lights it below.
  if wait_until 20 led_is on; then log "interface up: LED on"
  else log "interface up: the C driver left the LED off (its race)"; fi
else
  wait_until 20 led_is on || { grep LED "$DONGLE_LOG"; fail "the LED is not on with the interface up"; }
  log "interface up: LED on"
fi
# A probe request on the channel the radio is on (no retuning, which
# costs seconds a channel): the TX trigger blinks the LED off.
before=$(led_changes)
timeout 60 "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" scan --freq 2412 --timeout 50 > /dev/null \
  || fail "scanning on $DONGLE_IFACE failed"
wait_until 5 led_is on || fail "the LED is not on again after the scan"
# A blink is off, then on again; an LED that was off (C's race above)
# only comes on.
blinks=$(( ($(led_changes) - before + 1) / 2 ))
[ "$blinks" -gt 0 ] || fail "the scan did not blink the LED"
log "scan blinked the LED $blinks times"

ip link set "$DONGLE_IFACE" down
if [ "$DONGLE_DRIVER" = rtl8187 ]; then
  # C's LED work does nothing once the interface is gone, which mac80211
  # removes before it turns the radio trigger off: the LED stays lit.
  nap 2
  led_is on || fail "the C driver put the LED out at interface down (it did not before)"
  log "interface down: the C driver leaves the LED on"
else
  wait_until 10 led_is off || { grep LED "$DONGLE_LOG"; fail "the LED is still on with the interface down"; }
  log "interface down: LED off"
fi

dongle_stop
wait_until 20 dongle_gone || fail "interface still there after unplug"
grep "stopped:" "$RWLAN_OUT/emu.log"
left=$(ls /sys/class/leds | grep '^rtl8187-' || true)
[ -z "$left" ] || fail "LEDs left after the unplug: $left"
log "unplugged cleanly, LEDs removed"

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
