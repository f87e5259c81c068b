#!/usr/bin/env bash
# Builds rwlan's two DKMS packages from this checkout against KDIR, in
# throwaway DKMS trees (nothing of the system's is touched), and checks
# what each built: dkms.conf the rwlan_* modules, dkms-hwsim-as-c.conf
# rwlan_hwsim under the name mac80211_hwsim.
#   tests/harness/dkms-check.sh KDIR
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kdir=$1
release=$(cat "$kdir/include/config/kernel.release") || exit 1
command -v dkms > /dev/null || { echo "dkms-check: dkms is not installed (qemu/setup.sh installs it)"; exit 1; }
tmp=$(mktemp -d /tmp/rwlan-dkms.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failed=0
# check PACKAGE CONF MODULE...: builds PACKAGE from CONF; each MODULE must
# come out under its name.
check() {
  local pkg=$1 conf=$2 src m built; shift 2
  src=$tmp/src/$pkg-0.1.0
  mkdir -p "$src" "$tmp/tree"
  (cd "$root" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -C "$src" -xf -
  cp "$root/$conf" "$src/dkms.conf"
  if ! dkms build "$pkg/0.1.0" -k "$release" --kernelsourcedir "$kdir" \
      --dkmstree "$tmp/tree" --sourcetree "$tmp/src" > "$tmp/$pkg.log" 2>&1; then
    tail -n 30 "$tmp/$pkg.log"; find "$tmp/tree" -name make.log -exec tail -n 30 {} \;
    echo "dkms-check: $conf did not build"; failed=1; return
  fi
  for m in "$@"; do
    built=$tmp/tree/$pkg/0.1.0/$release/$(uname -m)/module/$m.ko
    if [ "$(modinfo -F name "$built" 2>/dev/null)" = "$m" ]; then
      echo "dkms-check: $conf built $m ($(modinfo -F description "$built"))"
    else
      echo "dkms-check: $conf did not build $m"; failed=1
    fi
  done
}
export PATH=$PATH:/sbin:/usr/sbin
check rwlan dkms.conf rwlan_hwsim rwlan_rtl8187
check rwlan-hwsim-as-c dkms-hwsim-as-c.conf mac80211_hwsim
exit $failed
