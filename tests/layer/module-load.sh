# Our module loads, logs, and unloads, 20 times over, leaving nothing behind.
. tests/lib/lib.sh

ko="$RWLAN_MOD/rwlan_selftest.ko"
[ -f "$ko" ] || fail "$ko is not built"
for i in $(seq 1 20); do
  dmesg -C
  insmod "$ko" || fail "insmod failed on cycle $i"
  grep -q rwlan_selftest /proc/modules || fail "module not listed after insmod (cycle $i)"
  dmesg | grep -q "rwlan_selftest: shared layer matches this kernel" \
    || { dmesg; fail "no load message on cycle $i"; }
  rmmod rwlan_selftest || fail "rmmod failed on cycle $i"
  ! grep -q rwlan_selftest /proc/modules || fail "module still listed after rmmod (cycle $i)"
  dmesg | grep -q "rwlan_selftest: unloaded" || { dmesg; fail "no unload message on cycle $i"; }
done
log "20 load/unload cycles"
