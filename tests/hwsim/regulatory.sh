# Per-radio regulatory settings, as mac80211_hwsim gives them. regtest=10
# (five radios): radio 0 takes custom world domain 0 (5 ranges), radio 1
# custom domain 1 (3 ranges, 5715-5860 MHz without initiating radiation),
# radios 2 and 3 hint FI and AL, radio 4 hints US strictly; each wiphy's
# domain (iw phy PHY reg get) and each radio's attributes (GET_RADIO, via
# rwlan hwsim list) say so. NEW_RADIO's REG_HINT_ALPHA2, REG_CUSTOM_REG and
# REG_STRICT_REG do the same for a radio made later; a custom domain that
# does not exist is refused.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

# Hints need the regulatory database loaded before the radios come.
use_regdb
hwsim_load 5 regtest=10
"$rw" hwsim list > "$RWLAN_OUT/radios.txt" || fail "rwlan hwsim list failed"
phy_n() { phy_of "$(hwsim_iface "$1")"; }
# domain N COUNTRY RULES: radio N's wiphy has COUNTRY's domain with RULES ranges.
domain() {
  local out=$RWLAN_OUT/reg-$1.txt
  reg_of() { iw phy "$(phy_n "$1")" reg get > "$out" 2>&1 && contains -E "^country $2:" "$out"; }
  wait_until 20 reg_of "$1" "$2" || { cat "$out"; fail "radio $1 does not have country $2's domain"; }
  [ "$(grep -c $'^\t(' "$out")" = "$3" ] || { cat "$out"; fail "radio $1: not $3 ranges in country $2's domain"; }
}
domain 0 99 5
domain 1 99 3
# iw (5.19) still calls no-IR PASSIVE-SCAN.
contains -E '^\s\(5715 - 5860 @ 40\).*PASSIVE-SCAN' "$RWLAN_OUT/reg-1.txt" || fail "custom domain 1 lacks its no-IR range"
for n in 2 3 4; do
  cc=$(awk -v n="$n" 'BEGIN { split("FI AL US", c, " "); print c[n - 1] }')
  wait_until 20 eval "iw phy $(phy_n "$n") reg get | contains -E '^country $cc:'" \
    || { iw phy "$(phy_n "$n")" reg get; fail "radio $n does not have country $cc's domain"; }
done
for want in 'reg-custom=0' 'reg-custom=1' 'reg-alpha2=FI' 'reg-alpha2=AL' 'reg-strict'; do
  contains -F -- "$want" "$RWLAN_OUT/radios.txt" || { cat "$RWLAN_OUT/radios.txt"; fail "no radio with $want"; }
done
contains -E 'reg-alpha2=US.*reg-strict|reg-strict.*reg-alpha2=US' "$RWLAN_OUT/radios.txt" \
  || { cat "$RWLAN_OUT/radios.txt"; fail "radio 4 is not reported strict with US"; }
log "regtest=10: custom domains 0 and 1, hints FI, AL and strict US, as GET_RADIO says"

"$rw" hwsim new --name reg-custom --reg-custom 3 > /dev/null || fail "NEW_RADIO with custom domain 3 failed"
iw phy reg-custom reg get > "$RWLAN_OUT/reg-new.txt"
contains -E '^\s\(5250 - 5330 @ 80\).*DFS' "$RWLAN_OUT/reg-new.txt" || { cat "$RWLAN_OUT/reg-new.txt"; fail "custom domain 3 lacks its DFS range"; }
"$rw" hwsim new --name reg-de --reg-alpha2 DE --reg-strict > /dev/null || fail "NEW_RADIO with a strict DE hint failed"
wait_until 20 eval "iw phy reg-de reg get | contains -E '^country DE:'" || fail "the new radio does not have DE's domain"
"$rw" hwsim list > "$RWLAN_OUT/radios-new.txt"
contains -E 'reg-de.*reg-alpha2=DE|reg-alpha2=DE.*reg-de' "$RWLAN_OUT/radios-new.txt" \
  || { cat "$RWLAN_OUT/radios-new.txt"; fail "GET_RADIO does not report the new radio's hint"; }
expect_fail() { ! "$rw" hwsim new --name reg-bad --reg-custom 4 > "$RWLAN_OUT/bad.txt" 2>&1; }
expect_fail || fail "custom domain 4 was accepted"
[ ! -e /sys/class/ieee80211/reg-bad ] || fail "a refused radio was made"
log "NEW_RADIO: custom domain 3 with its DFS range, strict DE hint; custom domain 4 refused ($(cat "$RWLAN_OUT/bad.txt"))"

# Later scenarios expect the world domain: the radios' hints must not outlive them.
hwsim_unload
"$rw" reg set 00 || fail "rwlan reg set 00 failed"
wait_until 30 eval '[ "$(global_country)" = 00 ]' || fail "the global domain stayed $(global_country) after the radios went"
