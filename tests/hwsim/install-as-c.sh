# rwlan_hwsim installed under the C module's name (driver/install.sh, what
# `make install-hwsim-as-c` runs), into this kernel's module tree under an
# overlay the scenario throws away: `modprobe mac80211_hwsim` then loads
# rwlan's code (out of tree, rwlan's description) with the names suites
# check (/sys/module/mac80211_hwsim, /proc/modules), its radios work, and
# it unloads; after uninstalling, modprobe loads the kernel's own again.
# drivers: rwlan_hwsim
. tests/lib/lib.sh

release=$(uname -r)
tree=$(readlink -f "/lib/modules/$release")
[ -e "$tree/modules.dep" ] || fail "no module tree for $release"
ovl=$RWLAN_TMP/overlay
mkdir -p "$ovl"
mount -t tmpfs none "$ovl" || fail "cannot mount a tmpfs"
mkdir -p "$ovl/up" "$ovl/work"
mount -t overlay overlay -o "lowerdir=$tree,upperdir=$ovl/up,workdir=$ovl/work" "$tree" \
  || fail "cannot overlay $tree"
on_exit "umount $ovl"
on_exit "umount $tree"

# which: whose mac80211_hwsim is loaded ("rwlan" or "kernel").
which() {
  [ -d /sys/module/mac80211_hwsim ] || { echo none; return; }
  case $(cat /sys/module/mac80211_hwsim/taint) in
    *O*) echo rwlan ;;
    *) echo kernel ;;
  esac
}
[ "$(which)" = none ] || fail "mac80211_hwsim is loaded before the scenario"

"$RWLAN_ROOT/driver/install.sh" install "$release" rwlan_hwsim.ko rwlan_rtl8187.ko mac80211_hwsim.ko \
  > "$RWLAN_OUT/install.txt" 2>&1 || { cat "$RWLAN_OUT/install.txt"; fail "install failed"; }
[ -f "$tree/updates/rwlan/mac80211_hwsim.ko" ] || fail "nothing in $tree/updates/rwlan"
modinfo -F description mac80211_hwsim | grep -q "mac80211_hwsim compatible" \
  || fail "modinfo mac80211_hwsim: $(modinfo -F filename mac80211_hwsim)"

modprobe mac80211_hwsim radios=3 || fail "modprobe mac80211_hwsim failed"
on_exit "rmmod mac80211_hwsim 2>/dev/null"
[ "$(which)" = rwlan ] || fail "modprobe mac80211_hwsim loaded the $(which) module"
grep -q '^mac80211_hwsim ' /proc/modules || fail "/proc/modules lacks mac80211_hwsim"
grep -q '^rwlan_hwsim ' /proc/modules && fail "rwlan_hwsim is loaded under its own name too"
wait_until 10 test "$(hwsim_count)" -ge 3 || fail "rwlan's mac80211_hwsim made $(hwsim_count) of 3 radios"
"$RWLAN_BIN/rwlan" hwsim list > "$RWLAN_OUT/radios.txt" || fail "rwlan hwsim list failed"
[ "$(grep -c '^radio' "$RWLAN_OUT/radios.txt")" = 3 ] || { cat "$RWLAN_OUT/radios.txt"; fail "the family lists no 3 radios"; }
rmmod mac80211_hwsim || fail "rmmod mac80211_hwsim failed"
[ "$(which)" = none ] || fail "mac80211_hwsim still loaded after rmmod"
log "installed: modprobe mac80211_hwsim loads rwlan's code, 3 radios, rmmod unloads it"

"$RWLAN_ROOT/driver/install.sh" uninstall "$release" > "$RWLAN_OUT/uninstall.txt" 2>&1 \
  || { cat "$RWLAN_OUT/uninstall.txt"; fail "uninstall failed"; }
[ -e "$tree/updates/rwlan" ] && fail "uninstall left $tree/updates/rwlan"
modprobe mac80211_hwsim radios=1 || fail "modprobe of the kernel's mac80211_hwsim failed after uninstall"
[ "$(which)" = kernel ] || fail "after uninstall modprobe loaded the $(which) module"
rmmod mac80211_hwsim || fail "rmmod of the kernel's module failed"
log "uninstalled: modprobe mac80211_hwsim loads the kernel's own again"
