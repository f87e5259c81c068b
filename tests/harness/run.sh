#!/usr/bin/env bash
# Boots the test kernel once and runs VM scenarios in it, then judges each:
# a scenario passes when it exited 0 and its slice of the kernel log (and the
# objects it allocated that the end-of-run kmemleak scan found unreferenced)
# holds no BUG/WARNING/Oops/KASAN/lockdep/leak report.
#   tests/harness/run.sh [--kdir DIR] [--results DIR] [--claims DIR] RUN...
# A RUN is AREA/NAME@DRIVER, or AREA/NAME for every driver its header names
# (tests/harness/matrix.sh).
# Prints one PASS/FAIL/SKIP line per scenario and writes the counts to
# RESULTS/summary ("passed failed skipped"). Exit status 1 if any failed.
# With --claims, several VMs share one scenario list: each runs only the
# scenarios it claims first in DIR, and judges only those.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# vng finds virtiofsd (cargo-installed) on this PATH.
. "$root/qemu/toolchain.sh"
kdir=${RWLAN_KDIR:-}
results= claims=
while [ $# -gt 0 ]; do
  case "$1" in
    --kdir) kdir=$2; shift 2 ;;
    --results) results=$2; shift 2 ;;
    --claims) claims=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "run.sh: no scenario given" >&2; exit 2; }
runs=$("$root/tests/harness/matrix.sh" expand "$@") || exit 2
mapfile -t runs <<< "$runs"
set -- "${runs[@]}"
[ -n "$kdir" ] || kdir=$("$root/qemu/kernel.sh" debug) || exit 1
[ -n "$results" ] || results=$(mktemp -d /tmp/rwlan-vm.XXXXXX)
mkdir -p "$results"
shared=(--rwdir "$results")
[ -z "$claims" ] || { mkdir -p "$claims"; shared+=(--rwdir "$claims"); }

# Reports that fail a run wherever they appear in the guest kernel log.
bad='BUG:|WARNING:|Oops|KASAN|kernel BUG|general protection fault|UBSAN|'
bad+='possible (recursive|circular) locking|inconsistent lock state|INFO: trying to register non-static key|'
bad+='unreferenced object|refcount_t:|Call Trace|panicked at|INFO: task .* blocked'

echo "vm: booting $(basename "$kdir") for: $*"
# Two vCPUs, enough memory for KASAN; no KVM (TCG) unless RWLAN_KVM=1.
kvm=--disable-kvm
[ "${RWLAN_KVM:-0}" = 1 ] && kvm=
# The scenario list goes through a file: virtme-ng passes the command on
# the kernel command line, which holds 2048 bytes in all.
printf '%s\n' "$@" > "$results/scenarios"
# TCG offers 5-level paging; with it, an interrupt taken during early CPU
# setup sometimes trips KASAN (wild-memory-access in handle_edge_irq) before
# any scenario runs. The guest needs no 5-level paging.
: > "$results/guest.log"
# The guest sees none of this environment: the variables scenarios read
# (RWLAN_SCALE_STATIONS=10, RWLAN_BENCH_PROFILE=1, ...) go on its command,
# every RWLAN_* set here but the harness's own.
knobs=
for v in $(compgen -e -X '!RWLAN_*'); do
  case $v in
    RWLAN_CACHE | RWLAN_KDIR | RWLAN_KVM | RWLAN_VM_* | RWLAN_DURATIONS | RWLAN_CLAIMS | RWLAN_SOAK_SCALE) ;;
    *) knobs+=" $v=$(printf %q "${!v}")" ;;
  esac
done
timeout -k 30 "${RWLAN_VM_TIMEOUT:-4500}" \
  vng --run "$kdir" $kvm --append no5lvl --cpus "${RWLAN_VM_CPUS:-2}" --memory 3G "${shared[@]}" --cwd "$root" \
    ${RWLAN_VM_VERBOSE:+--verbose} \
    --exec "env RWLAN_CLAIMS=$claims RWLAN_SOAK_SCALE=${RWLAN_SOAK_SCALE:-1}$knobs bash $root/tests/harness/guest.sh $results" \
    </dev/null > "$results/console.log" 2>&1 &
