# dongle/monitor on an RTL8187vB with a plain RTL8225 at ASIC revision 0,
# whose RF writes the host bit-bangs: monitor capture, injection and a
# channel change.
# In `make soak`, not `make test`: dongle/chips, which `make test` runs,
# probes this board, tunes it and captures through it; the scenario itself
# does nothing chip-specific and `make test` runs it on the RTL8187vD.
# drivers: rwlan_rtl8187 rtl8187
DONGLE_CHIP="rtl8187l-vb --asic-rev 0"
. tests/dongle/monitor.sh
