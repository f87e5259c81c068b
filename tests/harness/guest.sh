#!/usr/bin/env bash
# Runs inside the test VM: every run listed in RESULTS_DIR/scenarios in turn
# (AREA/NAME or AREA/NAME@DRIVER, see matrix.sh), each in a fresh scratch
# dir, with its output, exit status, seconds, kernel log and leaked objects
# written to $RESULTS/<run>/ for the host to judge.
#   guest.sh RESULTS_DIR
set -u
results=$1; shift
# The host follows this file while the VM runs: virtme-ng's own stdout
# channel needs udev in the guest, which a plain Debian host lacks.
exec > >(tee -a "$results/guest.log") 2>&1
tee_pid=$!
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
export RWLAN_ROOT=$root
export RWLAN_BIN=${RWLAN_BIN:-$root/target/release}
export RWLAN_MOD=${RWLAN_MOD:-$root/driver}
# The system's tools only: the host's PATH may start with pyenv's shims,
# bash scripts that run pyenv before every python3 (14 times slower to
# start on the host than /usr/bin/python3).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
mountpoint -q /sys/kernel/config || mount -t configfs none /sys/kernel/config
mkdir -p /var/run/netns /run/netns

# virtme-ng mounts a tmpfs on /var/cache, which hides the kernel tree (and
# so /lib/modules) when RWLAN_CACHE lives there; a non-recursive bind of /
# still sees the host's directory underneath.
reach_modules() {
  local mods target hidden
  mods=/lib/modules/$(uname -r)
  [ -e "$mods/modules.dep" ] && return 0
  target=$(readlink -m "$mods")
  hidden=$target
  while [ ! -e "$hidden" ]; do hidden=$(dirname "$hidden"); done
  hidden=$(findmnt -n -o TARGET -T "$hidden")
  [ "$hidden" != / ] || { echo "guest: no module tree at $target"; return 1; }
  mkdir -p /run/rwlan-hostroot
  mountpoint -q /run/rwlan-hostroot || mount --bind / /run/rwlan-hostroot
  mount --bind "/run/rwlan-hostroot$hidden" "$hidden"
  [ -e "$mods/modules.dep" ] || { echo "guest: $target still unreachable"; return 1; }
}

kmemleak=/sys/kernel/debug/kmemleak
# Reports what kmemleak finds. A scan takes ~20 s under TCG, so the run has
# one, at its end; objects must be a few seconds old to be reported.
leak_scan() {
  [ -w $kmemleak ] || return 0
  sleep 6
  echo scan > $kmemleak; echo scan > $kmemleak
  cat $kmemleak
}
# When each scenario started, in jiffies (kmemleak's allocation clock), so the
# end-of-run scan can hand each leaked object to the scenario that made it.
windows=$results/leak-windows
jiffies_now() { # sets $jiffies
  local key value
  jiffies=0
  while read -r key value _; do [ "$key" != jiffies: ] || { jiffies=$value; return; }; done < /proc/timer_list
}

mkdir -p "$results/boot"
echo "0 boot" > "$windows"; : > "$results/boot/kmemleak"
reach_modules > "$results/boot/log" 2>&1
echo $? > "$results/boot/status"
dmesg > "$results/boot/dmesg"; dmesg -C

# Between scenarios the guest runs builtins where it can: every process
# started costs about half a second of the TCG guest's one CPU, which made
# the harness's own work between two scenarios take 10 s.
# snapshot: the modules and netns present (" a b "), to tell what a
# scenario left behind.
snapshot() {
  local m ns
  modules_before=" " netns_before=" "
  while read -r m _; do modules_before+="$m "; done < /proc/modules
  for ns in /run/netns/*; do [ -e "$ns" ] && netns_before+="${ns##*/} "; done
}
# A scenario stopped at its time limit (or failing) may skip its own
# cleanup: stop the daemons it left running, delete its netns and unload
# the modules it loaded, so the next scenario starts clean. A passing
# scenario cleans up after itself (lib.sh's on_exit); only the gadget stack
# and the C rtl8187 may stay, which the dongle helpers expect. (With every
# run's leftovers unloaded, a guest hung once right after a dongle run that
# ended in a surprise unplug.)
clear_leftovers() { # after snapshot
  local left ns m i
  local killed=
  # The emulator is pulled out first (SIGQUIT; a SIGKILL can leave its
  # gadget bound, see firmware/README.md), killed only if it hangs.
  if pkill -QUIT -x rtl8187-emu; then
    for i in $(seq 50); do pgrep -x rtl8187-emu >/dev/null || break; sleep 0.2; done
  fi
  # One name a call: pkill matches at most 15 characters of a name pattern.
  for m in hostapd wpa_supplicant rtl8187-emu iperf3 tcpdump tshark dumpcap python3; do
    pkill -KILL -x "$m" && killed=1
  done
  [ -z "$killed" ] || sleep 1
  for ns in /run/netns/*; do
    [ -e "$ns" ] && [[ $netns_before != *" ${ns##*/} "* ]] && ip netns del "${ns##*/}"
  done
  for i in 1 2 3 4 5; do
    left=
    while read -r m _; do [[ $modules_before == *" $m "* ]] || left+=" $m"; done < /proc/modules
    [ -n "$left" ] || return 0
    for m in $left; do rmmod "$m" 2>/dev/null; done
  done
  echo "guest: still loaded after the scenario:" $left
}

