# Channel switch: the radios advertise it, hostapd's chan_switch moves an
# open AP from channel 1 to 6 with a countdown of 5 beacons, the AP's
# interface ends up on 2437 MHz, its station follows, and they ping there.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 2
"$RWLAN_BIN/rwlan" phy "$(phy_of "$(hwsim_iface 0)")" | contains -x $'\t\t \\* channel_switch' \
  || fail "the radio does not offer channel_switch"
open_bss rwlan-csa 1 10.68.0
ip netns exec sta ping -c 2 -W 5 10.68.0.1 > /dev/null || fail "no ping before the switch"

hostapd_cli -p "$RWLAN_TMP/hostapd" -i "$AP_IFACE" chan_switch 5 2437 | contains -x OK \
  || fail "hostapd refused chan_switch"
ap_on_6() { "$RWLAN_BIN/rwlan" dev "$AP_IFACE" info | contains -F 'channel 6 (2437 MHz)'; }
wait_until 20 ap_on_6 || { "$RWLAN_BIN/rwlan" dev "$AP_IFACE" info; cat "$RWLAN_OUT/hostapd-$AP_IFACE.log"; fail "the AP did not switch to channel 6"; }
contains -F 'AP-CSA-FINISHED' "$RWLAN_OUT/hostapd-$AP_IFACE.log" || fail "hostapd did not finish the switch"
sta_on_6() { in_sta "$RWLAN_BIN/rwlan" dev "$STA_IFACE" link | contains -F 'freq: 2437'; }
wait_until 20 sta_on_6 || { in_sta "$RWLAN_BIN/rwlan" dev "$STA_IFACE" link; fail "the station did not follow to 2437 MHz"; }
ip netns exec sta ping -c 3 -W 5 10.68.0.1 > "$RWLAN_OUT/ping.txt" || { cat "$RWLAN_OUT/ping.txt"; fail "no ping after the switch"; }
log "AP and station switched from 2412 to 2437 MHz and ping"
