# IBSS: two radios (one in a netns) join the same ad-hoc network on 2412
# MHz, see each other as peers and ping both ways.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
a=$(hwsim_iface 0); b=$(hwsim_iface 1)
netns_new peer
move_radio "$b" peer

"$rw" dev "$a" set type ibss
ip link set "$a" up
"$rw" dev "$a" ibss join rwlan-ibss 2412 fixed-freq 02:11:22:33:44:55 || fail "ibss join failed"
ip netns exec peer "$rw" dev "$b" set type ibss
ip -n peer link set "$b" up
ip netns exec peer "$rw" dev "$b" ibss join rwlan-ibss 2412 fixed-freq 02:11:22:33:44:55 \
  || fail "ibss join in peer failed"
ip addr add 10.57.0.1/24 dev "$a"
ip -n peer addr add 10.57.0.2/24 dev "$b"

joined() { "$rw" dev "$a" link | contains "Joined IBSS" && ip netns exec peer "$rw" dev "$b" link | contains "Joined IBSS"; }
wait_until 30 joined || { "$rw" dev "$a" link; fail "radios did not join the IBSS"; }
log "$("$rw" dev "$a" link | head -n1)"
b_addr=$(ip netns exec peer cat "/sys/class/net/$b/address")
wait_until 30 sh -c "$rw dev $a station dump | grep -q 'Station $b_addr'" || fail "IBSS peer $b_addr not seen"
wait_until 30 ping -c 1 -W 2 10.57.0.2 || fail "cannot ping the IBSS peer"
ip netns exec peer ping -c 3 -W 5 10.57.0.1 || fail "peer cannot ping back"
"$rw" --json dev "$a" ibss leave | jq -e '.action == "left"' > /dev/null || fail "ibss leave failed"
wait_until 10 sh -c "! $rw dev $a link | grep -q 'Joined IBSS'" || fail "still in the IBSS after leave"
log "left the IBSS"
