# Load/unload cycles of the radio driver (LOAD_CYCLES, 10 for the C
# reference, 50 for rwlan_hwsim), each with 2 radios whose interfaces come
# up, and the sysfs class checked each time.
. tests/vm/lib.sh
cycles=${LOAD_CYCLES:-10}

for i in $(seq 1 "$cycles"); do
  hwsim_load 2
  ifc=$(hwsim_iface 0)
  [ -n "$ifc" ] || fail "cycle $i: no interface under hwsim0"
  ip link set "$ifc" up || fail "cycle $i: cannot bring $ifc up"
  rmmod "$RWLAN_RADIO" || fail "cycle $i: rmmod $RWLAN_RADIO failed"
  [ "$(hwsim_count)" -eq 0 ] || fail "cycle $i: radios left after unload"
done
log "$cycles load/unload cycles of $RWLAN_RADIO"
