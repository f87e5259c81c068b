#!/usr/bin/env bash
# `make bench [B="bench/NAME ..."]`: benchmarks on the plain (non-debug)
# kernel, in one boot.
# Each tests/bench/NAME.sh prints lines "BENCH <metric> <driver> <value>
# <unit>" (for the CLI, <driver> is the tool: rwlan, iw, tcpdump). A bench
# with a "# drivers:" line runs once per driver and round, RWLAN_BENCH_ROUNDS
# (3) rounds, the order of the drivers alternating from round to round; the
# harness starts each run from a clean state (nothing another run loaded).
# Prints every figure's median and spread (min-max) and, where a metric
# was measured for a reference (C driver, iw, tcpdump) and its rwlan
# counterpart, the ratio of the medians and which direction is better:
# lower for times (s, ms, us) and memory (KiB), higher otherwise. Any
# failed run fails it.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
kdir=$(tests/harness/build.sh plain) || exit 1
rounds=${RWLAN_BENCH_ROUNDS:-3}
runs=()
# Arguments name the benches to run (bench/scale ...); none, every one.
names=("$@")
[ $# -gt 0 ] || mapfile -t names < <(tests/harness/matrix.sh bench | sed 's/@.*//' | sort -u)
for n in "${names[@]}"; do
  mapfile -t each < <(tests/harness/matrix.sh expand "$n")
  for r in $(seq 1 "$rounds"); do
    if [ $((r % 2)) = 1 ]; then order=("${each[@]}"); else order=(); for e in "${each[@]}"; do order=("$e" "${order[@]}"); done; fi
    for e in "${order[@]}"; do runs+=("$e#$r"); done
  done
done
results=$(mktemp -d /tmp/rwlan-bench.XXXXXX)
echo "bench: ${#runs[@]} runs, $rounds rounds (results in $results)"
tests/harness/run.sh --kdir "$kdir" --results "$results" "${runs[@]}" > "$results/run.txt"
rc=$?
grep -E '^(PASS|FAIL|SKIP)' "$results/run.txt"
[ $rc = 0 ] || { echo "bench: a run failed, its figures are not trusted"; sed -n '/^FAIL/,$p' "$results/run.txt" | head -n 60; }
find "$results/bench" -name log -exec grep -h '^BENCH ' {} + > "$results/figures.txt"
python3 - "$results/figures.txt" <<'PY'
import statistics, sys
vals, units = {}, {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 5:
        continue
    metric, driver, value, unit = f[1:5]
    vals.setdefault((metric, driver), []).append(float(value))
    units[metric] = unit
print("%-28s %-16s %10s %22s  %s" % ("metric", "driver", "median", "spread (min-max)", "n"))
med = {}
for (metric, driver), v in sorted(vals.items()):
    med[(metric, driver)] = statistics.median(v)
    print("%-28s %-16s %10.3g %10.3g-%-11.3g  %d %s"
          % (metric, driver, med[(metric, driver)], min(v), max(v), len(v), units[metric]))
pairs = [("mac80211_hwsim", "rwlan_hwsim"), ("rtl8187", "rwlan_rtl8187"), ("iw", "rwlan"), ("tcpdump", "rwlan")]
for metric in sorted(units):
    better = "lower" if units[metric] in ("s", "ms", "us", "KiB") else "higher"
    for c, rw in pairs:
        if (metric, c) in med and (metric, rw) in med and med[(metric, c)] > 0:
            print("ratio %-22s %s/%s = %.2fx (%s is better)"
                  % (metric, rw, c, med[(metric, rw)] / med[(metric, c)], better))
PY
exit $rc
