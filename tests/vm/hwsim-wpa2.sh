# WPA2-PSK: hostapd AP on radio 0, wpa_supplicant station on radio 1 in its
# own netns; association, both sides list each other, ping both ways,
# iperf3 TCP station->AP. Runs against $RWLAN_RADIO (hwsim-wpa2-rwlan.sh
# sets rwlan_hwsim).
. tests/vm/lib.sh

hwsim_load 2
ap=$(hwsim_iface 0); sta=$(hwsim_iface 1)
netns_new sta
move_radio "$sta" sta

start_hostapd "$ap" "ssid=rwlan-wpa2
hw_mode=g
channel=6
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=correct horse battery"
ip addr add 10.55.0.1/24 dev "$ap"

start_wpa_supplicant sta "$sta" 'network={
  ssid="rwlan-wpa2"
  psk="correct horse battery"
  key_mgmt=WPA-PSK
}'
ip -n sta addr add 10.55.0.2/24 dev "$sta"
ip -n sta link set "$sta" up
link=$(ip netns exec sta iw dev "$sta" link)
log "station link ($RWLAN_RADIO):"; echo "$link"
echo "$link" | grep -q "SSID: rwlan-wpa2" || fail "station link shows no SSID rwlan-wpa2"
echo "$link" | grep -q "freq: 2437" || fail "station is not on 2437 MHz"

sta_addr=$(ip netns exec sta cat "/sys/class/net/$sta/address")
iw dev "$ap" station dump | grep -q "^Station $sta_addr" || fail "AP does not list station $sta_addr"
ip netns exec sta ping -c 3 -W 5 10.55.0.1 || fail "station cannot ping the AP"
ping -c 3 -W 5 10.55.0.2 || fail "AP cannot ping the station"

mbps=$(iperf3_mbps sta 10.55.0.1 3)
log "iperf3 TCP station->AP over WPA2 ($RWLAN_RADIO): $mbps Mbit/s"
python3 -c "import sys; sys.exit(0 if float('$mbps') > 0 else 1)" || fail "no iperf3 throughput"
