# dongle/fault-flood with the C rtl8187 as the host driver. It does not
# survive the flood: a garbage trailer's rate index (up to 15) reaches
# mac80211 unchecked (WARNING in ieee80211_rx_list), and a transfer shorter
# than the trailer or completed with an error is not resubmitted, so the
# ring of 32 RX URBs drains and the dongle goes deaf.
export RWLAN_DRIVER=rtl8187
. tests/dongle/fault-flood.sh
