# Idle cost of many beaconing radios, for one radio driver: 50 open APs of
# one hostapd on channel 1, and a 51st radio listening there as a station;
# the guest's idle CPU share over 10 s once every AP is up.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

aps=${RWLAN_BENCH_APS:-50}
hwsim_load $((aps + 1))
confs=()
for i in $(seq 0 $((aps - 1))); do
  conf=$RWLAN_TMP/hostapd-ap$i.conf
  printf 'interface=%s\nctrl_interface=%s\nssid=rwlan-beacon-%s\nhw_mode=g\nchannel=1\n' \
    "$(hwsim_iface "$i")" "$RWLAN_TMP/hostapd" "$i" > "$conf"
  confs+=("$conf")
done
hostapd -B -P "$RWLAN_TMP/hostapd.pid" -f "$RWLAN_OUT/hostapd.log" "${confs[@]}"
on_exit "kill \$(cat $RWLAN_TMP/hostapd.pid)"
enabled() {
  local i
  for i in $(seq 0 $((aps - 1))); do
    hostapd_cli -p "$RWLAN_TMP/hostapd" -i "$(hwsim_iface "$i")" status 2>/dev/null | contains state=ENABLED || return 1
  done
}
wait_until 120 enabled || { tail -n 20 "$RWLAN_OUT/hostapd.log"; fail "not every AP came up"; }
sta=$(hwsim_iface "$aps")
ip link set "$sta" up
# The station hears the APs: scans find them all. One active scan's dwell
# is too short for one hostapd to answer 50 probe requests under TCG, so
# the results of up to five scans add up (cfg80211 keeps them for 30 s).
found=0
for try in 1 2 3 4 5; do
  iw_scan iw dev "$sta" scan freq 2412 > /dev/null || fail "scan $try failed"
  # grep -c fails on no match: a scan that found nothing is a count of 0.
  found=$(iw dev "$sta" scan dump | grep -c "SSID: rwlan-beacon-" || true)
  log "scan $try: $found of $aps APs"
  [ "$found" -lt "$aps" ] || break
done
[ "$found" -ge "$aps" ] || fail "five scans found $found of $aps APs"

sleep 2
cpu() { awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print $5 + $6, t}' /proc/stat; }
read -r idle0 total0 < <(cpu)
sleep 10
read -r idle1 total1 < <(cpu)
echo "BENCH idle_cpu_${aps}_aps $RWLAN_RADIO $(python3 -S -c "print(round(100 * ($idle1 - $idle0) / ($total1 - $total0), 1))") %"
profiled beacons sleep 10
