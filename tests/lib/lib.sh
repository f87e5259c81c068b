# Shared helpers for VM scenarios. Sourced by tests/AREA/NAME.sh inside the
# guest, as root, with cwd = the checkout root.
#   RWLAN_DRIVER the driver under test, from the scenario's "# drivers:" line
#                (tests/harness/matrix.sh): a radio driver or a dongle driver
#   RWLAN_ROOT  checkout (read-only in the guest)
#   RWLAN_BIN   host-built release binaries (rwlan, rtl8187-emu)
#   RWLAN_MOD   directory holding our .ko files
#   RWLAN_OUT   writable directory for this scenario's artifacts
#   RWLAN_TMP   scratch directory in the guest, removed after the scenario
# Python runs as `python3 -S` (the scripts need the standard library only):
# site's .pth files import whole packages, seconds per start under TCG.
set -euo pipefail

# Builtins where a loop or a log line would start a process: each one costs
# about half a second of the debug guest's one CPU.
log() { printf '[%(%T)T] %s\n' -1 "$*"; }
# nap SECONDS: sleep without a process, a read that times out on a pipe
# nothing writes to.
exec {_rwlan_nap_fd}<> <(:)
nap() { read -r -t "$1" -u "$_rwlan_nap_fd" _ || true; }
fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*" >&2; exit 77; }

# CMD | contains [GREP FLAGS] PATTERN: grep -q for pipes. grep -q stops at the
# first match, and under pipefail the writer's SIGPIPE would fail the pipeline.
contains() { grep "$@" > /dev/null; }

# soak_count N: N scaled by RWLAN_SOAK_SCALE (1; 0.1 for a quick try of
# `make soak`), at least 1; and a "SOAK" line naming it, which the soak
# table reads.
soak_count() {
  local n
  n=$(awk -v n="$1" -v s="${RWLAN_SOAK_SCALE:-1}" 'BEGIN { c = int(n * s); print (c < 1 ? 1 : c) }')
  echo "SOAK count $n" >&2
  echo "$n"
}

# wait_until TIMEOUT_SECONDS CMD...: polls CMD every 0.2 s until it succeeds.
wait_until() {
  local timeout=$1; shift
  local deadline=$(( EPOCHSECONDS + timeout ))
  until "$@" >/dev/null 2>&1; do
    [ "$EPOCHSECONDS" -lt "$deadline" ] || return 1
    nap 0.2
  done
}

# Cleanup actions run in reverse order when the scenario exits.
_rwlan_cleanups=()
# expect CODE PATTERN CMD...: CMD exits CODE and its stderr matches PATTERN.
expect() {
  local code=$1 pattern=$2; shift 2
  local err rc=0
  err=$("$@" 2>&1 >/dev/null) || rc=$?
  [ "$rc" = "$code" ] || fail "'$*' exited $rc, expected $code ($err)"
  echo "$err" | contains -E "$pattern" || fail "'$*' said '$err', expected /$pattern/"
  log "ok: $* -> $rc: $err"
}

on_exit() { _rwlan_cleanups+=("$*"); }
_rwlan_run_cleanups() {
  local i
  for (( i=${#_rwlan_cleanups[@]}-1; i>=0; i-- )); do
    eval "${_rwlan_cleanups[$i]}" >/dev/null 2>&1 || true
  done
}
trap _rwlan_run_cleanups EXIT

# RWLAN_RADIO is the virtual radio driver: the one under test for hwsim and
# CLI scenarios, mac80211_hwsim (the C reference) as the air the dongle
# scenarios share. DONGLE_DRIVER (tests/lib/dongle.sh) is the dongle's host
# driver.
case ${RWLAN_DRIVER:-} in
  rwlan_hwsim | mac80211_hwsim) RWLAN_RADIO=$RWLAN_DRIVER ;;
  rwlan_rtl8187 | rtl8187) DONGLE_DRIVER=$RWLAN_DRIVER ;;
  "") ;;
  *) fail "unknown driver '$RWLAN_DRIVER'" ;;
