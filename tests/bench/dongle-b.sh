# bench/dongle on an emulated RTL8187B (0bda:8189, revision E): TCP, UDP
# and RTT through the B's queues and TX status path, metrics dongle_b_*.
# drivers: rwlan_rtl8187 rtl8187
DONGLE_CHIP=rtl8187b
DONGLE_BENCH_PREFIX=dongle_b_
. tests/bench/dongle.sh
