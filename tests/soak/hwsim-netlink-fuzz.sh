# The long form of hwsim/netlink-fuzz: 100,000 malformed MAC80211_HWSIM
# requests, then the radios must still work.
# drivers: rwlan_hwsim
# time limit: 20000 s
. tests/lib/lib.sh
RWLAN_FUZZ_COUNT=$(soak_count 100000)
. tests/hwsim/netlink-fuzz.sh
