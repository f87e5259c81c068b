#!/usr/bin/env bash
# Proves the harness can fail: runs the scenarios in tests/vm/negative/ and
# passes only if run.sh judged each one failed, for the reason it was built
# to trigger.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
results=$(mktemp -d /tmp/rwlan-selftest.XXXXXX)
out=$("$root/tests/vm/run.sh" --results "$results" "$@" negative/exit-status negative/kernel-warning)
rc=$?
echo "$out" | grep -E '^(PASS|FAIL|SKIP|vm:)' | sed 's/^/  (expected) /'
ok=1
[ $rc -ne 0 ] || { echo "harness self-test: run.sh exited 0 for failing scenarios"; ok=0; }
echo "$out" | grep -q '^FAIL negative/exit-status: exit status 3' \
  || { echo "harness self-test: a non-zero exit was not reported"; ok=0; }
echo "$out" | grep -q '^FAIL negative/kernel-warning: kernel log reports (exit status 0)' \
  || { echo "harness self-test: a WARN in the kernel log was not reported"; ok=0; }
[ $ok = 1 ] && echo "harness self-test: failures are reported" 
[ $ok = 1 ]
