# Per-radio regulatory settings, as mac80211_hwsim gives them. regtest=6
# (two radios): radio 0 takes custom world domain 2 (6 ranges, 6 GHz
# among them), radio 1 custom domain 1 (3 ranges, 5715-5860 MHz without
# initiating radiation); each wiphy's domain (rwlan phy PHY reg get, in iw's words) and each
# radio's attributes (GET_RADIO, via rwlan hwsim list) say so. NEW_RADIO's
# REG_CUSTOM_REG, REG_HINT_ALPHA2 and REG_STRICT_REG do the same for radios
# made later; a custom domain that does not exist is refused.
# One country hint only: after a second, cfg80211 keeps an intersection
# and ignores users' requests until a connection drops, with either
# driver, and later scenarios need the world domain back.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

# The hint needs the regulatory database loaded.
use_regdb
hwsim_load 2 regtest=6
"$rw" hwsim list > "$RWLAN_OUT/radios.txt" || fail "rwlan hwsim list failed"
# domain PHY COUNTRY [RULES]: PHY has COUNTRY's domain (with RULES ranges).
domain() {
  local out=$RWLAN_OUT/reg-$1.txt
  reg_of() { "$rw" phy "$1" reg get > "$out" 2>&1 && contains -E "^country $2:" "$out"; }
  wait_until 20 reg_of "$1" "$2" || { cat "$out"; fail "$1 does not have country $2's domain"; }
  [ -z "${3:-}" ] || [ "$(grep -c $'^\t(' "$out")" = "$3" ] || { cat "$out"; fail "$1: not $3 ranges in country $2's domain"; }
}
phy0=$(phy_of "$(hwsim_iface 0)") phy1=$(phy_of "$(hwsim_iface 1)")
domain "$phy0" 99 6
contains -E '^\s\(5945 - 7135 @ 320\)' "$RWLAN_OUT/reg-$phy0.txt" || fail "custom domain 2 lacks its 6 GHz range"
domain "$phy1" 99 3
# In iw's words (5.19), which rwlan keeps, no-IR is still PASSIVE-SCAN.
contains -E '^\s\(5715 - 5860 @ 40\).*PASSIVE-SCAN' "$RWLAN_OUT/reg-$phy1.txt" || fail "custom domain 1 lacks its no-IR range"
for want in "$phy0 .*reg-custom=2" "$phy1 .*reg-custom=1"; do
  contains -E -- "$want" "$RWLAN_OUT/radios.txt" || { cat "$RWLAN_OUT/radios.txt"; fail "GET_RADIO: no '$want'"; }
done
log "regtest=6: custom domains 2 and 1, as GET_RADIO says"

"$rw" hwsim new --name reg-custom --reg-custom 3 > /dev/null || fail "NEW_RADIO with custom domain 3 failed"
domain reg-custom 99 6
contains -E '^\s\(5250 - 5330 @ 80\).*DFS' "$RWLAN_OUT/reg-reg-custom.txt" || fail "custom domain 3 lacks its DFS range"
"$rw" hwsim new --name reg-de --reg-alpha2 DE --reg-strict > /dev/null || fail "NEW_RADIO with a strict DE hint failed"
domain reg-de DE
"$rw" hwsim list > "$RWLAN_OUT/radios-new.txt"
for want in 'reg-custom .*reg-custom=3' 'reg-de .*reg-strict.*reg-alpha2=DE'; do
  contains -E -- "$want" "$RWLAN_OUT/radios-new.txt" || { cat "$RWLAN_OUT/radios-new.txt"; fail "GET_RADIO: no '$want'"; }
done
! "$rw" hwsim new --name reg-bad --reg-custom 4 > "$RWLAN_OUT/bad.txt" 2>&1 || fail "custom domain 4 was accepted"
[ ! -e /sys/class/ieee80211/reg-bad ] || fail "a refused radio was made"
log "NEW_RADIO: custom domain 3 with its DFS range, strict DE hint; custom domain 4 refused ($(cat "$RWLAN_OUT/bad.txt"))"

# Later scenarios expect the world domain: the hint must not outlive the radios.
hwsim_unload
"$rw" reg set 00 || fail "rwlan reg set 00 failed"
wait_until 30 eval '[ "$(global_country)" = 00 ]' || fail "the global domain stayed $(global_country) after the radios went"
