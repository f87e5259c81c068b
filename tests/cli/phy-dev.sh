# rwlan phy / dev against the radio driver under test: the facts must match iw's for the
# same radios, --json must parse, dev add/del/set type work. Raw nl80211
# replies are kept in $RWLAN_OUT/nl/ as unit-test fixtures.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
mkdir -p "$RWLAN_OUT/nl/phy" "$RWLAN_OUT/nl/dev"
RWLAN_DUMP_NL=$RWLAN_OUT/nl/phy "$rw" phy > "$RWLAN_OUT/phy.txt" || fail "rwlan phy failed"
RWLAN_DUMP_NL=$RWLAN_OUT/nl/dev "$rw" dev > "$RWLAN_OUT/dev.txt" || fail "rwlan dev failed"
"$rw" --json phy > "$RWLAN_OUT/phy.json" && python3 -S -m json.tool "$RWLAN_OUT/phy.json" > /dev/null \
  || fail "rwlan --json phy is not JSON"
"$rw" --json dev > "$RWLAN_OUT/dev.json" && python3 -S -m json.tool "$RWLAN_OUT/dev.json" > /dev/null \
  || fail "rwlan --json dev is not JSON"

# Each tool's view is read once a radio: every process costs the debug guest
# about half a second.
for n in 0 1; do
  ifc=$(hwsim_iface $n); phy=$(phy_of "$ifc")
  iw_phy=$RWLAN_OUT/iw-$phy.txt rw_phy=$RWLAN_OUT/rwlan-$phy.txt
  iw phy "$phy" info > "$iw_phy" || fail "iw phy $phy info failed"
  "$rw" phy "$phy" > "$rw_phy" || fail "rwlan phy $phy failed"
  # Channels: the same frequencies, in the same order.
  sed -nE 's/.*\* ([0-9]+)(\.[0-9]+)? MHz \[.*/\1/p' "$iw_phy" > "$RWLAN_OUT/iw-$phy-freqs"
  jq -r --arg p "$phy" '.[] | select(.name == $p) | .bands[].channels[].freq' "$RWLAN_OUT/phy.json" \
    > "$RWLAN_OUT/rwlan-$phy-freqs"
  [ -s "$RWLAN_OUT/iw-$phy-freqs" ] || fail "iw lists no channels for $phy"
  diff -u "$RWLAN_OUT/iw-$phy-freqs" "$RWLAN_OUT/rwlan-$phy-freqs" || fail "$phy channels differ from iw"
  # Interface modes, ciphers and max scan SSIDs as text sections.
  section() { sed -n "/^\t$1/,/^\t[A-Za-z]/p" | sed -n 's/^\t\t[[:space:]]*//p'; }
  section 'Supported interface modes' < "$iw_phy" > "$RWLAN_OUT/iw-$phy-modes"
  section 'Supported interface modes' < "$rw_phy" > "$RWLAN_OUT/rwlan-$phy-modes"
  diff -u "$RWLAN_OUT/iw-$phy-modes" "$RWLAN_OUT/rwlan-$phy-modes" || fail "$phy interface modes differ"
  # Software modes and interface combinations: iw's lines, word for word.
  for sec in 'software interface modes' 'valid interface combinations'; do
    f=${sec// /-}
    section "$sec" < "$iw_phy" > "$RWLAN_OUT/iw-$phy-$f"
    section "$sec" < "$rw_phy" > "$RWLAN_OUT/rwlan-$phy-$f"
    [ -s "$RWLAN_OUT/iw-$phy-$f" ] || fail "iw shows no $sec for $phy"
    diff -u "$RWLAN_OUT/iw-$phy-$f" "$RWLAN_OUT/rwlan-$phy-$f" || fail "$phy $sec differ from iw"
  done
  # VHT capabilities and MCS sets (5 GHz): iw's lines, word for word.
  vht() { awk '/^\t\tVHT / { p = 1; print; next } /^\t\t[^\t]/ { p = 0 } p'; }
  vht < "$iw_phy" > "$RWLAN_OUT/iw-$phy-vht"
  vht < "$rw_phy" > "$RWLAN_OUT/rwlan-$phy-vht"
  [ -s "$RWLAN_OUT/iw-$phy-vht" ] || fail "iw shows no VHT capabilities for $phy"
  diff -u "$RWLAN_OUT/iw-$phy-vht" "$RWLAN_OUT/rwlan-$phy-vht" || fail "$phy VHT capabilities differ from iw"
  # HE and EHT capabilities of every band and interface type group: iw's
  # lines, word for word.
  he() { awk '/^\t\t(HE|EHT) Iftypes/ { p = 1; print; next } /^\t\t?[^\t]/ { p = 0 } p'; }
  he < "$iw_phy" > "$RWLAN_OUT/iw-$phy-he"
  he < "$rw_phy" > "$RWLAN_OUT/rwlan-$phy-he"
  [ -s "$RWLAN_OUT/iw-$phy-he" ] || fail "iw shows no HE capabilities for $phy"
  diff -u "$RWLAN_OUT/iw-$phy-he" "$RWLAN_OUT/rwlan-$phy-he" || fail "$phy HE/EHT capabilities differ from iw"
  jq -e --arg p "$phy" '[.[] | select(.name == $p) | .bands[].iftype_data[]] | length > 0 and all(.[]; (.he_mac | length) == 12)' \
    "$RWLAN_OUT/phy.json" > /dev/null || fail "--json phy lacks the HE capabilities"
  # Channels with their flags, widths and DFS state: iw's text (but the
  # DFS state's age, which moves between the two reads).
  age() { sed -E 's/ \(for [0-9]+ sec\)$//'; }
  iw phy "$phy" channels | age > "$RWLAN_OUT/iw-$phy-channels"
  "$rw" phy "$phy" channels | age > "$RWLAN_OUT/rwlan-$phy-channels"
  contains -F 'DFS state: usable' "$RWLAN_OUT/iw-$phy-channels" || fail "iw shows no DFS channels for $phy"
  diff -u "$RWLAN_OUT/iw-$phy-channels" "$RWLAN_OUT/rwlan-$phy-channels" || fail "$phy channels differ from iw"
  # Extended features: every one iw (5.19) names; rwlan knows 6.12's.
  ext() { sed -nE 's/^\t\t\* \[ ([A-Z0-9_]+) \].*/\1/p' | sort; }
  ext < "$iw_phy" > "$RWLAN_OUT/iw-$phy-ext"
  ext < "$rw_phy" > "$RWLAN_OUT/rwlan-$phy-ext"
  [ -s "$RWLAN_OUT/iw-$phy-ext" ] || fail "iw shows no extended features for $phy"
  missing=$(comm -23 "$RWLAN_OUT/iw-$phy-ext" "$RWLAN_OUT/rwlan-$phy-ext")
  [ -z "$missing" ] || fail "$phy: rwlan lacks extended features iw shows: $missing"
  jq -e --arg p "$phy" '.[] | select(.name == $p) | .ext_features | length > 0' "$RWLAN_OUT/phy.json" > /dev/null \
    || fail "--json phy lacks ext_features"
  # Without channel contexts both hwsim drivers leave remain-on-channel to
  # mac80211, which allows 5000 ms (iw does not print it).
  grep -qx $'\tMaximum remain-on-channel duration: 5000 ms' "$rw_phy" \
    || fail "$phy: remain-on-channel time is not mac80211's 5000 ms"
  want=$(sed -nE 's/.*max # scan SSIDs: ([0-9]+)/\1/p' "$iw_phy")
  got=$(jq -r --arg p "$phy" '.[] | select(.name == $p) | .max_scan_ssids' "$RWLAN_OUT/phy.json")
  [ "$want" = "$got" ] || fail "$phy max scan SSIDs: iw $want, rwlan $got"
  # Interface facts.
  iwdev=$(iw dev "$ifc" info) rwdev=$("$rw" dev "$ifc" info)
  for field in ifindex addr type; do
    want=$(sed -nE "s/^\t$field (.*)/\1/p" <<< "$iwdev")
    got=$(sed -nE "s/^\t\t$field (.*)/\1/p" <<< "$rwdev")
    [ "$want" = "$got" ] || fail "$ifc $field: iw '$want', rwlan '$got'"
  done
  jq -e --arg i "$ifc" --arg a "$(cat /sys/class/net/$ifc/address)" \
    '[.[].interfaces[] | select(.name == $i and .addr == $a and .iftype == "station")] | length == 1' \
    "$RWLAN_OUT/dev.json" > /dev/null || fail "$ifc missing from rwlan --json dev"
done
log "phy and dev match iw for 2 radios (modes, combinations, VHT, HE and EHT, channels, extended features)"

# dev add / set type / set channel / del.
ifc=$(hwsim_iface 0); phy=$(phy_of "$ifc")
"$rw" dev add rwtest0 --phy "$phy" --type monitor > "$RWLAN_OUT/add.txt" || fail "dev add failed"
iw dev rwtest0 info | contains 'type monitor' || fail "rwtest0 is not a monitor"
"$rw" dev rwtest0 set type managed > "$RWLAN_OUT/set.txt" || fail "set type managed failed"
[ ! -s "$RWLAN_OUT/set.txt" ] || fail "set printed text, iw prints none"
iw dev rwtest0 info | contains 'type managed' || fail "set type did not change rwtest0"
# --json: every command that succeeds prints its result.
"$rw" --json dev rwtest0 set type ibss | jq -e '.name == "rwtest0" and .iftype == "adhoc"' > /dev/null \
  || fail "set --json does not show the interface as IBSS"
"$rw" dev rwtest0 set type monitor || fail "set type monitor failed"
ip link set rwtest0 up
"$rw" dev rwtest0 set channel 11 HT40- || fail "set channel 11 HT40- failed"
iw dev rwtest0 info | contains 'channel 11 (2462 MHz), width: 40 MHz' \
  || { iw dev rwtest0 info; fail "set channel did not tune rwtest0"; }
"$rw" dev rwtest0 set freq 2412 || fail "set freq failed"
"$rw" --json dev rwtest0 info | jq -e '.freq == 2412 and .channel == 1' > /dev/null \
  || fail "rwlan does not report 2412 MHz after set freq"
"$rw" --json dev del rwtest0 | jq -e '.deleted == "rwtest0" and .ifindex > 0' > /dev/null \
  || fail "dev del --json does not name what it deleted"
[ ! -e /sys/class/net/rwtest0 ] || fail "rwtest0 still exists"
log "dev add/set/del work"

# dev add: an address and 4addr; monitor flags; every type the wiphy
# supports that has a network interface (not P2P-device or NAN).
"$rw" dev add rwtest1 --phy "$phy" --type managed --addr 02:12:34:56:78:9a --4addr on > /dev/null \
  || fail "dev add --addr --4addr failed"
[ "$(cat /sys/class/net/rwtest1/address)" = 02:12:34:56:78:9a ] || fail "dev add ignored --addr"
iw dev rwtest1 info | contains -x $'\t4addr: on' || { iw dev rwtest1 info; fail "dev add ignored --4addr"; }
"$rw" dev del rwtest1 || fail "dev del rwtest1 failed"
"$rw" dev add rwmon1 --phy "$phy" --type monitor --flags control,otherbss,active > /dev/null \
  || fail "dev add --flags failed"
# iw's word order deletes too, and --json says what went.
"$rw" --json dev rwmon1 del | jq -e '.deleted == "rwmon1"' > /dev/null || fail "dev rwmon1 del failed"
[ ! -e /sys/class/net/rwmon1 ] || fail "rwmon1 still there after dev rwmon1 del"
rc=0; out=$("$rw" dev add rwbad --phy "$phy" --type managed --flags control 2>&1) || rc=$?
[ "$rc" = 2 ] || fail "--flags on a managed interface exited $rc: $out"
for t in $("$rw" --json phy "$phy" | jq -r '.[0].iftypes[]'); do
  case $t in
    station) arg=managed ;; adhoc) arg=ibss ;; mesh_point) arg=mesh ;; ap_vlan) arg=ap-vlan ;;
    p2p_client) arg=p2p-client ;; p2p_go) arg=p2p-go ;; p2p_device|nan) continue ;;
    *) arg=$t ;;
  esac
  "$rw" dev add rwtype0 --phy "$phy" --type "$arg" > /dev/null || fail "dev add --type $arg failed"
  got=$("$rw" --json dev rwtype0 info | jq -r .iftype)
  [ "$got" = "$t" ] || fail "dev add --type $arg made a $got interface"
  "$rw" dev del rwtype0 || fail "dev del of the $arg interface failed"
  log "dev add --type $arg: $t"
