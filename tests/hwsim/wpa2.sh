# WPA2-PSK: hostapd AP on radio 0, wpa_supplicant station on radio 1 in its
# own netns; association, both sides list each other, ping both ways,
# iperf3 TCP station->AP, whose segments GRO merges on rwlan_hwsim.
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

# What the AP's stack takes in during the transfer: rwlan_hwsim receives
# through NAPI, so GRO merges the station's TCP segments (payloads above
# one MSS); mac80211_hwsim hands each frame over alone.
# A loaded guest can take seconds to start tcpdump, and iperf3 more than
# 15 s: wait until it listens, and stop it only after the transfer.
timeout 300 tcpdump -i "$ap" -nn -p -s 80 'tcp dst port 5201' > "$RWLAN_OUT/ap-tcp.txt" 2> "$RWLAN_OUT/ap-tcp.err" &
dump=$!
wait_until 30 grep -q "listening on" "$RWLAN_OUT/ap-tcp.err" || fail "tcpdump on $ap did not start"
mbps=$(iperf3_mbps sta 10.55.0.1 3)
log "iperf3 TCP station->AP over WPA2 ($RWLAN_RADIO): $mbps Mbit/s"
python3 -S -c "import sys; sys.exit(0 if float('$mbps') > 0 else 1)" || fail "no iperf3 throughput"
nap 1
kill "$dump" 2> /dev/null || true; wait "$dump" || true
largest=$({ grep -o 'seq [0-9]*:[0-9]*' "$RWLAN_OUT/ap-tcp.txt" || true; } | awk -F'[ :]' '$3 - $2 > m { m = $3 - $2 } END { print m + 0 }')
log "largest TCP payload the AP's stack took in: $largest bytes"
[ "$largest" -gt 0 ] || fail "the capture on $ap saw no TCP data"
if [ "$RWLAN_RADIO" = rwlan_hwsim ]; then
  [ "$largest" -gt 1448 ] || fail "no TCP segments were merged (GRO) on $ap"
else
  [ "$largest" -le 1448 ] || fail "mac80211_hwsim merged TCP segments on $ap"
fi
