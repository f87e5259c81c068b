# The long form of dongle/unplug: 100 surprise unplugs, a third with bulk
# traffic both ways, the others in turn during probe and while the
# interface comes up; then rmmod under traffic.
# drivers: rwlan_rtl8187 rtl8187
# time limit: 14400 s
. tests/lib/lib.sh
DONGLE_UNPLUGS=$(soak_count 100)
DONGLE_TRAFFIC_UNPLUGS=$(( (DONGLE_UNPLUGS + 2) / 3 ))
. tests/dongle/unplug.sh
