#!/usr/bin/env bash
# `make test`: host checks, then every run of `tests/harness/matrix.sh test`
# and the harness self-test's scenarios on the debug kernel. Ends with the
# slowest runs, where the time went, and "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. qemu/toolchain.sh
t0=$EPOCHSECONDS
# Seconds each run took last time: the next run starts the longest first.
durations=$RWLAN_CACHE/scenario-seconds
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

k0=$EPOCHSECONDS
kdir=$("$root/qemu/kernel.sh" debug) || { echo "FAIL test kernel build"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }
kernel_secs=$(( EPOCHSECONDS - k0 ))
step "module build" make -s -C "$kdir" M="$root" LLVM=1 modules
step "objtool" tests/harness/objtool-check.sh "$kdir"
step "DKMS packages" tests/harness/dkms-check.sh "$kdir"
step "release build" cargo build --release --workspace -q
# udev loads the USB driver for a plugged dongle through these aliases:
# one for each of the family's 21 IDs (`rwlan usb ids`), and no other.
usb_aliases() {
  diff <(PATH=$PATH:/sbin:/usr/sbin modinfo -F alias driver/rwlan_rtl8187.ko \
           | sed -n 's/^usb:v\(....\)p\(....\)d.*/\1:\2/p' | tr A-F a-f | sort) \
       <(target/release/rwlan --json usb ids | jq -r '.[].id' | sort)
}
step "rwlan_rtl8187 USB aliases" usb_aliases
# The drivers stand on the safe layer alone: no unsafe code, no raw bindings
# outside driver/wireless/.
safe_drivers() { ! grep -rnwE 'unsafe|bindings::' driver/hwsim driver/rtl8187 driver/selftest --include='*.rs'; }
step "drivers without unsafe" safe_drivers

mapfile -t scenarios < <(RWLAN_DURATIONS=$durations tests/harness/matrix.sh test)
# The harness self-test's scenarios, which must fail, run in the same VMs:
# a VM of their own cost a minute and a half.
mapfile -t negatives < <(tests/harness/selftest.sh --scenarios)
host_secs=$(( EPOCHSECONDS - t0 ))
# The scenarios are mostly single-threaded under TCG: RWLAN_VM_SHARDS VMs
# (one vCPU each, default 2) take scenarios from one shared list.
results=$(mktemp -d /tmp/rwlan-test.XXXXXX)
shards=${RWLAN_VM_SHARDS:-2}
cpus=1; [ "$shards" -gt 1 ] || cpus=2
v0=$EPOCHSECONDS
for i in $(seq 1 "$shards"); do
  { RWLAN_VM_CPUS=${RWLAN_VM_CPUS:-$cpus} tests/harness/run.sh --kdir "$kdir" --results "$results/vm$i" \
    --claims "$results/claims" "${scenarios[@]}" "${negatives[@]}" 2>&1 | sed -u "s/^/[vm$i] /"
    echo "[vm$i] vm: done after $(( EPOCHSECONDS - v0 ))s"; } &
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
for n in "${scenarios[@]}" "${negatives[@]}"; do
  [ -d "$results/claims/${n//\//_}" ] || { echo "FAIL $n: no VM ran it"; failed=$((failed + 1)); }
done
# Each negative failed for its reason: they count as the one self-test step
# (which takes them out of the failures), not as failures.
echo "--- harness self-test"
if tests/harness/selftest.sh --judged "$results"; then
  echo "PASS harness self-test"; passed=$((passed + 1)) failed=$((failed - ${#negatives[@]}))
else
  echo "FAIL harness self-test"; failed=$((failed + 1))
fi
echo "vm scenarios: $judged judged of $(( ${#scenarios[@]} + ${#negatives[@]} )) in $(( EPOCHSECONDS - v0 ))s (results in $results)"
# Where the time went: the slowest runs, and their seconds for next time.
find "$results" -name seconds -path '*/vm*/*' | while read -r f; do
  n=${f#"$results"/vm*/}; echo "$(cat "$f") ${n%/seconds}"
done | sort -k1,1nr > "$results/seconds"
if [ -s "$results/seconds" ]; then
  echo "slowest runs (seconds):"; head -n 10 "$results/seconds" | sed 's/^/  /'
  cp "$results/seconds" "$durations"
fi

# The failures again, with the end of each one's output: a CI log that
# keeps only its tail still says what failed and why.
recap() {
  local f name dir
  for f in "$results"/vm*/failures; do
    [ -f "$f" ] || continue
    while IFS= read -r line; do
      echo "  $line"; name=${line%%: *}; dir=${f%/failures}/$name
      [ -f "$dir/log" ] && tail -n 15 "$dir/log" | sed 's/^/      /'
      [ -s "$dir/reports" ] && { echo "    its kernel reports:"; head -n 10 "$dir/reports" | sed 's/^/      /'; }
    done < "$f"
  done
}
[ -z "$(cat "$results"/vm*/failures 2>/dev/null)" ] || { echo "failed runs, each with the end of its output:"; recap; }

echo "time: kernel ${kernel_secs}s, host steps $((host_secs - kernel_secs))s, total $(( EPOCHSECONDS - t0 ))s"

line="$passed passed, $failed failed"
[ $skipped -eq 0 ] || line+=", $skipped skipped"
echo "$line"
[ $failed -eq 0 ]
