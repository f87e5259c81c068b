# WPA2-PSK: hostapd AP on radio 0, wpa_supplicant station on radio 1 in its
# own netns; association, both sides list each other, ping both ways,
# iperf3 TCP station->AP.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

wpa2_ap_and_station rwlan-wpa2 "correct horse battery" 6
ap=$AP_IFACE sta=$STA_IFACE
link=$(in_sta "$RWLAN_BIN/rwlan" dev "$sta" link)
log "station link ($RWLAN_RADIO):"; echo "$link"
echo "$link" | contains "SSID: rwlan-wpa2" || fail "station link shows no SSID rwlan-wpa2"
echo "$link" | contains "freq: 2437" || fail "station is not on 2437 MHz"

sta_addr=$(ip netns exec sta cat "/sys/class/net/$sta/address")
"$RWLAN_BIN/rwlan" dev "$ap" station dump > "$RWLAN_OUT/ap-stations.txt" 2>&1
contains "^Station $sta_addr" "$RWLAN_OUT/ap-stations.txt" \
  || { cat "$RWLAN_OUT/ap-stations.txt"; fail "AP does not list station $sta_addr"; }
ip netns exec sta ping -c 3 -W 5 10.55.0.1 || fail "station cannot ping the AP"
ping -c 3 -W 5 10.55.0.2 || fail "AP cannot ping the station"

mbps=$(iperf3_mbps sta 10.55.0.1 3)
log "iperf3 TCP station->AP over WPA2 ($RWLAN_RADIO): $mbps Mbit/s"
python3 -S -c "import sys; sys.exit(0 if float('$mbps') > 0 else 1)" || fail "no iperf3 throughput"
