# Bad input gives one clear sentence and the documented exit code:
# 2 usage, 3 not found, 4 permission, 6 not supported, 7 busy.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

expect 3 'no known 802.11 USB dongle' "$rw" usb
expect 3 'no USB device at 9:99' "$rw" usb show 9:99
expect 2 'not BUS:ADDR' "$rw" usb show nonsense

hwsim_load 2
ifc=$(hwsim_iface 0); other=$(hwsim_iface 1)
expect 3 'no such interface: nosuch0' "$rw" dev nosuch0 scan
expect 3 'no such wiphy: phy99' "$rw" phy phy99
expect 2 'is not a monitor interface' "$rw" dev "$ifc" capture -w "$RWLAN_TMP/x.pcap"
expect 2 'usage|Usage' "$rw" dev "$ifc" frobnicate
expect 2 "'--passive' cannot be used with '--ssid" "$rw" dev "$ifc" scan --passive --ssid x
ip link set "$ifc" up
expect 4 'permission denied.*root' setpriv --reuid=65534 --regid=65534 --clear-groups "$rw" dev "$ifc" scan
# An AP-type interface cannot connect as a station.
ip link set "$other" down
"$rw" dev "$other" set type ap
ip link set "$other" up
expect 6 'does not support' "$rw" dev "$other" connect somewhere
# No channel at 2400 MHz: the kernel explains in an extack message.
expect 1 'cannot set the channel or wiphy setting: .*\(kernel says: .+\)' "$rw" dev "$other" set freq 2400
# A second scan while one runs.
iw dev "$ifc" scan trigger
expect 7 'busy' "$rw" dev "$ifc" scan
