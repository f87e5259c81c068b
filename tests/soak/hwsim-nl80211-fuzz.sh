# The long form of hwsim/nl80211-fuzz: 100,000 random and malformed nl80211
# requests against three radios (the namespace of one deleted half-way),
# then the radios must still work and the driver unload.
# drivers: rwlan_hwsim
# time limit: 30000 s
. tests/lib/lib.sh
RWLAN_NL80211_FUZZ_COUNT=$(soak_count 100000)
. tests/hwsim/nl80211-fuzz.sh
