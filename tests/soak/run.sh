#!/usr/bin/env bash
# `make soak`: the long forms of the robustness scenarios (tests/soak/), on
# the debug kernel with every checker, in two VMs. Not part of CI: a full
# soak takes hours. RWLAN_SOAK_SCALE=0.1 shortens every count for a quick
# try. Ends with a table, one row a run: its count, seconds and the
# kernel reports (BUG, WARNING, KASAN, lockdep, kmemleak, refcount) found
# in its slice of the log; any report or failure fails the soak.
#   tests/soak/run.sh [RUN...]     (default: every tests/soak/*.sh)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
kdir=$(tests/harness/build.sh debug) || exit 1
if [ $# -gt 0 ]; then runs=$(tests/harness/matrix.sh expand "$@") || exit 2
else runs=$(tests/harness/matrix.sh soak) || exit 2; fi
mapfile -t runs <<< "$runs"
results=$(mktemp -d /tmp/rwlan-soak.XXXXXX)
export RWLAN_SOAK_SCALE=${RWLAN_SOAK_SCALE:-1}
# A soak outlasts run.sh's default VM limit.
export RWLAN_VM_TIMEOUT=${RWLAN_VM_TIMEOUT:-43200}
echo "soak: ${#runs[@]} runs at scale $RWLAN_SOAK_SCALE (results in $results)"
for i in 1 2; do
  RWLAN_VM_CPUS=1 tests/harness/run.sh --kdir "$kdir" --results "$results/vm$i" \
    --claims "$results/claims" "${runs[@]}" 2>&1 | sed -u "s/^/[vm$i] /" &
  for _ in $(seq 1 120); do [ -s "$results/vm$i/guest.log" ] && break; sleep 2; done
done
wait
failed=0
printf '\n%-36s %8s %8s %15s  %s\n' soak count seconds "kernel reports" verdict
for r in "${runs[@]}"; do
  dir=$(ls -d "$results"/vm*/"$r" 2>/dev/null | head -n 1)
  if [ -z "$dir" ] || [ ! -f "$dir/status" ]; then
    printf '%-36s %8s %8s %15s  %s\n' "$r" - - - "not finished"; failed=1; continue
  fi
  count=$(sed -n 's/^SOAK count \([0-9]*\)$/\1/p' "$dir/log" | tail -n 1)
  reports=$(grep -c . "$dir/reports" 2>/dev/null || true)
  verdict=pass
  [ "$(cat "$dir/status")" = 0 ] || verdict="exit $(cat "$dir/status")"
  [ "${reports:-0}" = 0 ] || verdict=fail
  [ "$verdict" = pass ] || failed=1
  printf '%-36s %8s %8s %15s  %s\n' "$r" "${count:--}" "$(cat "$dir/seconds")" "${reports:-0}" "$verdict"
done
[ $failed = 0 ]