done

# phy PHY set: iw's wiphy settings; iw must read back what rwlan set.
ifc=$(hwsim_iface 1); phy=$(phy_of "$ifc")
limits() { grep -E $'^\t(RTS threshold|Fragmentation threshold|Retry (short|long|short long) limit):'; }
for args in "rts 500" "frag 512" "retry short 5 long 3" "retry long 5" "rts off" "frag off"; do
  # shellcheck disable=SC2086
  "$rw" phy "$phy" set $args > "$RWLAN_OUT/phy-set.txt" || fail "phy set $args failed"
  [ ! -s "$RWLAN_OUT/phy-set.txt" ] || fail "phy set $args printed text, iw prints none"
  diff <(iw phy "$phy" info | limits) <("$rw" phy "$phy" | limits) || fail "after set $args iw and rwlan differ"
done
# Off is "never", which iw (and rwlan) leave out.
iw phy "$phy" info | contains $'^\tRTS threshold:' && fail "rts off: iw still shows a threshold"
iw phy "$phy" info | contains -x $'\tRetry short long limit: 5' \
  || { iw phy "$phy" info | limits; fail "retry short 5 and long 5 did not take"; }
"$rw" --json phy "$phy" set frag 1024 | jq -e '.[0].frag_threshold == 1024' > /dev/null \
  || fail "phy set --json does not show the new threshold"
