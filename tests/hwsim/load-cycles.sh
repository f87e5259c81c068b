# Load/unload cycles of the radio driver, LOAD_CYCLES of them (5 here, 1,000
# in soak/hwsim-load-cycles), all driven by tests/lib/load_cycles.py: each
# loads 2 radios, makes both monitors on channel 1, injects 50 frames on one
# that the other must receive, then unloads with both interfaces up, and no
# radio may be left.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

if [ "$RWLAN_RADIO" = mac80211_hwsim ]; then
  module=$(modinfo -n mac80211_hwsim) || fail "no mac80211_hwsim module"
else
  module=$RWLAN_MOD/$RWLAN_RADIO.ko
fi
modprobe mac80211 || fail "cannot load mac80211"
on_exit "hwsim_unload $RWLAN_RADIO"
python3 -S tests/lib/load_cycles.py "$module" "${LOAD_CYCLES:-5}" || fail "load cycles failed"
