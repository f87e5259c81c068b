# Surprise unplugs (dongle_unplug: the device vanishes with
# transfers in flight), then rmmod under traffic. DONGLE_UNPLUGS cycles:
# the first DONGLE_TRAFFIC_UNPLUGS with the dongle a monitor on channel 6,
# receiving frames injected on a virtual radio and injecting its own (bulk
# IN and OUT busy); the others in turn while the host driver probes
# (EEPROM and RF reads) and while it brings the interface up (the MAC,
# baseband and RF init sequences). Then the dongle is plugged once more,
# must capture again, and the host driver is unloaded while both floods
# run. The kernel log must stay clean. 3 cycles here, one of each kind;
# soak/dongle-unplug runs 100. A cycle with bulk traffic costs about 90 s
# on a TCG guest (probe, interface up), the others 20-40 s.
# drivers: rwlan_rtl8187 rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

cycles=${DONGLE_UNPLUGS:-3}
traffic_cycles=${DONGLE_TRAFFIC_UNPLUGS:-1}
dongle_modules
hwsim_load 2
air=$(hwsim_iface 0)
"$RWLAN_BIN/rwlan" dev "$air" set type monitor || fail "set type monitor on $air"
ip link set "$air" up
"$RWLAN_BIN/rwlan" dev "$air" set channel 6 || fail "set channel on $air"
dongle_antenna 1

flood_pids=
# floods: frames injected on the virtual radio (received by the dongle) and
# on the dongle (sent over bulk OUT), in the background until stop_floods.
# At DONGLE_FLOOD_RATE (20) frames/s each: enough to keep transfers in
# flight both ways, where flooding flat out starves the emulator and the
# probing of the next plug of the guest's one CPU.
floods() {
  local ifc
  for ifc in "$air" "$DONGLE_IFACE"; do
    python3 -S "$RWLAN_ROOT/tests/lib/inject_flood.py" "$ifc" 100000000 "${DONGLE_FLOOD_RATE:-20}" >/dev/null 2>&1 &
    flood_pids="$flood_pids $!"
  done
}
stop_floods() {
  [ -n "$flood_pids" ] || return 0
  kill $flood_pids 2>/dev/null || true
  wait $flood_pids 2>/dev/null || true
  flood_pids=
}
on_exit stop_floods

# plug_monitor: plugs the dongle and makes it a monitor on channel 6.
plug_monitor() {
  dongle_start
  "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set type monitor || fail "set type monitor on $DONGLE_IFACE"
  wait_until 120 ip link set "$DONGLE_IFACE" up || fail "cannot bring $DONGLE_IFACE up"
  "$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set channel 6 || fail "set channel on $DONGLE_IFACE"
  wait_until 30 eval '[ "$(dongle_freq)" = 2437 ]' || fail "antenna not on channel 6"
}
counter() { cat "/sys/class/net/$1/statistics/rx_packets" 2>/dev/null || echo 0; }
# Injected frames do not count in a monitor's tx_packets: what the dongle
# sends is counted where it lands, on the virtual radio's monitor.
heard() { counter "$DONGLE_IFACE"; }
sent() { counter "$air"; }
flowing() { [ "$(heard)" -gt "$1" ] && [ "$(sent)" -gt "$2" ]; }

for i in $(seq "$cycles"); do
  if [ "$i" -le "$traffic_cycles" ]; then
    plug_monitor
    floods
    # Unplug once frames flow both ways (or after 60 s on a starved VM).
    sent_before=$(sent)
    wait_until 60 flowing 20 $((sent_before + 20)) || true
    log "cycle $i: $(heard) frames in, $(( $(sent) - sent_before )) out; unplugging"
    ip -s link show "$DONGLE_IFACE" > "$RWLAN_OUT/link-cycle$i.txt" 2>&1 || true
  else
    dongle_plug
    wait_until 60 usb_dongle || fail "cycle $i: the dongle did not enumerate"
    at=$(( i % 4 ))
    if [ $(( i % 2 )) -eq 0 ]; then
      # Once enumerated, the host driver probes: unplug then.
      nap "$at"
      what="$at s after enumeration ($(dongle_iface || echo still probing))"
    else
      wait_until 120 dongle_iface || fail "cycle $i: the driver did not bind"
      ip link set "$(dongle_iface)" up 2>/dev/null &
      up_pid=$!
      nap "$at"
      what="$at s into bringing $(dongle_iface) up"
    fi
    log "cycle $i: unplugging $what"
  fi
  dongle_unplug
  # Bringing the interface up fails once the device is gone.
  [ -z "${up_pid:-}" ] || { wait "$up_pid" 2>/dev/null || true; up_pid=; }
  wait_until 30 dongle_gone || fail "cycle $i: interface still there after the unplug"
  stop_floods
done
log "$cycles surprise unplugs survived"

plug_monitor
floods
sent_before=$(sent)
wait_until 60 flowing 20 $((sent_before + 20)) || fail "no frames flowing after $cycles unplugs"
log "capturing again: $(heard) frames in, $(( $(sent) - sent_before )) out; unloading $DONGLE_DRIVER"
rmmod "$DONGLE_DRIVER" || fail "rmmod $DONGLE_DRIVER failed under traffic"
wait_until 30 dongle_gone || fail "interface still there after rmmod"
stop_floods
dongle_stop
grep "stopped:" "$RWLAN_OUT/emu.log" || true
log "unloaded cleanly under traffic"
