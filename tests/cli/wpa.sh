# WPA2-PSK: wpa_supplicant does the 4-way handshake, rwlan observes it
# (event, link, scan security summary, station flags on the AP); rwlan
# event -f prints the auth and assoc frames as iw event -f does.
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
ip netns exec sta "$rw" event -f > "$RWLAN_OUT/events-f.txt" 2>&1 &
evf_pid=$!; on_exit "kill $evf_pid"
ip netns exec sta iw event -f > "$RWLAN_OUT/iw-events-f.txt" 2>&1 &
iwf_pid=$!; on_exit "kill $iwf_pid"
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
mlme() { grep -E '^[^ ]+ \(phy #[0-9]+\): (auth|assoc) ' "$1"; }
wait_until 10 eval 'mlme "$RWLAN_OUT/iw-events-f.txt" | contains -F "[frame:"' \
  || { cat "$RWLAN_OUT/iw-events-f.txt"; fail "iw event -f saw no auth or assoc frame"; }
mlme "$RWLAN_OUT/iw-events-f.txt" > "$RWLAN_OUT/iw-mlme.txt"
mlme "$RWLAN_OUT/events-f.txt" > "$RWLAN_OUT/rwlan-mlme.txt"
diff -u "$RWLAN_OUT/iw-mlme.txt" "$RWLAN_OUT/rwlan-mlme.txt" || fail "rwlan event -f shows auth/assoc other than iw"
log "wpa_supplicant connected; rwlan saw: $(grep -c . "$RWLAN_OUT/events.txt") events; auth/assoc with frames as iw"
