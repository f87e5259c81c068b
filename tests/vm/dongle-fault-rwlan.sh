# dongle-fault with rwlan_rtl8187 as the host driver.
export DONGLE_DRIVER=rwlan_rtl8187
. tests/vm/dongle-fault.sh
