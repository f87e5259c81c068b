#!/usr/bin/env bash
# `make test`: host checks, then every VM scenario in one boot of the debug
# kernel, then the harness self-test. Ends with "N passed, N failed".
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

# Every tests/vm/*.sh is a scenario, but for the harness's own scripts.
scenarios=()
for f in tests/vm/*.sh; do
  n=$(basename "$f" .sh)
  case "$n" in lib|guest|run|selftest|bench-*) continue ;; esac
  scenarios+=("$n")
done
results=$(mktemp -d /tmp/rwlan-test.XXXXXX)
tests/vm/run.sh --kdir "$kdir" --results "$results" "${scenarios[@]}"
if [ -f "$results/summary" ]; then
  read -r p f s < "$results/summary"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
else
  failed=$((failed + ${#scenarios[@]}))
fi

step "harness self-test" tests/vm/selftest.sh --kdir "$kdir"

line="$passed passed, $failed failed"
[ $skipped -eq 0 ] || line+=", $skipped skipped"
echo "$line"
[ $failed -eq 0 ]
