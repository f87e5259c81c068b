# dongle/chips-b with the RTL8187B revisions the driver only names at probe
# (B-cut 0, and an unknown 3 it takes for a B-cut) besides the D-cut, the
# early B and the E-cut that `make test` runs.
# drivers: rwlan_rtl8187 rtl8187
CHIPS_B_NAMED_ONLY="0 3"
. tests/dongle/chips-b.sh
