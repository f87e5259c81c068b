# dongle/wpa2 on an RTL8187B (0bda:8189, revision E): WPA2 association,
# ping both ways, iperf3 and a surprise unplug mid-transfer, through the
# B's per-queue bulk endpoints, its descriptors and its TX status records.
# The B's other scenarios run in `make soak` (tests/soak/dongle-b-*.sh).
# drivers: rwlan_rtl8187 rtl8187
DONGLE_CHIP=rtl8187b
. tests/dongle/wpa2.sh
