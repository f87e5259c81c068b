# 50 load/unload cycles of the radio driver, each with 2 radios whose
# interfaces come up, and the sysfs class checked each time.
. tests/vm/lib.sh

for i in $(seq 1 50); do
  hwsim_load 2
  ifc=$(hwsim_iface 0)
  [ -n "$ifc" ] || fail "cycle $i: no interface under hwsim0"
  ip link set "$ifc" up || fail "cycle $i: cannot bring $ifc up"
  rmmod "$RWLAN_RADIO" || fail "cycle $i: rmmod $RWLAN_RADIO failed"
  [ "$(hwsim_count)" -eq 0 ] || fail "cycle $i: radios left after unload"
done
log "50 load/unload cycles of $RWLAN_RADIO"
