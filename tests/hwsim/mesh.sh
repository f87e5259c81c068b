# 802.11s mesh: two radios (one in a netns) join an open mesh on 2412 MHz,
# peer (plink ESTAB) and ping both ways.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
a=$(hwsim_iface 0); b=$(hwsim_iface 1)
netns_new peer
move_radio "$b" peer

"$rw" dev "$a" set type mesh
ip link set "$a" up
"$rw" dev "$a" mesh join rwlan-mesh freq 2412 || fail "mesh join failed"
ip netns exec peer "$rw" dev "$b" set type mesh
ip -n peer link set "$b" up
ip netns exec peer "$rw" dev "$b" mesh join rwlan-mesh freq 2412 || fail "mesh join in peer failed"
ip addr add 10.58.0.1/24 dev "$a"
ip -n peer addr add 10.58.0.2/24 dev "$b"

b_addr=$(ip netns exec peer cat "/sys/class/net/$b/address")
estab() { "$rw" dev "$a" station get "$b_addr" | contains "mesh plink:.*ESTAB"; }
wait_until 60 estab || { "$rw" dev "$a" station dump; fail "no established mesh peering with $b_addr"; }
log "mesh peering with $b_addr established"
wait_until 30 ping -c 1 -W 2 10.58.0.2 || fail "cannot ping the mesh peer"
ip netns exec peer ping -c 3 -W 5 10.58.0.1 || fail "mesh peer cannot ping back"
"$rw" --json dev "$a" mesh leave | jq -e '.action == "left"' > /dev/null || fail "mesh leave failed"
wait_until 10 sh -c "! $rw dev $a station dump | grep -q 'Station $b_addr'" || fail "peer still there after mesh leave"
log "left the mesh"
