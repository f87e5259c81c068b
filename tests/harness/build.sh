#!/usr/bin/env bash
# Builds what a VM run needs, the test kernel of FLAVOUR (cached), our
# modules against it and the release binaries, and prints the kernel's
# build directory.
#   tests/harness/build.sh debug|plain
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kdir=$("$root/qemu/kernel.sh" "$1") || exit 1
make -s -C "$kdir" M="$root" LLVM=1 modules >&2 || exit 1
(cd "$root" && cargo build --release --workspace -q) >&2 || exit 1
echo "$kdir"
