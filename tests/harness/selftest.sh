#!/usr/bin/env bash
# Proves the harness can fail: runs the scenarios in tests/harness/negative/ and
# passes only if run.sh judged each one failed, for the reason it was built
# to trigger.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
results=$(mktemp -d /tmp/rwlan-selftest.XXXXXX)
out=$("$root/tests/harness/run.sh" --results "$results" "$@" harness/negative/exit-status harness/negative/kernel-warning)
rc=$?
echo "$out" | grep -E '^(PASS|FAIL|SKIP|vm:)' | sed 's/^/  (expected) /'
ok=1
[ $rc -ne 0 ] || { echo "harness self-test: run.sh exited 0 for failing scenarios"; ok=0; }
echo "$out" | grep -q '^FAIL harness/negative/exit-status: exit status 3' \
  || { echo "harness self-test: a non-zero exit was not reported"; ok=0; }
echo "$out" | grep -q '^FAIL harness/negative/kernel-warning: kernel log reports (exit status 0)' \
  || { echo "harness self-test: a WARN in the kernel log was not reported"; ok=0; }
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
