# Our module loads, logs, and unloads, 5 times over, leaving nothing behind
# (a cycle costs the debug guest some 2.5 s; soak/hwsim-load-cycles does
# a thousand through the same layer).
. tests/lib/lib.sh

ko="$RWLAN_MOD/rwlan_selftest.ko"
[ -f "$ko" ] || fail "$ko is not built"
for i in $(seq 1 5); do
  dmesg -C
  insmod "$ko" || fail "insmod failed on cycle $i"
  grep -q rwlan_selftest /proc/modules || fail "module not listed after insmod (cycle $i)"
  dmesg | contains "rwlan_selftest: shared layer matches this kernel" \
    || { dmesg; fail "no load message on cycle $i"; }
  rmmod rwlan_selftest || fail "rmmod failed on cycle $i"
  ! grep -q rwlan_selftest /proc/modules || fail "module still listed after rmmod (cycle $i)"
  dmesg | contains "rwlan_selftest: unloaded" || { dmesg; fail "no unload message on cycle $i"; }
done
log "5 load/unload cycles"

# deferred=1 adds a radio whose driver leaves its timer and delayed work
# armed when stopped. The layer must end both when mac80211 stops the
# radio: nothing runs while it is down, and unregistering it while up
# (rmmod) leaves nothing to fire on mac80211's destroyed workqueue. Its
# runs also receive beacons through a NAPI context, seen on a monitor.
dmesg -C
insmod "$ko" deferred=1 || fail "insmod deferred=1 failed"
phy=$(dmesg | sed -n 's/.*rwlan_selftest: busy radio \(phy[0-9]*\) registered.*/\1/p' | tail -n1)
[ -n "$phy" ] || { dmesg; fail "no busy radio registered"; }
dev=
for d in /sys/class/net/*; do
  [ "$(cat "$d/phy80211/name" 2>/dev/null)" = "$phy" ] && dev=${d##*/}
done
[ -n "$dev" ] || fail "no interface on $phy"
runs=/sys/kernel/debug/ieee80211/$phy/selftest/runs
[ -r "$runs" ] || fail "$runs missing"
ip link set "$dev" up
"$RWLAN_BIN/rwlan" dev add selftestmon0 --phy "$phy" --type monitor > /dev/null || fail "no monitor on $phy"
ip link set selftestmon0 up
# Each run receives a beacon from 02:72:77:6c:61:01 through the layer's
# NAPI context: a monitor on the radio sees them reach mac80211.
heard=$(timeout 20 tcpdump -i selftestmon0 -nn -p -c 5 'wlan addr2 02:72:77:6c:61:01' 2> /dev/null | grep -c Beacon || true)
[ "$heard" -eq 5 ] || fail "the monitor saw $heard of 5 beacons received through NAPI"
"$RWLAN_BIN/rwlan" dev del selftestmon0 || fail "cannot remove selftestmon0"
nap 0.5
up=$(cat "$runs")
[ "$up" -gt 0 ] || fail "timer and work never ran while $dev was up"
ip link set "$dev" down
stopped=$(cat "$runs")
nap 0.5
later=$(cat "$runs")
[ "$later" -eq "$stopped" ] \
  || fail "timer or work ran $((later - stopped)) times after $dev was stopped"
ip link set "$dev" up
nap 0.2
rmmod rwlan_selftest || fail "rmmod with the busy radio up failed"
[ ! -e "/sys/class/ieee80211/$phy" ] || fail "$phy still there after rmmod"
log "busy radio: $up runs while up, beacons received through NAPI, none after stop; removed while up"
