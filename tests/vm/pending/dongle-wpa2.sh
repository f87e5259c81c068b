# The C rtl8187 driver through the emulated RTL8187L against a hostapd WPA2
# AP on a virtual radio: scan finds the AP, wpa_supplicant associates, ping
# works both ways, iperf3 runs, and pulling the dongle (emulator killed)
# mid-iperf leaves the host clean: interface gone, no kernel reports.
. tests/vm/lib.sh
. firmware/scripts/dongle-env.sh

dongle_with_ap
wait_until 180 dongle_scan_finds_ap || fail "scan from the dongle did not find $DONGLE_SSID"
log "scan found $DONGLE_SSID"

dongle_associate
log "associated: $(ip netns exec sta iw dev "$DONGLE_IFACE" link | head -n1)"
iw dev "$DONGLE_AP" station dump | grep -q "^Station $DONGLE_MAC" || fail "AP does not list the dongle"
ip netns exec sta ping -c 3 -W 10 10.56.0.1 || fail "dongle cannot ping the AP"
ping -c 3 -W 10 10.56.0.2 || fail "AP cannot ping the dongle"

mbps=$(iperf3_mbps sta 10.56.0.1 3)
log "iperf3 TCP dongle->AP over WPA2: $mbps Mbit/s"
python3 -c "import sys; sys.exit(0 if float('$mbps') > 0 else 1)" || fail "no iperf3 throughput"

# Surprise unplug in the middle of a transfer.
iperf3 -s -1 -D -I "$RWLAN_TMP/iperf3-unplug.pid" >/dev/null
on_exit "kill \$(cat $RWLAN_TMP/iperf3-unplug.pid)"
sleep 0.5
ip netns exec sta iperf3 -c 10.56.0.1 -t 30 > "$RWLAN_OUT/iperf3-unplug.txt" 2>&1 &
iperf_pid=$!
sleep 3
dongle_unplug
wait_until 30 dongle_gone || fail "rtl8187 interface still present after unplug"
wait "$iperf_pid" 2>/dev/null || true
log "unplugged mid-iperf: interface gone"
