# rwlan reg get/set/reload and phy PHY reg get against iw: the same text
# for the world domain and for a country with DFS ranges, CAC times and
# rule flags (DE), after rwlan set it from the wireless-regdb database;
# --json carries the same rules; bad countries and unprivileged users are
# refused. The test kernel trusts only the upstream signing keys, so the
# guest reads the upstream-signed regulatory.db through the firmware
# search path. Ends back on the world domain, which later scenarios expect.
# drivers: rwlan_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

# same_as_iw: `rwlan reg get` prints what `iw reg get` prints.
same_as_iw() {
  diff <(iw reg get) <("$rw" reg get) > "$RWLAN_OUT/reg-diff.txt"
}

hwsim_load 1
same_as_iw || { cat "$RWLAN_OUT/reg-diff.txt"; fail "rwlan reg get differs from iw reg get"; }
log "world domain: rwlan and iw agree ($(iw reg get | grep -c '^	(') rules)"

use_regdb
reg_country DE
same_as_iw || { cat "$RWLAN_OUT/reg-diff.txt"; fail "rwlan reg get differs from iw reg get for DE"; }
phy=$(phy_of "$(hwsim_iface 0)")
diff <(iw phy "$phy" reg get) <("$rw" phy "$phy" reg get) || fail "rwlan phy $phy reg get differs from iw's"
"$rw" reg get > "$RWLAN_OUT/reg-DE.txt"
grep -q 'DFS, AUTO-BW' "$RWLAN_OUT/reg-DE.txt" || fail "no DFS rule in DE's domain"
log "DE: rwlan and iw agree, $(grep -c ' ms)' "$RWLAN_OUT/reg-DE.txt") rules with a CAC time"

json=$("$rw" --json reg get) || fail "rwlan --json reg get failed"
[ "$(jq -r '.[] | select(.wiphy == null) | .country' <<< "$json")" = DE ] || fail "--json: global country is not DE"
[ "$(jq '.[] | select(.wiphy == null) | .rules | length' <<< "$json")" = "$(grep -c '^	(' <(iw reg get | sed '/^$/q'))" ] \
  || fail "--json: rule count differs from iw's"
jq -e '.[] | select(.wiphy == null) | .rules[] | select(.dfs_cac_ms != null) | .flags | index("DFS")' <<< "$json" > /dev/null \
  || fail "--json: no DFS rule with its CAC time"

expect 2 "'germany' is not a country" "$rw" reg set germany
expect 2 "'de' is not a country" "$rw" reg set de
expect 4 'permission denied while trying to set the regulatory domain' setpriv --reuid=65534 --regid=65534 --clear-groups "$rw" reg set FR
[ "$(global_country)" = DE ] || fail "a refused request changed the domain"

"$rw" reg set 00 || fail "rwlan reg set 00 failed"
wait_until 30 eval '[ "$(global_country)" = 00 ]' || fail "back to world: the global domain is $(global_country)"
same_as_iw || { cat "$RWLAN_OUT/reg-diff.txt"; fail "rwlan reg get differs from iw reg get after 00"; }
log "reg set 00: world domain again, rwlan and iw agree"
