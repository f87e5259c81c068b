#!/usr/bin/env bash
# Runs inside the test VM: every scenario named on the command line in turn,
# each in a fresh scratch dir, with its output, exit status, kernel log and
# kmemleak report written to $RESULTS/<scenario>/ for the host to judge.
#   guest.sh RESULTS_DIR SCENARIO...
set -u
results=$1; shift
# The host follows this file while the VM runs: virtme-ng's own stdout
# channel needs udev in the guest, which a plain Debian host lacks.
exec > >(tee -a "$results/guest.log") 2>&1
tee_pid=$!
root=$(cd "$(dirname "$0")/../.." && pwd)
export RWLAN_ROOT=$root
export RWLAN_BIN=${RWLAN_BIN:-$root/target/release}
export RWLAN_MOD=${RWLAN_MOD:-$root/driver}
export PATH="$PATH:/usr/sbin:/sbin"

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
mkdir -p /var/run/netns /run/netns

kmemleak=/sys/kernel/debug/kmemleak
# Reports kmemleak's findings since the last call, then forgets them.
# Objects must be a few seconds old before kmemleak reports them.
leak_scan() {
  [ -w $kmemleak ] || return 0
  sleep 6
  echo scan > $kmemleak; echo scan > $kmemleak
  cat $kmemleak
  echo clear > $kmemleak
}

mkdir -p "$results/boot"
dmesg > "$results/boot/dmesg"; dmesg -C
leak_scan > "$results/boot/kmemleak"
echo 0 > "$results/boot/status"

timeout_s=${RWLAN_SCENARIO_TIMEOUT:-900}
for name in "$@"; do
  dir="$results/$name"; mkdir -p "$dir"
  export RWLAN_OUT="$dir/artifacts"; mkdir -p "$RWLAN_OUT"
  export RWLAN_TMP; RWLAN_TMP=$(mktemp -d /tmp/rwlan-"$name".XXXX)
  echo "=== scenario $name"
  start=$(date +%s)
  (cd "$root" && timeout -k 10 "$timeout_s" bash "tests/vm/$name.sh") 2>&1 | tee "$dir/log"
  rc=${PIPESTATUS[0]}
  echo "=== scenario $name exited $rc after $(( $(date +%s) - start ))s"
  rm -rf "$RWLAN_TMP"
  dmesg > "$dir/dmesg"; dmesg -C
  leak_scan > "$dir/kmemleak"
  echo "$rc" > "$dir/status"
done
# Let tee write the last lines before the VM powers off.
exec >&- 2>&-
wait "$tee_pid"
sync
