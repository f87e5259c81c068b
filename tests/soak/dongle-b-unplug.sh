# dongle/unplug on an RTL8187B (0bda:8189, revision E): surprise unplugs
# with transfers in flight and rmmod under traffic.
# In `make soak`, not `make test`: the scenario does nothing chip-specific
# and `make test` runs it on the RTL8187L, while the B's own paths
# (endpoints, descriptors, TX status records, RX trailer) carry every frame
# of dongle/wpa2-b and dongle/chips-b, which `make test` runs.
# drivers: rwlan_rtl8187 rtl8187
DONGLE_CHIP=rtl8187b
. tests/dongle/unplug.sh
