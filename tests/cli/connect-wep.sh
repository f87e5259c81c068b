# Static WEP through the cfg80211 SME: rwlan connect --key joins a hostapd
# WEP-40 AP with open system and with shared key authentication, and pings
# cross (so both ends encrypt with the same key); with a wrong key, open
# system associates but no ping crosses, and shared key authentication
# gets no answer (the AP cannot decrypt the challenge response, so it
# drops it), which rwlan reports as a timeout; malformed keys are usage
# errors.
# drivers: rwlan_hwsim mac80211_hwsim
. tests/lib/lib.sh
rw=$RWLAN_BIN/rwlan

hwsim_load 2
ap=$(hwsim_iface 0); sta=$(hwsim_iface 1)
ap_addr=$(cat "/sys/class/net/$ap/address")
netns_new sta
move_radio "$sta" sta
start_hostapd "$ap" 'ssid=rwlan-wep
hw_mode=g
channel=6
auth_algs=3
wep_default_key=0
wep_key0="abcde"'
ip addr add 10.69.0.1/24 dev "$ap"
in_sta ip addr add 10.69.0.2/24 dev "$sta"
in_sta ip link set "$sta" up

# wep_connect ARGS...: connects with ARGS (three tries: a busy guest can
# lose a frame); "$out" holds the last answer.
wep_connect() {
  local try
  for try in 1 2 3; do
    out=$(in_sta "$rw" dev "$sta" connect rwlan-wep --freq 2437 "$@" 2>&1) && return 0
    log "connect $* try $try: $out"
  done
  fail "connect $* failed: $out"
}
disconnect() {
  in_sta "$rw" dev "$sta" disconnect || fail "disconnect failed"
  wait_until 10 sh -c "ip netns exec sta $rw dev $sta link | grep -q 'Not connected'" \
    || fail "still connected after disconnect"
}
ping_ap() { in_sta ping -c "$1" -i 0.2 -W "$2" 10.69.0.1 > "$RWLAN_OUT/ping.txt"; }

for args in "--key d:0:abcde" "--auth shared --key 0:6162636465"; do
  # shellcheck disable=SC2086 # the options are words
  wep_connect $args
  [ "$out" = "$sta: connected to $ap_addr" ] || fail "unexpected connect output: $out"
  ping_ap 3 5 || { cat "$RWLAN_OUT/ping.txt"; fail "no ping over WEP after connect $args"; }
  disconnect
done
log "WEP-40 with open system and shared key authentication: connected, pings cross"

wep_connect --key 0:zyxwv
ping_ap 2 2 && fail "pings crossed with the wrong WEP key"
disconnect
rc=0; out=$(in_sta "$rw" dev "$sta" connect rwlan-wep --freq 2437 --auth shared --key 0:zyxwv 2>&1) || rc=$?
[ "$rc" = 5 ] && contains -F "no answer from 'rwlan-wep'" <<< "$out" \
  || fail "shared key authentication with a wrong key: exit $rc: $out"
log "a wrong key: no traffic (open system), refused (shared key: $out)"

expect 2 'WEP key has 5 or 13 characters' in_sta "$rw" dev "$sta" connect rwlan-wep --key 0:abc
expect 2 'needs a WEP key' in_sta "$rw" dev "$sta" connect rwlan-wep --auth shared
expect 2 'only one WEP key can be the default' \
  in_sta "$rw" dev "$sta" connect rwlan-wep --key d:0:abcde --key d:1:abcde
