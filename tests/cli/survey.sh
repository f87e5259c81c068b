# Survey data, as iw shows it and as hostapd's automatic channel selection
# uses it. A software scan surveys each channel it visits: rwlan dev IF
# survey dump prints the same text as iw's for the same radio and, with
# --json, one object a channel, at least 13 of them with time spent there.
# A hardware scan (a radio with channel contexts) records each channel's
# dwell: 30 ms probing, 120 ms listening, at least. hostapd with
# channel=acs_survey then picks its channel from the survey.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
ifc=$(hwsim_iface 0)
ip link set "$ifc" up
"$rw" dev "$ifc" scan > /dev/null || fail "scan before the survey failed"
iw dev "$ifc" survey dump > "$RWLAN_OUT/iw.txt" 2>&1 || { cat "$RWLAN_OUT/iw.txt"; fail "iw survey dump failed"; }
"$rw" dev "$ifc" survey dump > "$RWLAN_OUT/rwlan.txt" || fail "rwlan survey dump failed where iw's worked"
diff "$RWLAN_OUT/iw.txt" "$RWLAN_OUT/rwlan.txt" || fail "rwlan survey dump differs from iw's"
"$rw" --json dev "$ifc" survey dump > "$RWLAN_OUT/survey.json" || fail "rwlan --json survey dump failed"
n=$(grep -c "^Survey data from $ifc" "$RWLAN_OUT/iw.txt" || true)
[ "$(jq length "$RWLAN_OUT/survey.json")" = "$n" ] || fail "--json: not $n surveys"
jq -e 'all(.[]; .freq > 0 and .noise_dbm == -92 and .busy_ms <= .active_ms)' "$RWLAN_OUT/survey.json" > /dev/null \
  || fail "--json: a survey without its frequency, a -92 dBm noise floor or a busy time within the active one"
timed=$(jq '[.[] | select(.active_ms > 0)] | length' "$RWLAN_OUT/survey.json")
[ "$timed" -ge 13 ] || fail "software scan: only $timed of $n channels with time spent on them"
log "software scan: $n channels surveyed, $timed with time on them, as iw shows them"

"$rw" hwsim new --chanctx --name survey-hw > /dev/null || fail "cannot make a radio with channel contexts"
hw_ifc=$(ls /sys/class/ieee80211/survey-hw/device/net)
ip link set "$hw_ifc" up
"$rw" dev "$hw_ifc" scan > /dev/null || fail "hardware scan failed"
"$rw" --json dev "$hw_ifc" survey dump > "$RWLAN_OUT/survey-hw.json" || fail "survey dump after a hardware scan failed"
jq -e 'length >= 13 and all(.[]; .active_ms >= 30 and .busy_ms == (.active_ms / 8 | floor))' \
  "$RWLAN_OUT/survey-hw.json" > /dev/null || { cat "$RWLAN_OUT/survey-hw.json"; fail "hardware scan: survey times not each channel's dwell"; }
log "hardware scan: $(jq length "$RWLAN_OUT/survey-hw.json") channels, $(jq -c '[.[].active_ms] | unique' "$RWLAN_OUT/survey-hw.json") ms each"

# Two scans rather than hostapd's default five keep the wait short; a busy
# guest may still take a while over them.
ap=$(hwsim_iface 1)
HOSTAPD_WAIT=90 start_hostapd "$ap" "ssid=rwlan-acs
hw_mode=g
channel=acs_survey
acs_num_scans=2"
contains -E 'ACS-COMPLETED freq=[0-9]+ channel=[0-9]+' "$RWLAN_OUT/hostapd-$ap.log" \
  || fail "hostapd did not choose its channel from the survey"
log "hostapd: $(grep -o 'ACS-COMPLETED.*' "$RWLAN_OUT/hostapd-$ap.log")"
expect 3 'no such interface' "$rw" dev nosuch0 survey dump