vm=$!
# Scenario output as the guest writes it.
tail -n +1 -F --pid=$vm "$results/guest.log" 2>/dev/null
wait $vm
vm_rc=$?
[ -z "${RWLAN_VM_VERBOSE:-}" ] || cat "$results/console.log"
# vng's exit status is not the scenarios' (see guest.sh); it matters only
# when the VM could not start at all or timed out.
[ -f "$results/boot/status" ] || { echo "vm: the guest did not start (vng exited $vm_rc):"; tail -n 30 "$results/console.log"; }

passed=0 failed=0 skipped=0
# Every failure also goes to RESULTS/failures, one "NAME: why" line each,
# for the recap at the end of `make test`.
fail() { # name why
  echo "FAIL $1: $2"; echo "$1: $2" >> "$results/failures"; failed=$((failed + 1))
}
judge() { # name
  local name=$1 dir="$results/$1" rc reports
  # Another VM's scenario, or one no VM has reached yet.
  [ -z "$claims" ] || [ -d "$dir" ] || return 0
  if [ ! -f "$dir/status" ]; then
    fail "$name" "the guest never finished it (crash or timeout; rerun with RWLAN_VM_VERBOSE=1 to see the kernel console)"
    return
  fi
  rc=$(cat "$dir/status")
  reports=$(cat "$dir/dmesg" "$dir/kmemleak" 2>/dev/null | grep -E "$bad" || true)
  printf '%s' "$reports" > "$dir/reports"
  # Checks of the scenario's artifacts that need no kernel (tshark takes
  # minutes to start in the debug guest, a second here): tests/AREA/NAME.host
  # with the artifacts directory as its argument.
  local run=${name%%#*} host_check
  host_check=$root/tests/${run%@*}.host
  if [ "$rc" = 0 ] && [ -f "$host_check" ]; then
    bash "$host_check" "$dir/artifacts" > "$dir/host-check" 2>&1 || rc=host
  fi
  if [ -n "$reports" ]; then
    fail "$name" "kernel log reports (exit status $rc):"
    sed 's/^/    /' "$dir/dmesg" "$dir/kmemleak"
  elif [ "$rc" = 0 ]; then
    echo "PASS $name"; passed=$((passed + 1))
  elif [ "$rc" = 77 ]; then
    echo "SKIP $name"; skipped=$((skipped + 1))
  elif [ "$rc" = host ]; then
    fail "$name" "its artifacts failed $(basename "$host_check") on the host:"
    sed 's/^/    /' "$dir/host-check"
  else
    fail "$name" "exit status $rc"
    if [ -f "$dir/processes-at-limit" ]; then
      echo "    processes just before its time limit:"
      sed 's/^/    /' "$dir/processes-at-limit" | head -n 60
    fi
  fi
}

if [ -f "$results/boot/dmesg" ] && grep -qE "$bad" "$results/boot/dmesg" "$results/boot/kmemleak"; then
  fail boot "the kernel log had reports before any scenario ran:"
  grep -E -B2 -A20 "$bad" "$results/boot/dmesg" | head -60 | sed 's/^/    /'
fi
if [ -f "$results/boot/status" ] && [ "$(cat "$results/boot/status")" != 0 ]; then
  fail boot "the guest could not prepare the scenarios:"
  sed 's/^/    /' "$results/boot/log"
fi
for s in "$@"; do judge "$s"; done
if [ -f "$results/boot/status" ] && [ ! -f "$results/leak-scan" ]; then
  fail kmemleak "the guest never finished its end-of-run leak scan, so no scenario here was checked for leaks"
fi
echo "$passed $failed $skipped" > "$results/summary"
echo "vm: $passed passed, $failed failed, $skipped skipped (results in $results)"
[ $failed -eq 0 ]
