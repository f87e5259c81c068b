# Many stations on one AP (hwsim/scale, bench/scale); sourced after lib.sh.
# Every process started in the debug guest costs about a second of its one
# CPU, starving hostapd past mac80211's authentication timeout: these
# helpers start few.

# make_bss N NET: N+2 radios made by NEW_RADIO in a new namespace "sta"
# (moving a radio takes seconds on the debug kernel, and mac80211_hwsim
# lets only radios made in one namespace hear each other): the first moved
# back here for the AP (AP_IFACE, AP_ADDR), the second left down in "sta"
# (MON_IFACE), and N stations (STA_IF[1..N]), station I at NET.(I+9)/24.
# Each station answers ARP for its own address only and replies through
# its own interface, so a ping to it crossed the air to that station.
make_bss() {
  local n=$1 net=$2 i t0 made ifaces
  t0=$EPOCHSECONDS
  netns_new sta
  # shellcheck disable=SC2016 # expanded by the inner shell
  made=$(in_sta bash -c '
    for i in $(seq 1 "$1"); do
      made=$("$2" hwsim new) || exit 1
      read -r _ id _ <<< "$made"
      for ifc in /sys/class/mac80211_hwsim/hwsim"$id"/net/*; do
        [ -e "$ifc" ] || exit 1
        echo "${ifc##*/}"
      done
    done' make_bss $((n + 2)) "$RWLAN_BIN/rwlan") || fail "making the radios failed"
  mapfile -t ifaces <<< "$made"
  [ ${#ifaces[@]} = $((n + 2)) ] || fail "made ${#ifaces[@]} interfaces of $((n + 2))"
  AP_IFACE=${ifaces[0]} MON_IFACE=${ifaces[1]}
  STA_IF=("" "${ifaces[@]:2}")
  in_sta "$RWLAN_BIN/rwlan" phy "$(in_sta cat "/sys/class/net/$AP_IFACE/phy80211/name")" \
    set netns 1 || fail "moving the AP's radio out of sta failed"
  AP_ADDR=$(cat "/sys/class/net/$AP_IFACE/address")
  log "made $((n + 2)) radios in namespace sta in $((EPOCHSECONDS - t0)) s"
  t0=$EPOCHSECONDS
  for i in $(seq 1 "$n"); do
    echo "addr add $(station_ip "$net" "$i")/24 dev ${STA_IF[$i]}"
    echo "link set ${STA_IF[$i]} up"
    echo "route add $net.0/24 dev ${STA_IF[$i]} table $((100 + i))"
    echo "rule add from $(station_ip "$net" "$i") table $((100 + i))"
  done > "$RWLAN_TMP/stations.ip"
  in_sta sysctl -q -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 \
    net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
  ip -n sta -batch "$RWLAN_TMP/stations.ip" || fail "setting up the stations' addresses failed"
  log "addresses, routes and links up in $((EPOCHSECONDS - t0)) s"
}

# station_ip NET I: the address of station I of make_bss.
station_ip() { echo "$1.$(($2 + 9))"; }
# station_ips N NET: the addresses of stations 1..N.
station_ips() { local i; for ((i = 1; i <= $1; i++)); do station_ip "$2" "$i"; done; }

# connect_stations N SSID BSSID: one wpa_supplicant joins stations 1..N of
# make_bss to the open network SSID at BSSID on 2412 MHz, trying
# again by itself after a timeout; the stations start one after another
# (all at once, hostapd answers too late for mac80211's authentication
# timeout, whichever driver). Waits until every station is connected.
connect_stations() {
  local n=$1 conf=$RWLAN_TMP/wpa-stations.conf log=$RWLAN_OUT/wpa_supplicant.log i args=()
  printf 'ctrl_interface=%s\nnetwork={\n  ssid="%s"\n  bssid=%s\n  key_mgmt=NONE\n  scan_freq=2412\n  freq_list=2412\n  disabled=1\n}\n' \
    "$RWLAN_TMP/wpa" "$2" "$3" > "$conf"
  for i in $(seq 1 "$n"); do
    [ "$i" = 1 ] || args+=(-N)
    args+=(-i "${STA_IF[$i]}" -c "$conf")
  done
  in_sta wpa_supplicant -B -P "$RWLAN_TMP/wpa-stations.pid" -f "$log" "${args[@]}" \
    || fail "wpa_supplicant did not start"
  on_exit "kill \$(cat $RWLAN_TMP/wpa-stations.pid)"
  for i in $(seq 1 "$n"); do
    in_sta wpa_cli -p "$RWLAN_TMP/wpa" -i "${STA_IF[$i]}" enable_network 0 > /dev/null \
      || fail "wpa_cli could not enable station $i"
  done
  # Read off the log, every few seconds: a poll of the kernel would be a
  # process each time.
  local deadline=$((EPOCHSECONDS + 60 + 8 * n)) count
  while :; do
    count=$(awk '/CTRL-EVENT-CONNECTED/ { up[$1] = 1 } /CTRL-EVENT-DISCONNECTED/ { delete up[$1] }
      END { print length(up) }' "$log")
    [ "$count" != "$n" ] || break
    [ "$EPOCHSECONDS" -lt "$deadline" ] || fail "$count of $n stations connected"
    nap 3
  done
}

# ping_stations N NET: pings stations 1..N of make_bss from one process,
# resending to the silent ones for 20 s; fails naming those that did not
# answer.
ping_stations() {
  local out
  # shellcheck disable=SC2046 # one argument per address
  out=$(python3 -S "$RWLAN_ROOT/tests/lib/ping_all.py" 20 $(station_ips "$1" "$2")) \
    || fail "stations did not answer a ping: $out"
}
