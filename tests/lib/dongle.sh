# Helpers for VM scenarios that plug the emulated RTL8187L into the guest.
# Source after tests/lib/lib.sh. The dongle's antenna is the last radio of
# the loaded virtual radio driver: a monitor interface that the emulator
# retunes whenever the host driver tunes the RTL8225.
#   DONGLE_MAC     station address burnt into the emulated EEPROM
#   DONGLE_ANTENNA name of the antenna's monitor interface (its ACK twin
#                  is ${DONGLE_ANTENNA}ack)
#   DONGLE_DRIVER  host driver: rtl8187 (the C reference) or rwlan_rtl8187
#   DONGLE_CHIP    the emulated board (the emulator's --chip, and options
#                  of the board such as "rtl8187l-vb --asic-rev 0") when not
#                  its default RTL8187L; RWLAN_DONGLE_CHIP on the host's
#                  `make vmtest` runs any dongle scenario on another board
#   DONGLE_TRANSPORT the emulator's USB transport: ffs (configfs +
#                  FunctionFS) or raw (Raw Gadget), by default the board's
#                  (raw for the RTL8187Bs, whose endpoint numbers FunctionFS
#                  cannot give); RWLAN_EMU_TRANSPORT on the host's `make
#                  vmtest` runs any dongle scenario over raw

DONGLE_MAC=${DONGLE_MAC:-00:e0:4c:81:87:01}
DONGLE_CHIP=${DONGLE_CHIP:-${RWLAN_DONGLE_CHIP:-}}
case $DONGLE_CHIP in
  rtl8187b*) DONGLE_TRANSPORT=${DONGLE_TRANSPORT:-${RWLAN_EMU_TRANSPORT:-raw}} ;;
  *) DONGLE_TRANSPORT=${DONGLE_TRANSPORT:-${RWLAN_EMU_TRANSPORT:-ffs}} ;;
esac
DONGLE_ANTENNA=${DONGLE_ANTENNA:-rtlair0}
DONGLE_DRIVER=${DONGLE_DRIVER:-rtl8187}

# dongle_modules: the USB gadget stack and the host driver.
dongle_modules() {
  mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
  modprobe dummy_hcd || fail "cannot load dummy_hcd"
  modprobe libcomposite || fail "cannot load libcomposite"
  modprobe usb_f_fs 2>/dev/null || true
  # A scenario may plug one board over Raw Gadget and the next over
  # FunctionFS.
  modprobe raw_gadget || fail "cannot load raw_gadget"
  if [ "$DONGLE_DRIVER" = rtl8187 ]; then
    modprobe rtl8187 || fail "cannot load rtl8187"
  else
    # Only one driver may claim the dongle.
    modprobe -r rtl8187 2>/dev/null || true
    insmod "$RWLAN_MOD/$DONGLE_DRIVER.ko" || fail "cannot load $DONGLE_DRIVER"
    on_exit "rmmod $DONGLE_DRIVER"
  fi
  [ -x "$RWLAN_BIN/rtl8187-emu" ] || fail "no $RWLAN_BIN/rtl8187-emu (cargo build --release)"
}

# dongle_antenna RADIO: turns radio RADIO (hwsim index) into the antenna:
# a plain monitor the emulator tunes, captures and injects on (mac80211
# tunes a radio through its plain monitors only), and an active monitor with
# the dongle's MAC, so that the virtual radio acknowledges frames sent to the
# dongle as the RTL8187L would.
dongle_antenna() {
  local radio=$1 ifc phy
  ifc=$(hwsim_iface "$radio")
  phy=$(phy_of "$ifc")
  "$RWLAN_BIN/rwlan" dev del "$ifc"
  "$RWLAN_BIN/rwlan" dev add "$DONGLE_ANTENNA" --phy "$phy" --type monitor > /dev/null
  ip link set "$DONGLE_ANTENNA" up
  "$RWLAN_BIN/rwlan" dev add "${DONGLE_ANTENNA}ack" --phy "$phy" --type monitor --flags active > /dev/null
  ip link set "${DONGLE_ANTENNA}ack" address "$DONGLE_MAC"
  ip link set "${DONGLE_ANTENNA}ack" up
}

