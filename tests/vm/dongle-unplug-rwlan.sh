# dongle-unplug with rwlan_rtl8187 as the host driver, 20 surprise unplugs:
# 3 with bulk traffic both ways, 17 while probing or bringing the interface up.
# time limit: 1500 s
export DONGLE_DRIVER=rwlan_rtl8187 DONGLE_UNPLUGS=20 DONGLE_TRAFFIC_UNPLUGS=3
. tests/vm/dongle-unplug.sh
