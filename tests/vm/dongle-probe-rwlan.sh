# dongle-probe with rwlan_rtl8187 as the host driver.
export DONGLE_DRIVER=rwlan_rtl8187
. tests/vm/dongle-probe.sh
# udev loads the module for the dongle by its aliases: one per USB ID.
modinfo "$RWLAN_MOD/rwlan_rtl8187.ko" > "$RWLAN_OUT/modinfo.txt" || fail "modinfo failed"
grep -q '^alias: *usb:v0BDAp8187d\*' "$RWLAN_OUT/modinfo.txt" || fail "no usb:v0BDAp8187 alias"
[ "$(grep -c '^alias: *usb:v' "$RWLAN_OUT/modinfo.txt")" -eq 13 ] || fail "not one alias per USB ID"
log "modinfo lists $(grep -c '^alias: *usb:v' "$RWLAN_OUT/modinfo.txt") USB aliases"
