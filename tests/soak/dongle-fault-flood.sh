# The long form of dongle/fault-flood: 10,000 corrupted USB transfers under
# a flood. Only rwlan_rtl8187: the C rtl8187 does not survive the short
# form (tests/pending/dongle-fault-flood.sh says why).
# drivers: rwlan_rtl8187
# time limit: 7200 s
. tests/lib/lib.sh
DONGLE_FAULT_MIN=$(soak_count 10000)
DONGLE_FAULT_SECS=$(( DONGLE_FAULT_MIN / 5 + 300 ))
. tests/dongle/fault-flood.sh
