# Load/unload cycles of the radio driver, LOAD_CYCLES of them (5 here, 1,000
# in soak/hwsim-load-cycles), all driven by tests/lib/load_cycles.py: each
# loads 2 radios, makes both monitors on channel 1, injects 50 frames on one
# that the other must receive, then unloads with both interfaces up, and no
# radio may be left. rwlan_hwsim then does two more with rx_thread=0, where
# its receive path runs in softirq, and one with rx_thread=1: no NAPI
# thread in the first, one in the other.
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
if [ "$RWLAN_RADIO" = rwlan_hwsim ]; then
  python3 -S tests/lib/load_cycles.py "$module" 2 rx_thread=0 no-thread || fail "load cycles with rx_thread=0 failed"
  python3 -S tests/lib/load_cycles.py "$module" 1 rx_thread=1 thread || fail "load cycles with rx_thread=1 failed"
fi