ip link set "$ifc" up
"$rw" phy "$phy" set txpower fixed 1000 || fail "phy set txpower fixed 1000 failed"
wait_until 5 sh -c "iw dev $ifc info | grep -q 'txpower 10.00 dBm'" \
  || { iw dev "$ifc" info; fail "txpower fixed 10 dBm not in effect"; }
"$rw" phy "$phy" set txpower auto || fail "phy set txpower auto failed"
rc=0; out=$("$rw" phy "$phy" set txpower fixed 2>&1) || rc=$?
[ "$rc" = 2 ] || fail "txpower fixed without a level exited $rc: $out"
"$rw" phy "$phy" set name rwphy || fail "phy set name failed"
[ -e /sys/class/ieee80211/rwphy ] || fail "the wiphy was not renamed"
"$rw" phy rwphy set name "$phy" || fail "renaming back failed"
# netns: into a namespace by name and back by PID 1 (the initial one).
netns_new rwns
"$rw" phy "$phy" set netns name rwns || fail "phy set netns name failed"
ip netns exec rwns test -e "/sys/class/ieee80211/$phy" || fail "$phy is not in rwns"
[ ! -e "/sys/class/ieee80211/$phy" ] || fail "$phy still here after the move"
ip netns exec rwns "$rw" phy "$phy" set netns 1 || fail "moving $phy back by PID failed"
wait_until 5 test -e "/sys/class/ieee80211/$phy" || fail "$phy did not come back"
rc=0; out=$("$rw" phy "$phy" set netns name nosuchns 2>&1) || rc=$?
[ "$rc" = 3 ] || fail "a missing namespace exited $rc: $out"
log "phy set rts/frag/retry/txpower/name/netns work"

# dev IF set/get power_save and set txpower (this interface only).
ifc=$(hwsim_iface 0)
ip link set "$ifc" up
for state in on off; do
  "$rw" dev "$ifc" set power_save "$state" || fail "set power_save $state failed"
  iw dev "$ifc" get power_save | contains -x "Power save: $state" || fail "iw does not read power save $state"
  [ "$("$rw" dev "$ifc" get power_save)" = "Power save: $state" ] || fail "rwlan get power_save is not $state"
done
"$rw" --json dev "$ifc" get power_save | jq -e '.power_save == false' > /dev/null \
  || fail "get power_save --json wrong"
# The kernel takes it; the level shows once the interface is on a channel.
"$rw" dev "$ifc" set txpower fixed 700 || fail "dev set txpower fixed 700 failed"
"$rw" dev "$ifc" set txpower auto || fail "dev set txpower auto failed"
rc=0; out=$("$rw" dev "$ifc" set txpower limit 2>&1) || rc=$?
[ "$rc" = 2 ] || fail "txpower limit without a level exited $rc: $out"
log "power_save and per-interface txpower work"
