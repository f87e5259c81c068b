# 10,000 random and malformed MAC80211_HWSIM requests (wrong types,
# truncated, lying lengths, huge, missing attributes, unknown commands)
# from a separate netns; afterwards the radios still work: netlink lists
# them, and an AP and a station on them still talk. Runs against
# $RWLAN_RADIO (hwsim-netlink-fuzz-rwlan.sh sets rwlan_hwsim).
. tests/vm/lib.sh

hwsim_load 2
netns_new fuzz
ip netns exec fuzz python3 -S tests/vm/hwsim_nl.py fuzz 10000 "${RWLAN_FUZZ_SEED:-3}" \
  || fail "fuzzer failed"
[ "$(python3 -S tests/vm/hwsim_nl.py dump | wc -l)" -eq 2 ] || fail "radios changed: $(python3 -S tests/vm/hwsim_nl.py dump)"

ap=$(hwsim_iface 0); sta=$(hwsim_iface 1)
netns_new sta
move_radio "$sta" sta
start_hostapd "$ap" "ssid=rwlan-fuzz
hw_mode=g
channel=3"
ip addr add 10.62.0.1/24 dev "$ap"
start_wpa_supplicant sta "$sta" 'network={
  ssid="rwlan-fuzz"
  key_mgmt=NONE
}'
ip -n sta addr add 10.62.0.2/24 dev "$sta"
ip netns exec sta ping -c 3 -W 5 10.62.0.1 || fail "radios do not work after the fuzzing"
id=$(python3 -S tests/vm/hwsim_nl.py new) || fail "NEW_RADIO fails after the fuzzing"
python3 -S tests/vm/hwsim_nl.py del --id "$id" || fail "DEL_RADIO fails after the fuzzing"
