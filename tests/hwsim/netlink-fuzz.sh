# RWLAN_FUZZ_COUNT (1,000 here, 100,000 in soak/hwsim-netlink-fuzz) random
# and malformed MAC80211_HWSIM requests (wrong types,
# truncated, lying lengths, huge, missing attributes, unknown commands)
# from a separate netns; afterwards the radios still work: netlink lists
# them, and an AP and a station on them still talk.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh

hwsim_load 2
netns_new fuzz
ip netns exec fuzz python3 -S tests/lib/hwsim_nl.py fuzz "${RWLAN_FUZZ_COUNT:-1000}" "${RWLAN_FUZZ_SEED:-3}" \
  || fail "fuzzer failed"
[ "$(python3 -S tests/lib/hwsim_nl.py dump | wc -l)" -eq 2 ] || fail "radios changed: $(python3 -S tests/lib/hwsim_nl.py dump)"

open_bss rwlan-fuzz 3 10.62.0
ip netns exec sta ping -c 3 -W 5 10.62.0.1 || fail "radios do not work after the fuzzing"
id=$(python3 -S tests/lib/hwsim_nl.py new) || fail "NEW_RADIO fails after the fuzzing"
python3 -S tests/lib/hwsim_nl.py del --id "$id" || fail "DEL_RADIO fails after the fuzzing"
