# dongle/wpa2 on an RTL8187B (0bda:8189, revision E): WPA2 association,
# ping both ways, iperf3 and a surprise unplug mid-transfer, through the
# B's per-queue bulk endpoints, its descriptors and its TX status records.
# In `make soak`, not `make test`: dongle/chips-b, which `make test` runs,
# associates the same board over WPA2, pings both ways, checks the TX
# status records and pulls the dongle out; iperf3 and the unplug under
# load are what this adds, and `make test` runs them on the RTL8187L.
# drivers: rwlan_rtl8187 rtl8187
DONGLE_CHIP=rtl8187b
. tests/dongle/wpa2.sh
