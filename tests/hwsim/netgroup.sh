# Radios made in different network namespaces never hear each other, as
# mac80211_hwsim keeps its netgroups apart, even once they share one: two
# radios made in namespace A and one made in B and moved into A, all
# monitors on channel 1; 50 frames injected on the first reach the second
# and none reach the third.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 0
netns_new ga
netns_new gb
ip netns exec ga "$rw" hwsim new --name ga1 > /dev/null || fail "cannot make ga1 in namespace ga"
ip netns exec ga "$rw" hwsim new --name ga2 > /dev/null || fail "cannot make ga2 in namespace ga"
ip netns exec gb "$rw" hwsim new --name gb1 > /dev/null || fail "cannot make gb1 in namespace gb"
ip netns exec gb "$rw" phy gb1 set netns name ga || fail "cannot move gb1 into namespace ga"
# One shell in ga sets the three radios up as monitors on channel 1.
# shellcheck disable=SC2016 # expanded by the inner shell
ifaces=$(ip netns exec ga bash -c '
  for phy in ga1 ga2 gb1; do
    ifc=$(ls /sys/class/ieee80211/$phy/device/net) || exit 1
    "$1" dev "$ifc" set type monitor && ip link set "$ifc" up && "$1" dev "$ifc" set channel 1 || exit 1
    echo "$ifc"
  done' netgroup "$rw") || fail "cannot make the radios monitors on channel 1"
read -r -d '' tx rx other <<< "$ifaces" || true
rx_packets() { ip netns exec ga cat "/sys/class/net/$1/statistics/rx_packets"; }
rx0=$(rx_packets "$rx") other0=$(rx_packets "$other")
ip netns exec ga python3 -S tests/lib/inject_flood.py "$tx" 50 > /dev/null || fail "injection on $tx failed"
got() { [ $(( $(rx_packets "$rx") - rx0 )) -ge 50 ]; }
wait_until 10 got || fail "ga2 ($rx) received $(( $(rx_packets "$rx") - rx0 )) of 50 frames from ga1"
nap 1
leaked=$(( $(rx_packets "$other") - other0 ))
[ "$leaked" = 0 ] || fail "gb1 ($other), made in another namespace, received $leaked frames from ga1"
log "ga1 -> ga2: 50 frames; ga1 -> gb1 (made in gb, now in ga): none"
