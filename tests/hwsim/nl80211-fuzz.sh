# RWLAN_NL80211_FUZZ_COUNT (1,000 here, 100,000 in soak/hwsim-nl80211-fuzz)
# random and malformed nl80211 requests (tests/lib/nl80211_fuzz.py: interfaces
# made, deleted and retyped, scans, connects, IBSS, mesh, AP, channel and
# TX power settings, dumps, random commands; wrong sizes and types,
# truncated, lying lengths, huge, unknown or missing attributes, random
# indexes) against three radios, the third in netns "victim", which the
# fuzzer deletes half-way through. Asserts: the fuzzer finishes (no hang, no
# crash) and deletes its interfaces; radios 0 and 1 are still there (radio
# 2, whose namespace went, is only logged: where it ends up is the driver's
# business); once their interfaces are stations again, an open AP and a
# station on them ping; the driver unloads. The harness fails the run on any
# kernel report (the last requests are in artifacts/nl80211-fuzz.log).
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 3
if0=$(hwsim_iface 0) if1=$(hwsim_iface 1) if2=$(hwsim_iface 2)
phy0=$(phy_of "$if0") phy1=$(phy_of "$if1")
# netns_new's cleanup deletes "victim" if the fuzzer never got to it; once
# the fuzzer has, that cleanup fails, and cleanups' failures are ignored.
netns_new victim
move_radio "$if2" victim
log "radios: $(hwsim_count); $if0 ($phy0) and $if1 ($phy1) here, $if2 in netns victim"

start=$EPOCHSECONDS
python3 -S tests/lib/nl80211_fuzz.py "${RWLAN_NL80211_FUZZ_COUNT:-1000}" "${RWLAN_FUZZ_SEED:-5}" \
  --netns-victim victim || fail "fuzzer failed"
log "fuzzing took $(( EPOCHSECONDS - start )) s"
! ip netns list | awk '{ print $1 }' | contains -x victim || fail "netns victim is still there"

# mac80211_hwsim hands a radio made at load time back to the initial
# namespace when its namespace goes; rwlan_hwsim may differ. Radios 0 and 1
# never left.
log "radios after the fuzzing: $(hwsim_count);" \
  "radio 2: $(ls /sys/class/mac80211_hwsim/hwsim2/net 2>/dev/null | tr '\n' ' ' || true)"
for r in 0 1; do
  [ -d "/sys/class/mac80211_hwsim/hwsim$r" ] || fail "radio $r is gone"
done
[ "$(hwsim_count)" -ge 2 ] || fail "only $(hwsim_count) radios left"
"$RWLAN_BIN/rwlan" dev > "$RWLAN_OUT/dev-after-fuzz.txt" 2>&1 || true

# reset_radio N IFACE PHY: radio N with IFACE as its only interface, a
# station, down, without 4-address mode. The fuzzer may have deleted IFACE,
# changed its type or 4addr setting, or left it up, joined or scanning.
reset_radio() {
  local dir=/sys/class/mac80211_hwsim/hwsim$1 ifc
  [ -e "/sys/class/ieee80211/$3" ] || fail "radio $1 lost its wiphy $3"
  for ifc in $(ls "$dir/net" 2>/dev/null); do
    [ "$ifc" = "$2" ] || "$RWLAN_BIN/rwlan" dev del "$ifc" || fail "cannot delete $ifc from radio $1"
  done
  if [ -e "$dir/net/$2" ]; then
    ip link set "$2" down
    "$RWLAN_BIN/rwlan" dev "$2" set type managed || fail "cannot make $2 a station again"
  else
    log "radio $1 lost $2 in the fuzzing: adding it again"
    "$RWLAN_BIN/rwlan" dev add "$2" --phy "$3" --type managed || fail "cannot add $2 to $3"
  fi
  "$RWLAN_BIN/rwlan" dev "$2" set 4addr off || fail "cannot turn 4addr off on $2"
  [ "$(hwsim_iface "$1")" = "$2" ] || fail "radio $1's interface is '$(hwsim_iface "$1")', not $2"
}
reset_radio 0 "$if0" "$phy0"
reset_radio 1 "$if1" "$phy1"

open_bss rwlan-nlfz 6 10.64.0
ip netns exec sta ping -c 3 -W 5 10.64.0.1 || fail "radios do not work after the fuzzing"

log "unloading $RWLAN_RADIO"
rmmod "$RWLAN_RADIO" || fail "rmmod $RWLAN_RADIO failed after the fuzzing"
[ "$(hwsim_count)" -eq 0 ] || fail "radios left after unload"