esac
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
  on_exit "hwsim_unload $RWLAN_RADIO"
  wait_until $((10 + n / 5)) test "$(hwsim_count)" -ge "$n" || fail "$RWLAN_RADIO created $(hwsim_count) of $n radios"
}
hwsim_unload() { rmmod "${1:-$RWLAN_RADIO}" 2>/dev/null || true; }
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

# in_sta CMD...: CMD in the namespace "sta", where the helpers below and
# tests/lib/stations.sh put stations.
in_sta() { ip netns exec sta "$@"; }

# move_radio IFACE NETNS: moves the wiphy behind IFACE (with IFACE) into NETNS.
move_radio() { "$RWLAN_BIN/rwlan" phy "$(phy_of "$1")" set netns name "$2"; }

# start_hostapd IFACE CONF_TEXT [NETNS]: writes a config with interface= and
# ctrl_interface= filled in, starts hostapd (in NETNS when given) and waits
# until the BSS is up (HOSTAPD_WAIT seconds, 20 unless set).
start_hostapd() {
  local ifc=$1 conf="$RWLAN_TMP/hostapd-$1.conf" in_ns=${3:+ip netns exec $3}
  { echo "interface=$ifc"; echo "ctrl_interface=$RWLAN_TMP/hostapd"; echo "$2"; } > "$conf"
  $in_ns hostapd -B -P "$RWLAN_TMP/hostapd-$ifc.pid" -f "$RWLAN_OUT/hostapd-$ifc.log" "$conf"
  on_exit "kill \$(cat $RWLAN_TMP/hostapd-$ifc.pid)"
  wait_until "${HOSTAPD_WAIT:-20}" sh -c "$in_ns hostapd_cli -p $RWLAN_TMP/hostapd -i $ifc status | grep -q state=ENABLED" \
    || { cat "$RWLAN_OUT/hostapd-$ifc.log"; fail "hostapd did not enable $ifc"; }
}

# open_ap SSID CHANNEL [SUBNET]: on radios 0 and 1 of the loaded driver, a
# hostapd open AP SSID on radio 0 (at SUBNET.1/24 when given) and radio 1's
# interface moved into netns "sta", not connected; sets AP_IFACE,
# STA_IFACE and their addresses AP_ADDR, STA_ADDR.
open_ap() {
  AP_IFACE=$(hwsim_iface 0); STA_IFACE=$(hwsim_iface 1)
  AP_ADDR=$(cat "/sys/class/net/$AP_IFACE/address"); STA_ADDR=$(cat "/sys/class/net/$STA_IFACE/address")
  netns_new sta
  move_radio "$STA_IFACE" sta
  start_hostapd "$AP_IFACE" "ssid=$1
hw_mode=g
channel=$2"
  [ -z "${3:-}" ] || ip addr add "$3.1/24" dev "$AP_IFACE"
}

# open_station SSID SUBNET: the station of open_ap connects with
# wpa_supplicant, at SUBNET.2/24.
open_station() {
  start_wpa_supplicant sta "$STA_IFACE" "network={
  ssid=\"$1\"
  key_mgmt=NONE
}"
  ip -n sta addr add "$2.2/24" dev "$STA_IFACE"
}

# open_bss SSID CHANNEL SUBNET: open_ap and open_station, an open AP at
# SUBNET.1 and its station connected in netns "sta" at SUBNET.2.
open_bss() {
  open_ap "$1" "$2" "$3"
  open_station "$1" "$3"
}

# global_country: the country of the global regulatory domain, as rwlan
# (in iw's words) shows it.
global_country() { "$RWLAN_BIN/rwlan" reg get | awk '/^global$/ { g = 1; next } g && /^country/ { print substr($2, 1, 2); exit }'; }

