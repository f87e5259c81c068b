# 802.11ac: the 5 GHz band advertises VHT (80, 160 and 80+80 MHz, MCS 0-9 on
# eight streams, as mac80211_hwsim); hostapd runs a VHT AP on an 80 MHz
# channel (36-48, centre 5210 MHz) in the US domain; an open station joins
# it on that channel and pings; the AP receives at VHT rates; held to VHT
# MCS 9 on one stream, the AP's frames reach the station at that rate.
# (Both drivers' frames go at 20 MHz here although both ends are on 80.)
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 2
AP_IFACE=$(hwsim_iface 0); STA_IFACE=$(hwsim_iface 1)
rw=$RWLAN_BIN/rwlan
"$rw" phy "$(phy_of "$AP_IFACE")" > "$RWLAN_OUT/phy.txt"
awk '/^\tBand 2:/ { b = 1 } b && /VHT Capabilities/ { found = 1 } END { exit !found }' "$RWLAN_OUT/phy.txt" \
  || fail "5 GHz band without VHT capabilities"
contains -F '160 MHz, 80+80 MHz' "$RWLAN_OUT/phy.txt" || fail "VHT without 160 and 80+80 MHz"
contains -F '8 streams: MCS 0-9' "$RWLAN_OUT/phy.txt" || fail "VHT without MCS 0-9 on eight streams"

use_regdb
reg_country US
netns_new sta
move_radio "$STA_IFACE" sta
start_hostapd "$AP_IFACE" "ssid=rwlan-vht
country_code=US
hw_mode=a
channel=36
ieee80211n=1
ht_capab=[HT40+]
ieee80211ac=1
vht_oper_chwidth=1
vht_oper_centr_freq_seg0_idx=42"
"$rw" dev "$AP_IFACE" info | contains -F 'width: 80 MHz, center1: 5210 MHz' || { "$rw" dev "$AP_IFACE" info; fail "the AP is not on 80 MHz at 5210"; }
ip addr add 10.67.0.1/24 dev "$AP_IFACE"
open_station rwlan-vht 10.67.0
ip netns exec sta ping -c 20 -i 0.2 -W 5 10.67.0.1 > "$RWLAN_OUT/ping.txt" || { cat "$RWLAN_OUT/ping.txt"; fail "no ping over the VHT link"; }
in_sta "$rw" dev "$STA_IFACE" info | contains -F 'width: 80 MHz, center1: 5210 MHz' \
  || { in_sta "$rw" dev "$STA_IFACE" info; fail "the station is not on the AP's 80 MHz channel"; }

"$rw" dev "$AP_IFACE" station dump > "$RWLAN_OUT/ap-stations.txt"
ap_rx=$(grep -m1 -o 'rx bitrate:.*' "$RWLAN_OUT/ap-stations.txt")
[[ $ap_rx == *VHT-MCS* ]] || { cat "$RWLAN_OUT/ap-stations.txt"; fail "the AP did not receive at a VHT rate"; }

# Held to VHT MCS 9 on one stream, the AP's frames reach the station at
# that rate (the MCS and stream count cross the air in the RX status).
"$rw" dev "$AP_IFACE" set bitrates vht-mcs-5 1:9 || fail "cannot hold the AP to VHT MCS 9"
ip netns exec sta ping -c 10 -i 0.2 -W 5 10.67.0.1 > "$RWLAN_OUT/ping-mcs9.txt" || { cat "$RWLAN_OUT/ping-mcs9.txt"; fail "no ping at VHT MCS 9"; }
in_sta "$rw" dev "$STA_IFACE" station dump > "$RWLAN_OUT/sta-view.txt"
sta_rx=$(grep -m1 -o 'rx bitrate:.*' "$RWLAN_OUT/sta-view.txt")
log "AP $ap_rx; station $sta_rx"
[[ $sta_rx == *'VHT-MCS 9 '*'VHT-NSS 1'* ]] || { cat "$RWLAN_OUT/sta-view.txt"; fail "the station did not receive at VHT MCS 9 on one stream"; }
