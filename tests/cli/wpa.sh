# WPA2-PSK: wpa_supplicant does the 4-way handshake, rwlan observes it
# (event, link, scan security summary, station flags on the AP).
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
ap=$(hwsim_iface 0); sta=$(hwsim_iface 1)
ap_addr=$(cat /sys/class/net/$ap/address); sta_addr=$(cat /sys/class/net/$sta/address)
netns_new sta
move_radio "$sta" sta
start_hostapd "$ap" "ssid=rwlan-wpa
hw_mode=g
channel=11
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=correct horse battery"

ip netns exec sta "$rw" event -t > "$RWLAN_OUT/events.txt" 2>&1 &
ev_pid=$!; on_exit "kill $ev_pid"
nap 1
start_wpa_supplicant sta "$sta" 'network={
  ssid="rwlan-wpa"
  psk="correct horse battery"
  key_mgmt=WPA-PSK
}'
ip netns exec sta "$rw" dev "$sta" link > "$RWLAN_OUT/link.txt"
grep -q "^Connected to $ap_addr (on $sta)" "$RWLAN_OUT/link.txt" || fail "link does not show the WPA2 AP"
ip netns exec sta "$rw" dev "$sta" scan --dump-only > "$RWLAN_OUT/scan.txt"
grep -q "security: WPA2 (PSK; CCMP)" "$RWLAN_OUT/scan.txt" || fail "scan does not summarise WPA2-PSK/CCMP"
"$rw" dev "$ap" station get "$sta_addr" > "$RWLAN_OUT/station.txt"
grep -q "authorized:	yes" "$RWLAN_OUT/station.txt" || fail "station not authorized after the 4-way handshake"
wait_until 10 grep -q "connected to $ap_addr" "$RWLAN_OUT/events.txt" \
  || { cat "$RWLAN_OUT/events.txt"; fail "event did not see the connect"; }
log "wpa_supplicant connected; rwlan saw: $(grep -c . "$RWLAN_OUT/events.txt") events"