# use_regdb: cfg80211 reads wireless-regdb's upstream-signed database (the
# test kernel trusts only the upstream keys) through a firmware path of this
# run. At exit the world domain comes back, which later scenarios expect.
use_regdb() {
  local db=/lib/firmware fw_path=/sys/module/firmware_class/parameters/path
  [ -e "$db/regulatory.db-upstream" ] || skip "no upstream-signed regulatory.db (package wireless-regdb)"
  mkdir -p "$RWLAN_TMP/fw"
  cp "$db/regulatory.db-upstream" "$RWLAN_TMP/fw/regulatory.db"
  cp "$db/regulatory.db.p7s-upstream" "$RWLAN_TMP/fw/regulatory.db.p7s"
  echo -n "$RWLAN_TMP/fw" > "$fw_path"
  on_exit "echo -n '' > $fw_path"
  on_exit "$RWLAN_BIN/rwlan reg set 00"
  "$RWLAN_BIN/rwlan" reg reload || fail "rwlan reg reload failed"
}

# reg_country CC: the global domain set to CC (after use_regdb), waited for.
reg_country() {
  "$RWLAN_BIN/rwlan" reg set "$1" || fail "rwlan reg set $1 failed"
  wait_until 30 eval "[ \"\$(global_country)\" = $1 ]" \
    || { dmesg | tail -n 20; fail "the global domain is $(global_country), not $1"; }
}

# wpa2_ap_and_station SSID PASSPHRASE CHANNEL: two radios, a hostapd
# WPA2-PSK (CCMP) AP on radio 0 at 10.55.0.1 and a wpa_supplicant station
# on radio 1 in netns "sta" at 10.55.0.2, associated; sets AP_IFACE and
# STA_IFACE.
wpa2_ap_and_station() {
  hwsim_load 2
  AP_IFACE=$(hwsim_iface 0); STA_IFACE=$(hwsim_iface 1)
  netns_new sta
  move_radio "$STA_IFACE" sta
  start_hostapd "$AP_IFACE" "ssid=$1
hw_mode=g
channel=$3
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=$2"
  ip addr add 10.55.0.1/24 dev "$AP_IFACE"
  start_wpa_supplicant sta "$STA_IFACE" "network={
  ssid=\"$1\"
  psk=\"$2\"
  key_mgmt=WPA-PSK
}"
  ip -n sta addr add 10.55.0.2/24 dev "$STA_IFACE"
  ip -n sta link set "$STA_IFACE" up
}

# start_wpa_supplicant NETNS IFACE CONF_TEXT: station in NETNS, waits for
# wpa_state=COMPLETED (WPA_ASSOC_WAIT seconds, 60 unless set).
start_wpa_supplicant() {
  local ns=$1 ifc=$2 conf="$RWLAN_TMP/wpa-$2.conf"
  { echo "ctrl_interface=$RWLAN_TMP/wpa"; echo "$3"; } > "$conf"
  ip netns exec "$ns" wpa_supplicant -B -i "$ifc" -c "$conf" -P "$RWLAN_TMP/wpa-$ifc.pid" \
    -f "$RWLAN_OUT/wpa_supplicant-$ifc.log"
  on_exit "kill \$(cat $RWLAN_TMP/wpa-$ifc.pid)"
  wait_until "${WPA_ASSOC_WAIT:-60}" sh -c "ip netns exec $ns wpa_cli -p $RWLAN_TMP/wpa -i $ifc status | grep -q wpa_state=COMPLETED" \
    || { cat "$RWLAN_OUT/wpa_supplicant-$ifc.log"; fail "$ifc did not associate"; }
}

