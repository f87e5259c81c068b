#!/usr/bin/env bash
# Builds (or reuses) the rwlan test kernel and prints its build directory.
#   qemu/kernel.sh debug|plain
# The tree lives outside the checkout, in $RWLAN_CACHE (default
# /var/cache/rwlan), keyed by kernel version, flavour and a hash of the config
# fragments, so a second run skips the build and a changed fragment rebuilds.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/toolchain.sh"

flavour=${1:-debug}
case "$flavour" in
  debug) fragments=("$here/config/rwlan.config" "$here/config/debug.config") ;;
  plain) fragments=("$here/config/rwlan.config") ;;
  *) echo "kernel.sh: unknown flavour '$flavour' (debug or plain)" >&2; exit 2 ;;
esac

tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n1 || true)
[ -n "$tarball" ] || { echo "kernel.sh: linux-source-6.12 is not installed" >&2; exit 1; }
version=$(dpkg-query -W -f='${Version}' linux-source-6.12); version=${version%%-*}
hash=$(cat "${fragments[@]}" | sha256sum | cut -c1-12)
src="$RWLAN_CACHE/src-$version"
out="$RWLAN_CACHE/kernel-$version-$flavour-$hash"
mkdir -p "$RWLAN_CACHE"

# A built tree is only read: no lock. Building one flavour locks only its
# own tree, so the other flavour stays usable meanwhile.
built() { [ -e "$out/.rwlan-built" ] && echo "$out"; }
built && exit 0
exec 9>"$out.lock"
flock 9
built && exit 0

if [ ! -e "$src/.rwlan-unpacked" ]; then
  exec 8>"$src.lock"
  flock 8
  if [ ! -e "$src/.rwlan-unpacked" ]; then
    echo "kernel.sh: unpacking $tarball" >&2
    rm -rf "$src" "$src.tmp"
    mkdir -p "$src.tmp"
    tar -xf "$tarball" -C "$src.tmp" --strip-components=1
    touch "$src.tmp/.rwlan-unpacked"
    mv "$src.tmp" "$src"
  fi
  exec 8>&-
fi

mk=(make -C "$src" O="$out" LLVM=1 -j"$(nproc)")
if [ ! -e "$out/.config" ]; then
  echo "kernel.sh: configuring $flavour kernel in $out" >&2
  mkdir -p "$out"
  # virtme-ng's minimal config, then our fragments merged over it (virtme
  # appends its own list last, so the merge is what makes ours win).
  (cd "$src" && virtme-configkernel --defconfig O="$out" LLVM=1) >&2
  "$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "${fragments[@]}" >&2
  "${mk[@]}" olddefconfig >&2
  # Kconfig drops what it cannot satisfy (RUST without a usable rustc, for
  # one) without a word: check every line of the fragments made it.
  missing=0
  while IFS= read -r line; do
    case "$line" in CONFIG_*=n) want="# ${line%=n} is not set" ;; CONFIG_*) want=$line ;; *) continue ;; esac
    if ! grep -qxF "$want" "$out/.config"; then
      if [[ $line == *=n ]] && ! grep -q "^${line%=n}=" "$out/.config"; then continue; fi
      echo "kernel.sh: config wants '$line' but got: $(grep "^${line%=*}=" "$out/.config" || echo unset)" >&2
      missing=1
    fi
  done < <(cat "${fragments[@]}")
  if [ "$missing" = 1 ]; then
    "${mk[@]}" rustavailable >&2 || true
    mv "$out/.config" "$out/.config.rejected"
    exit 1
  fi
fi

echo "kernel.sh: building $flavour kernel (first time: 8-10 min on 2 cores)" >&2
start=$(date +%s)
"${mk[@]}" bzImage modules >&2
touch "$out/.rwlan-built"
echo "kernel.sh: built in $(( $(date +%s) - start ))s" >&2
echo "$out"
