#!/usr/bin/env bash
# Proves the harness can fail: runs the scenarios in tests/harness/negative/ and
# passes only if run.sh judged each one failed, for the reason it was built
# to trigger.
#   selftest.sh [--kdir DIR]    boots a VM for them
#   selftest.sh --judged DIR    checks them in the results of a run that had
#                               them among its scenarios (`make test` does),
#                               and removes them from DIR/*/failures
#   selftest.sh --scenarios     names them, one a line
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
negatives=(harness/negative/exit-status harness/negative/kernel-warning)
expected=('harness/negative/exit-status: exit status 3'
  'harness/negative/kernel-warning: kernel log reports (exit status 0)')
[ "${1:-}" != --scenarios ] || { printf '%s\n' "${negatives[@]}"; exit 0; }
ok=1
if [ "${1:-}" = --judged ]; then
  judged=$2
  out=$(cat "$judged"/*/failures 2>/dev/null | sed 's/^/FAIL /')
else
  results=$(mktemp -d /tmp/rwlan-selftest.XXXXXX)
  out=$("$root/tests/harness/run.sh" --results "$results" "$@" "${negatives[@]}") \
    && { echo "harness self-test: run.sh exited 0 for failing scenarios"; ok=0; }
  echo "$out" | grep -E '^(PASS|FAIL|SKIP|vm:)' | sed 's/^/  (expected) /'
fi
grep -qF "FAIL ${expected[0]}" <<< "$out" \
  || { echo "harness self-test: a non-zero exit was not reported"; ok=0; }
grep -qF "FAIL ${expected[1]}" <<< "$out" \
  || { echo "harness self-test: a WARN in the kernel log was not reported"; ok=0; }
if [ -n "${judged:-}" ] && [ $ok = 1 ]; then
  for f in "$judged"/*/failures; do
    grep -vF -e "${expected[0]}" -e "${expected[1]}" "$f" > "$f.rest"; mv "$f.rest" "$f"
  done
  echo "  (expected) FAIL ${expected[0]}"; echo "  (expected) FAIL ${expected[1]}"
fi
# The end-of-run kmemleak scan hands each object to the scenario that was
# running when it was allocated: check that on a made-up report.
fake=$(mktemp -d /tmp/rwlan-selftest-leaks.XXXXXX)
mkdir -p "$fake/boot" "$fake/one" "$fake/two"
printf '0 boot\n4294937900 one\n4294938500 two\n' > "$fake/windows"
printf '%s\n' 'unreferenced object 0xffff0001 (size 64):' '  comm "insmod", pid 7, jiffies 4294938000' \
  '  backtrace (crc 0):' 'unreferenced object 0xffff0002 (size 32):' '  comm "iw", pid 9, jiffies 4294939000' \
  | python3 -S "$root/tests/harness/split_leaks.py" "$fake" "$fake/windows"
grep -q 0xffff0001 "$fake/one/kmemleak" && grep -q 0xffff0002 "$fake/two/kmemleak" \
  && ! grep -q 0xffff0002 "$fake/one/kmemleak" && [ ! -e "$fake/boot/kmemleak" ] \
  || { echo "harness self-test: leaked objects were not given to the scenario that allocated them"; ok=0; }
rm -rf "$fake"
[ $ok = 1 ] && echo "harness self-test: failures are reported" 
[ $ok = 1 ]
