# The emulator halts bulk IN (STALL) on every DONGLE_STALL_EVERY-th frame
# (40) while a virtual radio floods the dongle's monitor on channel 6 (20
# frames/s). A halted endpoint fails every receive transfer until the host
# clears the halt, and the emulator halts it again only once the host has
# taken the frames queued before, so DONGLE_STALLS halts (4) within 90 s
# mean the host driver recovered from each one; frames must still arrive
# after the last, and the kernel log stay clean.
# The C rtl8187 drops an RX URB on any failed transfer and never clears a
# halt: one stall leaves it deaf until the interface is restarted, so this
# runs for rwlan_rtl8187 only.
# drivers: rwlan_rtl8187
. tests/lib/lib.sh
. tests/lib/dongle.sh

want_stalls=${DONGLE_STALLS:-4}
every=${DONGLE_STALL_EVERY:-40}
dongle_modules
hwsim_load 2
air=$(hwsim_iface 0)
"$RWLAN_BIN/rwlan" dev "$air" set type monitor
ip link set "$air" up
"$RWLAN_BIN/rwlan" dev "$air" set channel 6
dongle_antenna 1
dongle_start --fault stall --fault-every "$every"
# The flood starts while the interface comes up (a python start costs
# seconds on a TCG guest); halts may begin as soon as the ring runs.
python3 -S "$RWLAN_ROOT/tests/lib/inject_flood.py" "$air" 100000000 20 >/dev/null &
flood=$!
on_exit "kill $flood"
"$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set type monitor || fail "set type monitor on $DONGLE_IFACE"
wait_until 120 ip link set "$DONGLE_IFACE" up || fail "cannot bring $DONGLE_IFACE up"
"$RWLAN_BIN/rwlan" dev "$DONGLE_IFACE" set channel 6 || fail "set channel on $DONGLE_IFACE"
wait_until 30 eval '[ "$(dongle_freq)" = 2437 ]' || fail "antenna not on channel 6"

received() { cat "/sys/class/net/$DONGLE_IFACE/statistics/rx_packets"; }
# stalls: halts the emulator made so far (it logs its counters on SIGUSR2).
stalls() {
  local n
  kill -USR2 "$DONGLE_PID"
  nap 1
  n=$(sed -n 's/.*counters: .*rx_stalls=\([0-9]*\).*/\1/p' "$DONGLE_LOG" | tail -n 1)
  echo "${n:-0}"
}

t0=$EPOCHSECONDS
seen=0
at_first=
while n=$(stalls) && [ "$n" -lt "$want_stalls" ] && [ "$EPOCHSECONDS" -lt $(( t0 + 90 )) ]; do
  kill -0 "$flood" 2>/dev/null || fail "the injector died"
  if [ "$n" -gt "$seen" ]; then
    seen=$n
    [ -n "$at_first" ] || at_first=$(received)
    log "stall $n after $(( EPOCHSECONDS - t0 )) s, $(received) frames received"
  fi
  nap 1
done
if [ "$n" -lt "$want_stalls" ]; then
  since=$(( $(received) - ${at_first:-$(received)} ))
  fail "$n of $want_stalls stalls in 90 s: the host stopped taking frames ($since received since the first stall)"
fi
at_last=$(received)
log "stall $n after $(( EPOCHSECONDS - t0 )) s, $at_last frames received"
wait_until 30 eval '[ "$(received)" -ge $(( at_last + 20 )) ]' \
  || fail "no frames after stall $n: $(( $(received) - at_last )) in 30 s"
log "$(( $(received) - at_last )) frames received after stall $n"
kill "$flood"; wait "$flood" 2>/dev/null || true

recoveries=$(dmesg | grep -c "bulk IN endpoint 1 halted: cleared" || true)
dmesg | grep "bulk IN endpoint 1 halted" | tail -n 1
[ "${recoveries:-0}" -gt 0 ] || fail "the driver logged no recovery from a halt"
dongle_stop
grep "stopped:" "$RWLAN_OUT/emu.log" || true
