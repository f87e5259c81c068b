# The CLI scenarios again, against rwlan_hwsim instead of C mac80211_hwsim:
# rwlan must work with any nl80211 driver. Skips when the module is not built.
. tests/vm/lib.sh
[ -f "$RWLAN_MOD/rwlan_hwsim.ko" ] || skip "rwlan_hwsim.ko is not built"
export RWLAN_RADIO=rwlan_hwsim
out=$RWLAN_OUT
for s in cli-phy-dev cli-scan-connect cli-capture; do
  log "--- $s on rwlan_hwsim"
  mkdir -p "$out/$s"
  RWLAN_OUT=$out/$s bash "tests/vm/$s.sh" || fail "$s failed on rwlan_hwsim"
done