# A dongle scenario must leave the USB device controller free: a gadget
# still bound to it makes the next emulator fail, in a scenario that is not
# to blame. Unbinds the bound gadgets, names them in $bound and returns 1.
udc_free() {
  local g udc
  bound=
  for g in /sys/kernel/config/usb_gadget/*/UDC; do
    udc=
    [ -e "$g" ] && read -r udc < "$g"
    [ -n "$udc" ] || continue
    bound+="guest: gadget ${g%/UDC} still bound to $udc"$'\n'
    echo "" > "$g" 2>/dev/null
  done
  [ -z "$bound" ]
}

# Each scenario gets RWLAN_SCENARIO_TIMEOUT seconds (900), or what a line
# "# time limit: N s" in its file asks for.
default_timeout=${RWLAN_SCENARIO_TIMEOUT:-900}
time_limit() { # FILE: sets $limit
  local line
  limit=$default_timeout
  while IFS= read -r line; do
    [[ $line =~ ^#\ time\ limit:\ ([0-9]+)\ s$ ]] && { limit=${BASH_REMATCH[1]}; return; }
  done < "$1"
}
mapfile -t scenarios < "$results/scenarios"
for name in "${scenarios[@]}"; do
  # Sharing the list with other VMs: run only what no one else took.
  if [ -n "${RWLAN_CLAIMS:-}" ]; then mkdir "$RWLAN_CLAIMS/${name//\//_}" 2>/dev/null || continue; fi
  dir="$results/$name"
  export RWLAN_OUT="$dir/artifacts"
  # Daemons' configuration files hold this path: no "#" (a comment to
  # them), no "/".
  export RWLAN_TMP=/tmp/rwlan-${name//[^A-Za-z0-9_.@-]/_}.$SRANDOM
  mkdir -p "$RWLAN_OUT" "$RWLAN_TMP"
  echo "=== scenario $name"
  snapshot
  # A "#N" suffix tells repeated runs apart (benchmarks).
  run=${name%%#*}
  file=tests/${run%@*}.sh driver=
  [ "$run" = "${run%@*}" ] || driver=${run#*@}
  start=$EPOCHSECONDS
  time_limit "$file"; jiffies_now
  echo "$jiffies $name" >> "$windows"; : > "$dir/kmemleak"
  # The scenario runs beside a timer: what was still running just before
  # the limit tells what hung.
  sleep $((limit - 3)) & watch=$!
  { RWLAN_DRIVER=$driver timeout -k 10 "$limit" bash "$file" 2>&1 | tee "$dir/log"; exit "${PIPESTATUS[0]}"; } &
  scenario=$!
  ended=
  until [ -n "$ended" ]; do wait -n -p ended "$watch" "$scenario"; rc=$?; done
  if [ "$ended" = "$watch" ]; then
    ps --ppid 2 -p 2 --deselect -o pid,ppid,etimes,args --forest > "$dir/processes-at-limit"
    wait "$scenario"; rc=$?
  else
    kill "$watch" 2>/dev/null; wait "$watch" 2>/dev/null
  fi
  seconds=$((EPOCHSECONDS - start))
  echo "$seconds" > "$dir/seconds"
  echo "=== scenario $name exited $rc after ${seconds}s"
  [ "$rc" -eq 0 ] || clear_leftovers
  if ! udc_free; then
    echo "${bound}FAIL: the scenario left a USB gadget bound" | tee -a "$dir/log"
    [ "$rc" -ne 0 ] || rc=1
  fi
  rm -rf "$RWLAN_TMP"
  dmesg -c > "$dir/dmesg"
  echo "$rc" > "$dir/status"
done
echo "=== kmemleak scan of the whole run"
leak_scan | python3 -S "$root/tests/harness/split_leaks.py" "$results" "$windows" \
  && echo done > "$results/leak-scan"
# Let tee write the last lines before the VM powers off.
exec >&- 2>&-
wait "$tee_pid"
sync
