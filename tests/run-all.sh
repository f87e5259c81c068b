#!/usr/bin/env bash
# `make test`: host checks, then every VM scenario on the debug kernel, then
# the harness self-test. Ends with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
passed=0 failed=0 skipped=0
step() { # name cmd...
  local name=$1; shift
  echo "--- $name"
  if "$@"; then echo "PASS $name"; passed=$((passed + 1));
  else echo "FAIL $name"; failed=$((failed + 1)); fi
}

step "cargo fmt" cargo fmt --all --check
step "cargo clippy" cargo clippy --workspace --all-targets -q -- -D warnings
step "cargo test" cargo test --workspace -q

kdir=$("$root/qemu/kernel.sh" debug) || { echo "FAIL test kernel build"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
step "module build" make -s -C "$kdir" M="$root" LLVM=1 modules
step "release build" cargo build --release --workspace -q
# udev loads the USB driver for a plugged dongle through these aliases.
usb_alias() { PATH=$PATH:/sbin:/usr/sbin modinfo -F alias driver/rwlan_rtl8187.ko | grep -x 'usb:v0BDAp8187d\*dc\*dsc\*dp\*ic\*isc\*ip\*in\*' >/dev/null; }
step "rwlan_rtl8187 USB alias" usb_alias

# Every tests/vm/*.sh is a scenario, but for the harness's own scripts and
# the C mac80211_hwsim runs of scenarios that have an -rwlan twin: those
# check the scenarios, not this project's code, and cost a fifth of the
# run, so `make test-reference` runs them. The C rtl8187 runs stay: they
# are how the emulated dongle is checked.
scenarios=()
for f in tests/vm/*.sh; do
  n=$(basename "$f" .sh)
  case "$n" in lib|guest|run|selftest|bench-*) continue ;; esac
  case "$n" in hwsim-*) [ ! -e "tests/vm/$n-rwlan.sh" ] || continue ;; esac
  scenarios+=("$n")
done
# The scenarios are mostly single-threaded under TCG: RWLAN_VM_SHARDS VMs
# (one vCPU each, default 2) take scenarios from one shared list.
results=$(mktemp -d /tmp/rwlan-test.XXXXXX)
shards=${RWLAN_VM_SHARDS:-2}
cpus=1; [ "$shards" -gt 1 ] || cpus=2
for i in $(seq 1 "$shards"); do
  RWLAN_VM_CPUS=${RWLAN_VM_CPUS:-$cpus} tests/vm/run.sh --kdir "$kdir" --results "$results/vm$i" \
    --claims "$results/claims" "${scenarios[@]}" 2>&1 | sed -u "s/^/[vm$i] /" &
  # Two virtme-ng instances starting at the same moment can trip over each
  # other (one exited 255 without a word): start the next once this one runs.
  for _ in $(seq 1 120); do [ -s "$results/vm$i/guest.log" ] && break; sleep 2; done
done
wait
judged=0
for i in $(seq 1 "$shards"); do
  [ -f "$results/vm$i/summary" ] || { echo "FAIL vm$i: no summary"; failed=$((failed + 1)); continue; }
  read -r p f s < "$results/vm$i/summary"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  judged=$((judged + p + f + s))
done
for n in "${scenarios[@]}"; do
  [ -d "$results/claims/${n//\//_}" ] || { echo "FAIL $n: no VM ran it"; failed=$((failed + 1)); }
done
echo "vm scenarios: $judged judged of ${#scenarios[@]} (results in $results)"

step "harness self-test" tests/vm/selftest.sh --kdir "$kdir"

line="$passed passed, $failed failed"
[ $skipped -eq 0 ] || line+=", $skipped skipped"
echo "$line"
[ $failed -eq 0 ]
