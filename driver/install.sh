#!/usr/bin/env bash
# Installs the built modules where modprobe finds them before the kernel's
# own (/lib/modules/RELEASE/updates/rwlan; depmod's default search order puts
# "updates" first), or removes them again; run by `make install`,
# `make install-hwsim-as-c` and `make uninstall`.
#   driver/install.sh install|uninstall RELEASE [MODULE.ko...]
# INSTALL_MOD_PATH prefixes the module tree (as in the kernel's own
# modules_install), for staging or packaging.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
action=${1:-}; release=${2:-}
[ -n "$release" ] || { echo "usage: $0 install|uninstall RELEASE [MODULE.ko...]" >&2; exit 2; }
shift 2
base=${INSTALL_MOD_PATH:-}
dir=$base/lib/modules/$release/updates/rwlan
[ -d "$base/lib/modules/$release" ] || { echo "install: no module tree $base/lib/modules/$release" >&2; exit 1; }
refresh() { depmod ${base:+-b "$base"} "$release"; }
case $action in
  install)
    [ $# -gt 0 ] || { echo "install: no modules named" >&2; exit 2; }
    mkdir -p "$dir"
    for m in "$@"; do
      [ -f "$here/$m" ] || { echo "install: $here/$m is not built" >&2; exit 1; }
      install -m 644 "$here/$m" "$dir/$m"
      echo "install: $dir/$m"
    done
    refresh
    ;;
  uninstall)
    [ -d "$dir" ] || { echo "uninstall: nothing installed in $dir"; exit 0; }
    rm -rf "$dir"
    refresh
    echo "uninstall: removed $dir"
    ;;
  *) echo "usage: $0 install|uninstall RELEASE [MODULE.ko...]" >&2; exit 2 ;;
esac