# iperf3_mbps NETNS SERVER_IP SECONDS [ARGS...]: runs an iperf3 client in
# NETNS against a server started here, prints received Mbit/s.
iperf3_mbps() {
  local ns=$1 ip=$2 secs=$3; shift 3
  iperf3 -s -1 -D -I "$RWLAN_TMP/iperf3.pid" >/dev/null
  on_exit "kill \$(cat $RWLAN_TMP/iperf3.pid)"
  nap 0.5
  ip netns exec "$ns" iperf3 -c "$ip" -t "$secs" -J "$@" > "$RWLAN_OUT/iperf3.json" \
    || { cat "$RWLAN_OUT/iperf3.json"; fail "iperf3 failed"; }
  python3 -S -c 'import json,sys; e=json.load(open(sys.argv[1]))["end"]; s=e.get("sum_received") or e["sum"]; print("%.2f" % (s["bits_per_second"]/1e6))' "$RWLAN_OUT/iperf3.json"
}
# iperf3_frames_per_s: datagrams per second the server received in the last
# UDP iperf3_mbps run.
iperf3_frames_per_s() {
  python3 -S -c 'import json,sys; e=json.load(open(sys.argv[1]))["end"]; s=e.get("sum_received") or e["sum"]; print("%.0f" % ((s["packets"] - s.get("lost_packets", 0)) / s["seconds"]))' "$RWLAN_OUT/iperf3.json"
}

# bench_throughput PREFIX DRIVER NETNS SERVER_IP: "BENCH" lines for 10 s of
# TCP and of UDP from NETNS to SERVER_IP (metrics PREFIXtcp_sta_to_ap and
# PREFIXudp_sta_to_ap, see tests/bench.sh).
bench_throughput() {
  echo "BENCH ${1}tcp_sta_to_ap $2 $(iperf3_mbps "$3" "$4" 10) Mbit/s"
  echo "BENCH ${1}udp_sta_to_ap $2 $(iperf3_mbps "$3" "$4" 10 -u -b 0) Mbit/s"
}
# profiled NAME CMD...: with RWLAN_BENCH_PROFILE=1, runs CMD under perf
# record (cpu-clock: TCG has no PMU) and writes where the guest's CPU went,
# each module's share and the symbols above 0.5%, to
# RWLAN_OUT/profile-NAME.txt; else does nothing. profiling: whether it will.
# Benches call it for runs of their own after the measured ones, so the
# profiler's cost stays out of the figures.
profiling() { [ -n "${RWLAN_BENCH_PROFILE:-}" ]; }
profiled() {
  # The samples stay in the guest: written to the shared results directory
  # they cost as much CPU as the code profiled.
  local name=$1 data=$RWLAN_TMP/perf-$1.data out=$RWLAN_OUT/profile-$1.txt perf; shift
  profiling || return 0
  perf record -q -a -e cpu-clock -o "$data" 2> "$RWLAN_OUT/perf-$name.log" &
  perf=$!
  nap 1
  "$@"
  # It stops on SIGINT, and then dies of it: its exit status says nothing.
  kill -INT "$perf"; wait "$perf" || true
  { perf report -i "$data" --stdio --no-children --sort dso --percent-limit 0.1 \
    && perf report -i "$data" --stdio --no-children --sort dso,sym --percent-limit 0.5; } \
    > "$out" 2>> "$RWLAN_OUT/perf-$name.log" || fail "perf report failed"
  rm -f "$data"
}
# bench_rtt PREFIX DRIVER NETNS SERVER_IP COUNT INTERVAL: the average ping
# round trip of COUNT pings INTERVAL s apart.
bench_rtt() {
  local rtt
  rtt=$(ip netns exec "$3" ping -q -c "$5" -i "$6" "$4" | sed -n 's|.*= [0-9.]*/\([0-9.]*\)/.*|\1|p')
  echo "BENCH ${1}ping_rtt_avg $2 $rtt ms"
}

# iw_scan [ip netns exec NS] iw dev IF scan [ARGS]: that iw scan, run again
# when it hangs. iw listens for the scan's end only after asking for the scan
# (its source warns of it), so a scan that ends first leaves iw waiting for
# good; a user would interrupt it and scan again.
iw_scan() {
  local try rc
  for try in 1 2 3; do
    timeout 30 "$@"; rc=$?
    [ $rc -eq 124 ] || return $rc
    echo "iw scan try $try of 3 hung: the scan ended before iw listened for its end" >&2
  done
  return $rc
}

