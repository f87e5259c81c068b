# Shared helpers for VM scenarios. Sourced by tests/vm/<name>.sh inside the
# guest, as root, with cwd = the checkout root.
#   RWLAN_ROOT  checkout (read-only in the guest)
#   RWLAN_BIN   host-built release binaries (rwlan, rtl8187-emu)
#   RWLAN_MOD   directory holding our .ko files
#   RWLAN_OUT   writable directory for this scenario's artifacts
#   RWLAN_TMP   scratch directory in the guest, removed after the scenario
set -euo pipefail

log() { echo "[$(date +%T)] $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# wait_until TIMEOUT_SECONDS CMD...: polls CMD every 0.2 s until it succeeds.
wait_until() {
  local timeout=$1; shift
  local deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# Cleanup actions run in reverse order when the scenario exits.
_rwlan_cleanups=()
on_exit() { _rwlan_cleanups+=("$*"); }
_rwlan_run_cleanups() {
  local i
  for (( i=${#_rwlan_cleanups[@]}-1; i>=0; i-- )); do
    eval "${_rwlan_cleanups[$i]}" >/dev/null 2>&1 || true
  done
}
trap _rwlan_run_cleanups EXIT

# Which radio driver a scenario runs against: mac80211_hwsim (the C reference)
# or rwlan_hwsim. Scenarios written once take it from RWLAN_RADIO.
RWLAN_RADIO=${RWLAN_RADIO:-mac80211_hwsim}

# hwsim_load N [PARAMS...]: loads the radio driver with N radios and waits
# for their interfaces.
hwsim_load() {
  local n=$1; shift
  if [ "$RWLAN_RADIO" = mac80211_hwsim ]; then
    modprobe mac80211_hwsim radios="$n" "$@"
  else
    insmod "$RWLAN_MOD/$RWLAN_RADIO.ko" radios="$n" "$@"
  fi
  on_exit "hwsim_unload"
  wait_until 10 test "$(hwsim_count)" -ge "$n" || fail "$RWLAN_RADIO created $(hwsim_count) of $n radios"
}
hwsim_unload() { rmmod "$RWLAN_RADIO" 2>/dev/null || true; }
hwsim_count() { ls /sys/class/mac80211_hwsim 2>/dev/null | wc -l; }

# phy_of IFACE: the wiphy name behind a network interface.
phy_of() { cat "/sys/class/net/$1/phy80211/name"; }

# hwsim_iface N: the interface of radio N of the loaded radio driver.
hwsim_iface() { ls "/sys/class/mac80211_hwsim/hwsim$1/net" | head -n1; }

# netns_new NAME: a network namespace removed at exit, with lo up.
netns_new() {
  ip netns add "$1"
  on_exit "ip netns del $1"
  ip -n "$1" link set lo up
}

# move_radio IFACE NETNS: moves the wiphy behind IFACE (with IFACE) into NETNS.
move_radio() { iw phy "$(phy_of "$1")" set netns name "$2"; }

# start_hostapd IFACE CONF_TEXT: writes a config with interface= and
# ctrl_interface= filled in, starts hostapd and waits until the BSS is up.
start_hostapd() {
  local ifc=$1 conf="$RWLAN_TMP/hostapd-$1.conf"
  { echo "interface=$ifc"; echo "ctrl_interface=$RWLAN_TMP/hostapd"; echo "$2"; } > "$conf"
  hostapd -B -P "$RWLAN_TMP/hostapd-$ifc.pid" -f "$RWLAN_OUT/hostapd-$ifc.log" "$conf"
  on_exit "kill \$(cat $RWLAN_TMP/hostapd-$ifc.pid)"
  wait_until 20 sh -c "hostapd_cli -p $RWLAN_TMP/hostapd -i $ifc status | grep -q state=ENABLED" \
    || { cat "$RWLAN_OUT/hostapd-$ifc.log"; fail "hostapd did not enable $ifc"; }
}

# start_wpa_supplicant NETNS IFACE CONF_TEXT: station in NETNS, waits for
# wpa_state=COMPLETED.
start_wpa_supplicant() {
  local ns=$1 ifc=$2 conf="$RWLAN_TMP/wpa-$2.conf"
  { echo "ctrl_interface=$RWLAN_TMP/wpa"; echo "$3"; } > "$conf"
  ip netns exec "$ns" wpa_supplicant -B -i "$ifc" -c "$conf" -P "$RWLAN_TMP/wpa-$ifc.pid" \
    -f "$RWLAN_OUT/wpa_supplicant-$ifc.log"
  on_exit "kill \$(cat $RWLAN_TMP/wpa-$ifc.pid)"
  wait_until 60 sh -c "ip netns exec $ns wpa_cli -p $RWLAN_TMP/wpa -i $ifc status | grep -q wpa_state=COMPLETED" \
    || { cat "$RWLAN_OUT/wpa_supplicant-$ifc.log"; fail "$ifc did not associate"; }
}

# iperf3_mbps NETNS SERVER_IP SECONDS [ARGS...]: runs an iperf3 client in
# NETNS against a server started here, prints received Mbit/s.
iperf3_mbps() {
  local ns=$1 ip=$2 secs=$3; shift 3
  iperf3 -s -1 -D -I "$RWLAN_TMP/iperf3.pid" >/dev/null
  on_exit "kill \$(cat $RWLAN_TMP/iperf3.pid)"
  sleep 0.5
  ip netns exec "$ns" iperf3 -c "$ip" -t "$secs" -J "$@" > "$RWLAN_OUT/iperf3.json" \
    || { cat "$RWLAN_OUT/iperf3.json"; fail "iperf3 failed"; }
  python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["end"]; s=e.get("sum_received") or e["sum"]; print("%.1f" % (s["bits_per_second"]/1e6))' "$RWLAN_OUT/iperf3.json"
}
# iperf3_frames_per_s: datagrams per second the server received in the last
# UDP iperf3_mbps run.
iperf3_frames_per_s() {
  python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["end"]; s=e.get("sum_received") or e["sum"]; print("%.0f" % ((s["packets"] - s.get("lost_packets", 0)) / s["seconds"]))' "$RWLAN_OUT/iperf3.json"
}
