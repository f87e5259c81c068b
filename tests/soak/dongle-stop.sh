# The long form of dongle/probe's clean unplugs: 200 times the emulator
# stops (SIGTERM) while the host driver probes, each time releasing
# FunctionFS before it removes its gadget.
# drivers: rwlan_rtl8187 rtl8187
# time limit: 10800 s
. tests/lib/lib.sh
DONGLE_STOPS=$(soak_count 200)
. tests/dongle/probe.sh
