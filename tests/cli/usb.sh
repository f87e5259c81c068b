# rwlan usb against the emulated RTL8187L on dummy_hcd, with the C rtl8187
# bound: list and --json name it, show prints the descriptors and endpoints
# the kernel reports in sysfs, and after the unplug the device is gone and
# showing its old address fails with exit code 3. A normal user sees all but
# the strings. usb ids lists the family's 21 IDs, and the IDs it says each
# driver serves are exactly that driver module's USB aliases.
# drivers: rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh
rw=$RWLAN_BIN/rwlan

dongle_modules
hwsim_load 1
dongle_antenna 0
dongle_start

# The USB device behind the interface, as the kernel sees it.
usbdev=$(readlink -f "/sys/class/net/$DONGLE_IFACE/device/..")
bus=$(cat "$usbdev/busnum"); addr=$(cat "$usbdev/devnum")
where=$(printf "Bus %03d Device %03d" "$bus" "$addr")
log "dongle at $bus:$addr ($usbdev)"

"$rw" usb list > "$RWLAN_OUT/list.txt" || fail "usb list failed"
cat "$RWLAN_OUT/list.txt"
[ "$(wc -l < "$RWLAN_OUT/list.txt")" = 1 ] || fail "usb list shows more than the dongle"
grep -qx "$where: ID 0bda:8187 RTL8187L (Realtek reference), served by rtl8187, rwlan_rtl8187; bound to rtl8187" \
  "$RWLAN_OUT/list.txt" || fail "usb list does not show the bound RTL8187L"
"$rw" usb | cmp -s - "$RWLAN_OUT/list.txt" || fail "usb without a subcommand differs from usb list"
# --all adds dummy_hcd's root hub, not a known dongle, named as lsusb names
# it, with the hub driver bound.
"$rw" usb list --all > "$RWLAN_OUT/list-all.txt" || fail "usb list --all failed"
cat "$RWLAN_OUT/list-all.txt"
grep -qE "^Bus [0-9]{3} Device 001: ID 1d6b:000[123] Linux Foundation [0-9.]+ root hub( \(.*\))?; bound to hub$" \
  "$RWLAN_OUT/list-all.txt" || fail "usb list --all does not show the root hub as one"

"$rw" --json usb list > "$RWLAN_OUT/list.json" || fail "usb --json list failed"
jq -e --argjson b "$bus" --argjson a "$addr" 'length == 1 and (.[0] | .bus == $b and .address == $a
    and .id == "0bda:8187" and .known.chip == "RTL8187L" and (.known.drivers | index("rtl8187")) != null
    and .interfaces[0].bound_driver == "rtl8187")' "$RWLAN_OUT/list.json" > /dev/null \
  || { cat "$RWLAN_OUT/list.json"; fail "usb --json list does not describe the dongle"; }

# show: strings and endpoints equal what the kernel read from the device.
"$rw" usb show "$bus:$addr" > "$RWLAN_OUT/show.txt" || fail "usb show failed"
cat "$RWLAN_OUT/show.txt"
for f in manufacturer product serial; do
  grep -qxF "	${f^}: $(cat "$usbdev/$f")" "$RWLAN_OUT/show.txt" || fail "usb show: $f is not $(cat "$usbdev/$f")"
