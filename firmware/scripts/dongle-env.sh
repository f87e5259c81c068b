# Helpers for VM scenarios that plug the emulated RTL8187L into the guest.
# Source after tests/vm/lib.sh. The dongle's antenna is the last radio of
# the loaded virtual radio driver: a monitor interface ("active", so the air
# acknowledges frames sent to the dongle's MAC) that the emulator retunes
# whenever the host driver tunes the RTL8225.
#   DONGLE_MAC     station address burnt into the emulated EEPROM
#   DONGLE_ANTENNA name of the antenna's monitor interface

DONGLE_MAC=${DONGLE_MAC:-00:e0:4c:81:87:01}
DONGLE_ANTENNA=${DONGLE_ANTENNA:-rtlair0}

# dongle_reach_modules: virtme-ng mounts a tmpfs on /var/cache, hiding a
# module tree the host keeps there; a non-recursive bind of / still sees it.
dongle_reach_modules() {
  local mods target
  mods=/lib/modules/$(uname -r)
  [ -e "$mods/modules.dep" ] && return 0
  target=$(readlink "$mods") || return 0
  case "$target" in /var/cache/*) ;; *) return 0 ;; esac
  mkdir -p /run/rwlan-hostroot
  mountpoint -q /run/rwlan-hostroot || mount --bind / /run/rwlan-hostroot
  mkdir -p /var/cache/rwlan
  mountpoint -q /var/cache/rwlan || mount --bind /run/rwlan-hostroot/var/cache/rwlan /var/cache/rwlan
}

# dongle_modules: the USB gadget stack and the host driver.
dongle_modules() {
  dongle_reach_modules
  mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
  modprobe dummy_hcd || skip "no dummy_hcd in this kernel"
  modprobe libcomposite || skip "no libcomposite in this kernel"
  modprobe usb_f_fs 2>/dev/null || true
  modprobe rtl8187 || skip "no rtl8187 module in this kernel"
  [ -x "$RWLAN_BIN/rtl8187-emu" ] || fail "no $RWLAN_BIN/rtl8187-emu (cargo build --release)"
}

# dongle_antenna RADIO: turns radio RADIO (hwsim index) into the antenna.
dongle_antenna() {
  local radio=$1 ifc phy
  ifc=$(hwsim_iface "$radio")
  phy=$(phy_of "$ifc")
  iw dev "$ifc" del
  iw phy "$phy" interface add "$DONGLE_ANTENNA" type monitor flags active
  ip link set "$DONGLE_ANTENNA" address "$DONGLE_MAC"
  ip link set "$DONGLE_ANTENNA" up
}

# dongle_start [EMULATOR ARGS...]: starts the emulator (log in
# $RWLAN_OUT/emu.log) and waits for the rtl8187 interface.
dongle_start() {
  "$RWLAN_BIN/rtl8187-emu" --mac "$DONGLE_MAC" --antenna "$DONGLE_ANTENNA" "$@" \
    > "$RWLAN_OUT/emu.log" 2>&1 &
  DONGLE_PID=$!
  on_exit "dongle_stop"
  wait_until 90 dongle_iface \
    || { cat "$RWLAN_OUT/emu.log"; dmesg | tail -n 30; fail "rtl8187 did not create an interface"; }
  DONGLE_IFACE=$(dongle_iface)
  log "rtl8187 bound: $DONGLE_IFACE ($(cat "/sys/class/net/$DONGLE_IFACE/address"))"
}

# dongle_stop: SIGTERM the emulator (it unplugs itself) and wait for it.
dongle_stop() {
  [ -n "${DONGLE_PID:-}" ] || return 0
  kill "$DONGLE_PID" 2>/dev/null || true
  wait "$DONGLE_PID" 2>/dev/null || true
  DONGLE_PID=
}

# dongle_iface: the network interface the rtl8187 driver created (fails if none).
dongle_iface() {
  local d
  for d in /sys/class/net/*; do
    case "$(readlink -f "$d/device/driver" 2>/dev/null)" in
      */rtl8187) basename "$d"; return 0 ;;
    esac
  done
  return 1
}

# dongle_gone: true once no rtl8187 interface is left.
dongle_gone() { ! dongle_iface >/dev/null; }

# dongle_freq: the frequency the antenna is tuned to, in MHz.
dongle_freq() { iw dev "$DONGLE_ANTENNA" info | awk '/channel/ {gsub(/\(/, "", $3); print $3; exit}'; }