# dongle_plug [EMULATOR ARGS...]: starts the emulator (DONGLE_PID, its log
# DONGLE_LOG) without waiting for the host driver. The host driver gives
# each register access 500 ms and takes a late answer's stale buffer for
# the value (a radio switch flapping "off"), so the emulator runs with
# real-time priority and logs to the guest's own memory, not to the shared
# results directory: dongle_stop and dongle_unplug copy the log to
# $RWLAN_OUT/emu.log.
dongle_plug() {
  local rt=
  command -v chrt >/dev/null && rt="chrt -f 20"
  DONGLE_LOG=$RWLAN_TMP/emu.log
  # shellcheck disable=SC2086 # DONGLE_CHIP is the board and its options
  $rt "$RWLAN_BIN/rtl8187-emu" ${DONGLE_CHIP:+--chip $DONGLE_CHIP} --transport "$DONGLE_TRANSPORT" \
    --mac "$DONGLE_MAC" --antenna "$DONGLE_ANTENNA" "$@" \
    > "$DONGLE_LOG" 2>&1 &
  DONGLE_PID=$!
  on_exit "dongle_stop"
}

# dongle_start [EMULATOR ARGS...]: dongle_plug, then waits for the host
# driver's interface (DONGLE_IFACE).
dongle_start() {
  dongle_plug "$@"
  # Probing takes some 10 s on an idle host and more than a minute on a busy one.
  wait_until 240 dongle_iface \
    || { cat "$DONGLE_LOG"; dmesg | tail -n 30; fail "rtl8187 did not create an interface"; }
  DONGLE_IFACE=$(dongle_iface)
  log "$DONGLE_DRIVER bound: $DONGLE_IFACE ($(cat "/sys/class/net/$DONGLE_IFACE/address"))"
}

# dongle_stop: SIGTERM the emulator (it unplugs itself) and wait for it.
dongle_stop() { _dongle_end TERM; }

# dongle_unplug: a surprise unplug: SIGQUIT makes the emulator take its
# gadget off the bus at once, every transfer in flight, and exit.
# (Not SIGKILL: 6.12's FunctionFS can then keep the gadget bound for good;
# firmware/src/usb/ffs.rs says why.) The host must see the device leave.
dongle_unplug() {
  _dongle_end QUIT
  wait_until 30 usb_dongle_gone || { dongle_unplug_stuck; fail "the host still sees the dongle after the unplug"; }
}

# usb_dongle_gone: the host no longer enumerates the emulated dongle.
usb_dongle_gone() { ! usb_dongle; }

# dongle_unplug_stuck: what keeps an unplugged emulator's gadget bound: its
# process, the gadgets' controllers, the FunctionFS mounts and whoever
# still holds their files, the kernel's blocked tasks.
dongle_unplug_stuck() {
  local m t
  ps -eo pid,stat,wchan:32,args | grep '[r]tl8187-emu' || true
  for t in /proc/"${DONGLE_PID:-0}"/task/*; do
    [ -e "$t/stack" ] && { echo "thread ${t##*/}:"; cat "$t/stack"; }
  done 2>/dev/null
  grep -H . /sys/kernel/config/usb_gadget/*/UDC 2>/dev/null || true
  for m in $(awk '$3 == "functionfs" { print $2 }' /proc/mounts); do
    echo "functionfs at $m, open by:"
    find /proc/[0-9]*/fd -lname "$m/*" 2>/dev/null || true
  done
  blocked_tasks
}

# blocked_tasks: the kernel's blocked tasks and the end of its log.
blocked_tasks() {
  echo w > /proc/sysrq-trigger 2>/dev/null || true
  nap 1
  dmesg | tail -n 80
}

# _dongle_exited: the emulator process is gone or a zombie.
_dongle_exited() {
  local state
  state=$(awk '{ print $3 }' "/proc/$DONGLE_PID/stat" 2>/dev/null)
  [ -z "$state" ] || [ "$state" = Z ]
}
_dongle_end() {
  [ -n "${DONGLE_PID:-}" ] || return 0
  kill -"$1" "$DONGLE_PID" 2>/dev/null || true
  # An emulator that does not exit shows where it waits, then is killed.
  if ! wait_until 60 _dongle_exited; then
    echo "the emulator did not exit after SIG$1:"
    dongle_unplug_stuck
    kill -KILL "$DONGLE_PID" 2>/dev/null || true
  fi
  wait "$DONGLE_PID" 2>/dev/null || true
  DONGLE_PID=
  cp "$DONGLE_LOG" "$RWLAN_OUT/emu.log" 2>/dev/null || true
}