done
version=$(tr -d ' ' < "$usbdev/version")
grep -qxF "	USB version: $version" "$RWLAN_OUT/show.txt" || fail "usb show: USB version is not $version"
grep -qx "	Interface 0 alt 0 class 0xff driver rtl8187" "$RWLAN_OUT/show.txt" || fail "usb show: interface"
n=0
for ep in "$usbdev"/*:1.0/ep_*; do
  a=$(cat "$ep/bEndpointAddress"); type=$(cat "$ep/type"); dir=$(cat "$ep/direction")
  size=$((16#$(cat "$ep/wMaxPacketSize")))
  case $dir in in) dir=IN ;; out) dir=OUT ;; esac
  [ "$type" = Bulk ] || fail "unexpected $type endpoint $a"
  grep -qx "		Endpoint 0x$a $dir bulk max packet $size interval .*" "$RWLAN_OUT/show.txt" \
    || fail "usb show lacks bulk $dir endpoint 0x$a ($size bytes)"
  n=$((n + 1))
done
[ "$n" = 2 ] || fail "sysfs lists $n endpoints, the RTL8187L has 2"
[ "$(grep -c '^		Endpoint' "$RWLAN_OUT/show.txt")" = 2 ] || fail "usb show prints other endpoints"
"$rw" usb show "$(printf %03d:%03d "$bus" "$addr")" | cmp -s - "$RWLAN_OUT/show.txt" \
  || fail "zero-padded BUS:ADDR shows something else"
"$rw" --json usb show "$bus:$addr" > "$RWLAN_OUT/show.json" || fail "usb --json show failed"
jq -e '.product == "RTL8187_Wireless" and ([.interfaces[0].endpoints[] | .direction + " " + .transfer] | sort)
    == ["IN bulk", "OUT bulk"]' "$RWLAN_OUT/show.json" > /dev/null \
  || { cat "$RWLAN_OUT/show.json"; fail "usb --json show does not list bulk IN and OUT"; }

# A normal user still sees the descriptors (libusb reads them from sysfs);
# the strings need the device opened, which usbfs allows root only.
setpriv --reuid=65534 --regid=65534 --clear-groups "$rw" usb show "$bus:$addr" > "$RWLAN_OUT/show-user.txt" \
  || fail "usb show as a normal user failed"
grep -qx "	Manufacturer: (unreadable)" "$RWLAN_OUT/show-user.txt" \
  || { cat "$RWLAN_OUT/show-user.txt"; fail "a normal user read the strings"; }
grep -v -e Manufacturer -e Product -e Serial "$RWLAN_OUT/show.txt" \
  | cmp -s - <(grep -v -e Manufacturer -e Product -e Serial "$RWLAN_OUT/show-user.txt") \
  || { cat "$RWLAN_OUT/show-user.txt"; fail "a normal user sees other descriptors than root"; }

# Unplug: the device leaves the bus, rwlan says so with exit code 3.
dongle_stop
wait_until 20 dongle_gone || fail "interface still there after unplug"
wait_until 20 test ! -e "$usbdev" || fail "$usbdev still there after unplug"
rc=0; out=$("$rw" usb show "$bus:$addr" 2>&1) || rc=$?
echo "after unplug: usb show $bus:$addr -> $rc: $out"
[ "$rc" = 3 ] || fail "usb show of the unplugged dongle exited $rc: $out"
[ "$out" = "rwlan: no USB device at $bus:$addr" ] || fail "unexpected message: $out"
rc=0; out=$("$rw" usb list 2>&1) || rc=$?
echo "after unplug: usb list -> $rc: $out"
[ "$rc" = 3 ] && [ "$out" = "rwlan: no known 802.11 USB dongle found" ] \
  || fail "usb list after unplug: exit $rc: $out"
"$rw" usb list --all | contains 0bda:8187 && fail "usb list --all still shows the dongle"
log "unplugged: rwlan usb no longer finds the dongle"

# usb ids needs no device: the family's 21 IDs; those it says rtl8187 and
# rwlan_rtl8187 serve are exactly the IDs of the modules' USB aliases.
ids_of() {
  PATH=$PATH:/sbin:/usr/sbin modinfo -F alias "$1" \
    | sed -n 's/^usb:v\(....\)p\(....\)d.*/\1:\2/p' | tr A-F a-f | sort
}
"$rw" --json usb ids > "$RWLAN_OUT/ids.json" || fail "usb --json ids failed"
[ "$(jq length "$RWLAN_OUT/ids.json")" = 21 ] || fail "usb ids does not list 21 IDs"
for m in rtl8187 "$RWLAN_MOD/rwlan_rtl8187.ko"; do
  name=$(basename "$m" .ko)
  jq -r --arg d "$name" '.[] | select(.drivers | index($d)) | .id' "$RWLAN_OUT/ids.json" \
    | sort > "$RWLAN_OUT/ids-$name.txt"
  [ -s "$RWLAN_OUT/ids-$name.txt" ] || fail "usb ids: no ID served by $name"
  ids_of "$m" | cmp -s - "$RWLAN_OUT/ids-$name.txt" \
    || { diff <(ids_of "$m") "$RWLAN_OUT/ids-$name.txt"; fail "usb ids: what $name serves is not its aliases"; }
  log "usb ids: $name serves $(wc -l < "$RWLAN_OUT/ids-$name.txt") IDs, as its aliases say"
done
"$rw" usb ids | contains -x "ID 0846:4260 RTL8187B (Netgear WG111v3): served by rtl8187, rwlan_rtl8187" \
  || { "$rw" usb ids; fail "usb ids does not say both drivers serve an RTL8187B"; }
