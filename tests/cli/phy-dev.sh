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

for n in 0 1; do
  ifc=$(hwsim_iface $n); phy=$(phy_of "$ifc")
  # Channels: the same frequencies, in the same order.
  iw phy "$phy" info | sed -nE 's/.*\* ([0-9]+)(\.[0-9]+)? MHz \[.*/\1/p' > "$RWLAN_OUT/iw-$phy-freqs"
  jq -r --arg p "$phy" '.[] | select(.name == $p) | .bands[].channels[].freq' "$RWLAN_OUT/phy.json" \
    > "$RWLAN_OUT/rwlan-$phy-freqs"
  [ -s "$RWLAN_OUT/iw-$phy-freqs" ] || fail "iw lists no channels for $phy"
  diff -u "$RWLAN_OUT/iw-$phy-freqs" "$RWLAN_OUT/rwlan-$phy-freqs" || fail "$phy channels differ from iw"
  # Interface modes, ciphers and max scan SSIDs as text sections.
  section() { sed -n "/^\t$1/,/^\t[A-Za-z]/p" | sed -n 's/^\t\t[[:space:]]*//p'; }
  iw phy "$phy" info | section 'Supported interface modes' > "$RWLAN_OUT/iw-$phy-modes"
  "$rw" phy "$phy" | section 'Supported interface modes' > "$RWLAN_OUT/rwlan-$phy-modes"
  diff -u "$RWLAN_OUT/iw-$phy-modes" "$RWLAN_OUT/rwlan-$phy-modes" || fail "$phy interface modes differ"
  want=$(iw phy "$phy" info | sed -nE 's/.*max # scan SSIDs: ([0-9]+)/\1/p')
  got=$(jq -r --arg p "$phy" '.[] | select(.name == $p) | .max_scan_ssids' "$RWLAN_OUT/phy.json")
  [ "$want" = "$got" ] || fail "$phy max scan SSIDs: iw $want, rwlan $got"
  # Interface facts.
  iwdev=$(iw dev "$ifc" info)
  for field in ifindex addr type; do
    want=$(echo "$iwdev" | sed -nE "s/^\t$field (.*)/\1/p")
    got=$("$rw" dev "$ifc" info | sed -nE "s/^\t\t$field (.*)/\1/p")
    [ "$want" = "$got" ] || fail "$ifc $field: iw '$want', rwlan '$got'"
  done
  jq -e --arg i "$ifc" --arg a "$(cat /sys/class/net/$ifc/address)" \
    '[.[].interfaces[] | select(.name == $i and .addr == $a and .iftype == "station")] | length == 1' \
    "$RWLAN_OUT/dev.json" > /dev/null || fail "$ifc missing from rwlan --json dev"
done
log "phy and dev match iw for 2 radios"

# dev add / set type / set channel / del.
ifc=$(hwsim_iface 0); phy=$(phy_of "$ifc")
"$rw" dev add rwtest0 --phy "$phy" --type monitor > "$RWLAN_OUT/add.txt" || fail "dev add failed"
iw dev rwtest0 info | grep -q 'type monitor' || fail "rwtest0 is not a monitor"
"$rw" dev rwtest0 set type managed > "$RWLAN_OUT/set.txt" || fail "set type managed failed"
[ ! -s "$RWLAN_OUT/set.txt" ] || fail "set printed text, iw prints none"
iw dev rwtest0 info | grep -q 'type managed' || fail "set type did not change rwtest0"
# --json: every command that succeeds prints its result.
"$rw" --json dev rwtest0 set type ibss | jq -e '.name == "rwtest0" and .iftype == "adhoc"' > /dev/null \
  || fail "set --json does not show the interface as IBSS"
"$rw" dev rwtest0 set type monitor || fail "set type monitor failed"
ip link set rwtest0 up
"$rw" dev rwtest0 set channel 11 HT40- || fail "set channel 11 HT40- failed"
iw dev rwtest0 info | grep -q 'channel 11 (2462 MHz), width: 40 MHz' \
  || { iw dev rwtest0 info; fail "set channel did not tune rwtest0"; }
"$rw" dev rwtest0 set freq 2412 || fail "set freq failed"
"$rw" --json dev rwtest0 info | jq -e '.freq == 2412 and .channel == 1' > /dev/null \
  || fail "rwlan does not report 2412 MHz after set freq"
"$rw" --json dev del rwtest0 | jq -e '.deleted == "rwtest0" and .ifindex > 0' > /dev/null \
  || fail "dev del --json does not name what it deleted"
[ ! -e /sys/class/net/rwtest0 ] || fail "rwtest0 still exists"
log "dev add/set/del work"
