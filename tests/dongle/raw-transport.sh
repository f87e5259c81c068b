# The emulator over Raw Gadget (--transport raw) instead of FunctionFS: the
# emulator answers every request on endpoint 0 itself and numbers the
# endpoints as the board says. The host enumerates the dongle with bulk IN
# 1 and OUT 2, the driver probes it, a scan through it finds the AP, and a
# surprise unplug takes it off the bus at once. The other dongle scenarios
# run over Raw Gadget with RWLAN_EMU_TRANSPORT=raw.
# drivers: rtl8187
. tests/lib/lib.sh
DONGLE_TRANSPORT=raw
. tests/lib/dongle.sh

dongle_with_ap
grep -q "bound to .* (Raw Gadget)" "$DONGLE_LOG" || { cat "$DONGLE_LOG"; fail "the emulator did not use Raw Gadget"; }
# The endpoints carry the numbers of the board's layout.
dev=$(dirname "$(grep -lx 8187 /sys/bus/usb/devices/*/idProduct | head -n 1)")
for ep in ep_81 ep_02; do
  compgen -G "$dev/*:1.0/$ep" >/dev/null || { ls "$dev"/*:1.0; fail "no endpoint $ep on the dongle's interface"; }
done
wait_until 120 dongle_scan_finds_ap || { dongle_scan_stalled; fail "scan over Raw Gadget did not find $DONGLE_SSID"; }
log "scan over Raw Gadget found $DONGLE_SSID"
dongle_unplug
wait_until 30 dongle_gone || fail "interface still there after the unplug"
grep -q "pulled out:" "$RWLAN_OUT/emu.log" || { cat "$RWLAN_OUT/emu.log"; fail "the emulator did not pull out"; }
log "pulled out"
