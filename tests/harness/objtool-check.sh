#!/usr/bin/env bash
# Fails when objtool warns about one of rwlan's objects. objtool follows
# every call and jump: "falls through to next function" after a call means
# a call that never returns where objtool believed it would (a Rust panic
# path objtool does not know), "unreachable instruction" the reverse.
# KASAN's instrumentation hides some of these (the debug kernel's build
# prints none for a fall-through the plain kernel's shows), so the modules
# are built once more without it, in a scratch copy, for objtool alone.
#   objtool-check.sh KDIR
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kdir=$1
scratch=$(mktemp -d /tmp/rwlan-objtool.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
cp -r "$root/Kbuild" "$root/driver" "$scratch/"
find "$scratch/driver" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' \) -delete
# The objects are never loaded: a crate without KASAN beside a core with
# it is an ABI mismatch rustc refuses unless told it is wanted.
make -s -C "$kdir" M="$scratch" LLVM=1 KASAN_SANITIZE=n \
  KRUSTFLAGS=-Cunsafe-allow-abi-mismatch=sanitizer modules > "$scratch/build.log" 2>&1 \
  || { cat "$scratch/build.log"; echo "objtool-check: the build without KASAN failed"; exit 1; }
warnings=$(grep -E 'driver/[^ :]*\.o: (warning|error): objtool:' "$scratch/build.log" | sed "s#$scratch/##")
[ -n "$warnings" ] || { echo "objtool: no warning about rwlan's objects"; exit 0; }
echo "objtool warnings about rwlan's objects:"
echo "$warnings" | sed 's/^/  /'
exit 1