# elapsed CMD...: runs CMD with its output discarded, prints its wall time
# in seconds (fails if CMD fails).
elapsed() {
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null || return 1; t1=$(date +%s.%N)
  python3 -S -c "print(round($t1 - $t0, 2))"
}

# median VALUE...: the median of the numbers given.
median() { python3 -S -c 'import statistics, sys; print(statistics.median(float(v) for v in sys.argv[1:]))' "$@"; }

# Capture under a flood of injected frames (cli-capture-flood, bench-cli).
# flood_radios: two radios, both monitors on channel 1 (set with rwlan);
# sets FLOOD_TX (the injector's) and FLOOD_RX (the capture's).
flood_radios() {
  local ifc
  hwsim_load 2
  FLOOD_TX=$(hwsim_iface 0); FLOOD_RX=$(hwsim_iface 1)
  for ifc in "$FLOOD_TX" "$FLOOD_RX"; do
    "$RWLAN_BIN/rwlan" dev "$ifc" set type monitor || fail "set type monitor on $ifc"
    ip link set "$ifc" up
    "$RWLAN_BIN/rwlan" dev "$ifc" set channel 1 || fail "set channel on $ifc"
  done
}

# flood_capture FRAMES CAPTURE_CMD...: starts CAPTURE_CMD, injects FRAMES
# data frames on FLOOD_TX, stops the capture with SIGINT; sets FLOOD_SECS to
# the seconds the injection took.
flood_capture() {
  local frames=$1 pid; shift
  "$@" &
  pid=$!
  nap 2
  FLOOD_SECS=$(python3 -S "$RWLAN_ROOT/tests/lib/inject_flood.py" "$FLOOD_TX" "$frames")
  nap 2
  kill -INT "$pid"
  wait "$pid" || true
}

# flood_rwlan FRAMES NAME: rwlan capture of data frames on FLOOD_RX under a
# flood (pcap and counts in $RWLAN_OUT/NAME.pcap, NAME.json); sets
# FLOOD_KEPT to the data frames it wrote.
flood_rwlan() {
  flood_capture "$1" "$RWLAN_BIN/rwlan" --json dev "$FLOOD_RX" capture -w "$RWLAN_OUT/$2.pcap" \
    --filter data > "$RWLAN_OUT/$2.json"
  FLOOD_KEPT=$(jq -e .data "$RWLAN_OUT/$2.json") || fail "rwlan capture printed no counts"
}

# flood_tcpdump FRAMES NAME: the same with tcpdump -w ($RWLAN_OUT/NAME.pcap,
# NAME.err); sets FLOOD_KEPT to the frames it wrote.
flood_tcpdump() {
  flood_capture "$1" tcpdump -i "$FLOOD_RX" -w "$RWLAN_OUT/$2.pcap" 2> "$RWLAN_OUT/$2.err"
  FLOOD_KEPT=$(sed -nE 's/^([0-9]+) packets? captured.*/\1/p' "$RWLAN_OUT/$2.err")
  [ -n "$FLOOD_KEPT" ] || { cat "$RWLAN_OUT/$2.err"; fail "tcpdump printed no counts"; }
}

# dongle_monitor CHANNEL: turns the dongle's interface (in netns sta, from
# dongle_with_ap in tests/lib/dongle.sh) into a monitor on
# CHANNEL and waits for the emulated radio to follow.
dongle_monitor() {
  ip -n sta link set "$DONGLE_IFACE" down
  ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set type monitor
  wait_until 120 ip -n sta link set "$DONGLE_IFACE" up || fail "cannot bring the monitor up"
  ip netns exec sta "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set channel "$1"
  wait_until 20 sh -c "[ \"\$($RWLAN_BIN/rwlan dev $DONGLE_ANTENNA info | awk '/channel/ {print \$2; exit}')\" = $1 ]" \
    || fail "antenna not on channel $1"
}
