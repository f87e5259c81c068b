# Open AP and station: `iw scan` finds the AP with the right SSID, frequency
# and signal; association; ping both ways and a broadcast ping answered.
#
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 2
ap=$(hwsim_iface 0)

# Both bands are there (5 GHz stays NO-IR without a country, so the AP
# itself runs on 2.4 GHz).
"$RWLAN_BIN/rwlan" phy "$(phy_of "$ap")" > "$RWLAN_OUT/phy.txt"
grep -q "2484 MHz \[14\]" "$RWLAN_OUT/phy.txt" || fail "phy lacks channel 14"
grep -q "5180 MHz \[36\]" "$RWLAN_OUT/phy.txt" || fail "phy lacks 5 GHz channel 36"
grep -q "CCMP-128" "$RWLAN_OUT/phy.txt" || fail "phy lacks CCMP"

open_ap rwlan-open 1 10.56.0
sta=$STA_IFACE ap_addr=$AP_ADDR

ip -n sta link set "$sta" up
scan() { in_sta "$RWLAN_BIN/rwlan" dev "$sta" scan > "$RWLAN_OUT/scan.txt" 2>&1 && grep -q "SSID: rwlan-open" "$RWLAN_OUT/scan.txt"; }
wait_until 30 scan || { cat "$RWLAN_OUT/scan.txt"; fail "scan did not find rwlan-open"; }
bss=$(awk -v a="$ap_addr" '$1 == "BSS" && index($2, a) == 1 {p=1; print; next} $1 == "BSS" {p=0} p' "$RWLAN_OUT/scan.txt")
echo "$bss" | head -n 12
echo "$bss" | contains "freq: 2412" || fail "AP $ap_addr not reported on 2412 MHz"
signal=$(echo "$bss" | awk '/signal:/ {print $2; exit}')
log "scan: rwlan-open at 2412 MHz, signal $signal dBm"
# rx_rssi (-50) plus the AP's TX power (20 dBm by default).
python3 -S -c "import sys; s=float('$signal'); sys.exit(0 if -60 <= s <= 0 else 1)" || fail "unexpected signal $signal"

open_station rwlan-open 10.56.0
in_sta "$RWLAN_BIN/rwlan" dev "$sta" link | contains "freq: 2412" || fail "station not on 2412 MHz"
ip netns exec sta ping -c 3 -W 5 10.56.0.1 || fail "station cannot ping the AP"
ping -c 3 -W 5 10.56.0.2 || fail "AP cannot ping the station"
# A broadcast ping from the AP reaches the station, which answers.
ip netns exec sta sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
ping -b -c 3 -W 5 10.56.0.255 > "$RWLAN_OUT/bcast.txt" 2>&1 || true
grep -q "from 10.56.0.2" "$RWLAN_OUT/bcast.txt" \
  || { cat "$RWLAN_OUT/bcast.txt"; fail "broadcast ping not answered by the station"; }