# dongle_iface: the network interface the rtl8187 driver created (fails if none).
dongle_iface() {
  local d
  for d in /sys/class/net/*; do
    case "$(readlink -f "$d/device/driver" 2>/dev/null)" in
      */"$DONGLE_DRIVER") basename "$d"; return 0 ;;
    esac
  done
  return 1
}

# usb_dongle: the emulated dongle is enumerated on the host side.
usb_dongle() { grep -qxE "818[79]" /sys/bus/usb/devices/*/idProduct 2>/dev/null; }

# dongle_gone: true once the driver holds no USB interface. (Its network
# interface may live in another netns, where /sys/class/net cannot see it;
# the driver lets go of the USB interface only after unregistering it.)
dongle_gone() { ! compgen -G "/sys/bus/usb/drivers/$DONGLE_DRIVER/*:*" >/dev/null; }

# dongle_unplugged NAME: stops the emulator of board NAME, waits for the
# driver to let go and keeps the emulator's log as emu-NAME.log (the next
# board's emulator writes emu.log again).
dongle_unplugged() {
  dongle_stop
  wait_until 30 dongle_gone || fail "$1: the driver still holds the dongle after the unplug"
  cp "$RWLAN_OUT/emu.log" "$RWLAN_OUT/emu-$1.log"
}

# dongle_freq: the frequency the antenna is tuned to, in MHz.
dongle_freq() { "$RWLAN_BIN/rwlan" dev "$DONGLE_ANTENNA" info | awk '/channel/ {gsub(/\(/, "", $3); print $3; exit}'; }

DONGLE_SSID=rwlan-dongle
DONGLE_PSK="correct horse battery"

# dongle_with_ap [EMULATOR ARGS...]: two virtual radios (DONGLE_RADIOS, for
# scenarios that want spare ones), a WPA2 AP on radio 0 (channel 6,
# 10.56.0.1), radio 1 as the antenna, the dongle's interface moved into
# netns "sta". Every frame to and from the dongle crosses USB and
# the emulator, so on a slow emulated CPU the dongle answers the 4-way
# handshake late: the AP resends its EAPOL-Key messages more often than the
# default 4 times before it gives up.
dongle_with_ap() {
  dongle_ap
  dongle_start "$@"
  netns_new sta
  move_radio "$DONGLE_IFACE" sta
  ip -n sta link set "$DONGLE_IFACE" up
}

# dongle_ap: dongle_with_ap's AP (DONGLE_AP) and antenna, with no dongle yet.
dongle_ap() {
  dongle_modules
  hwsim_load "${DONGLE_RADIOS:-2}"
  DONGLE_AP=$(hwsim_iface 0)
  start_hostapd "$DONGLE_AP" "ssid=$DONGLE_SSID
hw_mode=g
channel=6
wpa=2
wpa_key_mgmt=WPA-PSK
rsn_pairwise=CCMP
wpa_passphrase=$DONGLE_PSK
wpa_pairwise_update_count=10"
  ip addr add 10.56.0.1/24 dev "$DONGLE_AP"
  dongle_antenna 1
}

# dongle_captures_beacons NAME ANTENNA: the dongle, moved to netns sta and
# made a monitor on channel 6, captures the AP's beacons (SSID
# DONGLE_SSID), received on ANTENNA as their radiotap says.
dongle_captures_beacons() {
  move_radio "$DONGLE_IFACE" sta
  dongle_monitor 6
  ip netns exec sta timeout 60 tcpdump -i "$DONGLE_IFACE" -n -c 3 -w "$RWLAN_OUT/beacons-$1.pcap" \
    'type mgt subtype beacon' 2>"$RWLAN_OUT/tcpdump-$1.err" \
    || { cat "$RWLAN_OUT/tcpdump-$1.err"; fail "$1: no beacons captured"; }
  tcpdump -r "$RWLAN_OUT/beacons-$1.pcap" -e > "$RWLAN_OUT/beacons-$1.txt" 2>&1
  contains "Beacon ($DONGLE_SSID)" < "$RWLAN_OUT/beacons-$1.txt" \
    || fail "$1: the beacons captured are not the AP's"
  [ "$(grep -c "antenna $2 " "$RWLAN_OUT/beacons-$1.txt")" = 3 ] \
    || { cat "$RWLAN_OUT/beacons-$1.txt"; fail "$1: radiotap does not give antenna $2"; }
}

# dongle_scan_stalled: what a scan that never found the AP leaves behind,
# for the log: the interface, the emulator's counters and the kernel's
# blocked tasks (a scan that never completes shows where it waits).
dongle_scan_stalled() {
  ip -n sta link show "$DONGLE_IFACE" || true
  [ -z "${DONGLE_PID:-}" ] || kill -USR2 "$DONGLE_PID" 2>/dev/null || true
  blocked_tasks
  tail -n 5 "$DONGLE_LOG" 2>/dev/null || true
}

# dongle_scan_finds_ap: one scan from the dongle lists the AP's SSID.
dongle_scan_finds_ap() {
  # A radio switch read as off (a register read that timed out on a slow
  # VM) closes the interface; bring it back up.
  ip -n sta link set "$DONGLE_IFACE" up 2>/dev/null || return 1
  ip netns exec sta timeout 250 "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" scan --timeout 240 2>/dev/null | contains "SSID: $DONGLE_SSID"
}

# dongle_associate: WPA2 association of the dongle, address 10.56.0.2. A
# channel change costs the host driver some eighty register accesses
# (seconds on a starved emulated CPU), so wpa_supplicant scans only the AP's
# channel (the full scan has already been checked); even so scan,
# authentication, association and handshake take one to two minutes on a
# loaded host, so DONGLE_ASSOC_TIMEOUT (360 s) is allowed. The RTL8187L
# reports no ACK status: mac80211 gives each of three authentication and
# association tries 200 ms, and hostapd on the same CPU takes some 0.5 s to
# answer. hostapd runs at real-time priority (below the emulator's), and a
# failed attempt is retried at once, not after wpa_supplicant's back-off.
dongle_associate() {
  local ifc=$DONGLE_IFACE conf="$RWLAN_TMP/wpa-$DONGLE_IFACE.conf" wlog deadline failures=0 n state
  wlog=$RWLAN_OUT/wpa_supplicant-$ifc.log
  command -v chrt >/dev/null && chrt -f -p 10 "$(cat "$RWLAN_TMP/hostapd-$DONGLE_AP.pid")"
  printf '%s\n' "ctrl_interface=$RWLAN_TMP/wpa" "network={" "  ssid=\"$DONGLE_SSID\"" \
    "  psk=\"$DONGLE_PSK\"" "  key_mgmt=WPA-PSK" "  scan_freq=2437" "}" > "$conf"
  ip netns exec sta wpa_supplicant -t -B -i "$ifc" -c "$conf" -P "$RWLAN_TMP/wpa-$ifc.pid" -f "$wlog"
  on_exit "kill \$(cat $RWLAN_TMP/wpa-$ifc.pid)"
  deadline=$(( EPOCHSECONDS + ${DONGLE_ASSOC_TIMEOUT:-360} ))
  # Polled every 2 s: every poll takes CPU from the association it waits for.
  while state=$(dongle_wpa_state); [ "$state" != COMPLETED ]; do
    [ "$EPOCHSECONDS" -lt "$deadline" ] || { cat "$wlog"; fail "$ifc did not associate"; }
    # A register read that timed out can read as the radio switch off.
    [ "$state" != INTERFACE_DISABLED ] || ip -n sta link set "$ifc" up 2>/dev/null || true
    n=$(grep -c "CTRL-EVENT-SSID-TEMP-DISABLED" "$wlog" 2>/dev/null || true); n=${n:-0}
    if [ "$n" -gt "$failures" ]; then
      failures=$n
      log "association attempt failed ($n so far), retrying"
      ip netns exec sta wpa_cli -p "$RWLAN_TMP/wpa" -i "$ifc" select_network 0 >/dev/null || true
    fi
    nap 2
  done
  ip -n sta addr add 10.56.0.2/24 dev "$ifc"
}

# dongle_wpa_state: wpa_supplicant's state for the dongle's interface.
dongle_wpa_state() {
  ip netns exec sta wpa_cli -p "$RWLAN_TMP/wpa" -i "$DONGLE_IFACE" status 2>/dev/null \
    | sed -n 's/^wpa_state=//p'
}
