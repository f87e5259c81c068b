# rwlan dev IF survey dump against iw's for the same radio, after a scan
# (mac80211_hwsim surveys the channels a scan visits): the same text and,
# with --json, one object a channel (none from rwlan_hwsim today, which
# keeps no survey; a driver without the operation is refused as by iw).
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
ifc=$(hwsim_iface 0)
ip link set "$ifc" up
"$rw" dev "$ifc" scan > /dev/null || fail "scan before the survey failed"
iw_rc=0
iw dev "$ifc" survey dump > "$RWLAN_OUT/iw.txt" 2>&1 || iw_rc=$?
if [ "$iw_rc" -ne 0 ]; then
  grep -q "Operation not supported" "$RWLAN_OUT/iw.txt" || { cat "$RWLAN_OUT/iw.txt"; fail "iw survey dump failed"; }
  expect 6 'cannot read the survey: the driver does not support this operation' "$rw" dev "$ifc" survey dump
  log "survey dump: not supported by $RWLAN_RADIO, as iw says"
else
  "$rw" dev "$ifc" survey dump > "$RWLAN_OUT/rwlan.txt" || fail "rwlan survey dump failed where iw's worked"
  diff "$RWLAN_OUT/iw.txt" "$RWLAN_OUT/rwlan.txt" || fail "rwlan survey dump differs from iw's"
  n=$(grep -c "^Survey data from $ifc" "$RWLAN_OUT/iw.txt" || true)
  [ "$("$rw" --json dev "$ifc" survey dump | jq length)" = "$n" ] || fail "--json: not $n surveys"
  "$rw" --json dev "$ifc" survey dump | jq -e 'all(.[]; .freq > 0 and .noise_dbm != null)' > /dev/null \
    || fail "--json: a survey without its frequency or noise"
  log "survey dump: $n channels from $RWLAN_RADIO, the same as iw's"
fi
expect 3 'no such interface' "$rw" dev nosuch0 survey dump
