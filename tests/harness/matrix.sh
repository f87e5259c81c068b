#!/usr/bin/env bash
# The driver matrix: which scenario runs against which driver.
#   matrix.sh test          what `make test` runs
#   matrix.sh reference     the runs against C references that check the
#                           scenarios or C's driver rather than rwlan
#                           (`make test-reference`)
#   matrix.sh soak          the long forms (`make soak`)
#   matrix.sh bench         the benchmarks (`make bench` repeats them)
#   matrix.sh expand NAME.. NAME@DRIVER stays; a bare NAME becomes one run
#                           per driver its header names; a "#N" suffix
#                           (a repeated run) stays on each
# A scenario is tests/AREA/NAME.sh and is named AREA/NAME. A header line
# "# drivers: A B" lists the drivers it runs against: each run is named
# AREA/NAME@DRIVER and gets RWLAN_DRIVER=DRIVER in the guest. A scenario
# without that line runs once, as AREA/NAME. One name a line on stdout.
set -euo pipefail
tests=$(cd "$(dirname "$0")/.." && pwd)
# The areas `make test` covers, in the order the runs start when no earlier
# durations are known: the dongle's are the longest, and starting them first
# lets the VMs finish together.
test_areas=(dongle cli hwsim layer)
# A run against mac80211_hwsim checks the scenario, not this project's
# code. The C rtl8187 runs stay in `make test` where they check the
# emulated dongle: C's driver probes it, associates, captures and joins an
# IBSS through it. Its fault and unplug runs tell how C's driver copes;
# the emulator's side of both is exercised by the rwlan_rtl8187 runs.
reference_drivers=(mac80211_hwsim)
reference_runs=(dongle/fault@rtl8187 dongle/unplug@rtl8187)

drivers_of() { # FILE: the drivers its header names, one a line
  sed -n 's/^# drivers: *//p' "$1" | head -n 1 | tr -s ' ' '\n' | sed '/^$/d'
}
runs_of() { # NAME: its runs, one a line
  local d any=
  [ -f "$tests/$1.sh" ] || { echo "matrix: no scenario tests/$1.sh" >&2; return 1; }
  while read -r d; do echo "$1@$d"; any=1; done < <(drivers_of "$tests/$1.sh")
  [ -n "$any" ] || echo "$1"
}
is_reference() { # RUN
  local d
  for d in "${reference_runs[@]}"; do [ "$1" != "$d" ] || return 0; done
  case "$1" in *@*) ;; *) return 1 ;; esac
  for d in "${reference_drivers[@]}"; do [ "${1#*@}" != "$d" ] || return 0; done
  return 1
}
all_runs() { # AREA...
  local area f n
  for area in "$@"; do
    for f in "$tests/$area"/*.sh; do
      # run.sh is a folder's runner (bench, soak), not a scenario.
      [ -e "$f" ] && [ "${f##*/}" != run.sh ] || continue
      n=${f#"$tests/"}; runs_of "${n%.sh}"
    done
  done
}
# Longest first, by the seconds each run took last time (RWLAN_DURATIONS:
# "SECONDS RUN" lines written by tests/run-all.sh); runs never timed keep
# their area order ahead of the timed ones.
by_duration() {
  local known=${RWLAN_DURATIONS:-}
  if [ -z "$known" ] || [ ! -f "$known" ]; then cat; return; fi
  awk 'NR == FNR { secs[$2] = $1; next } { print (($0 in secs) ? secs[$0] : 1e9), NR, $0 }' "$known" - \
    | sort -k1,1gr -k2,2n | cut -d' ' -f3-
}

case "${1:-}" in
  test) all_runs "${test_areas[@]}" | while read -r r; do is_reference "$r" || echo "$r"; done | by_duration ;;
  reference) all_runs "${test_areas[@]}" | while read -r r; do ! is_reference "$r" || echo "$r"; done ;;
  soak) all_runs soak ;;
  bench) all_runs bench ;;
  expand)
    shift
    for arg in "$@"; do
      n=${arg%%#*} tag=${arg#"${arg%%#*}"}
      case "$n" in
        *@*) [ -f "$tests/${n%@*}.sh" ] || { echo "matrix: no scenario tests/${n%@*}.sh" >&2; exit 2; }
             drivers_of "$tests/${n%@*}.sh" | grep -qxF "${n#*@}" \
               || { echo "matrix: tests/${n%@*}.sh does not run against ${n#*@}" >&2; exit 2; }
             echo "$n$tag" ;;
        *) runs=$(runs_of "$n") || exit 2; echo "$runs" | sed "s/\$/$tag/" ;;
      esac
    done ;;
  *) echo "usage: matrix.sh test|reference|soak|bench|expand NAME..." >&2; exit 2 ;;
esac
