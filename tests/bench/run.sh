#!/usr/bin/env bash
# `make bench`: benchmarks on the plain (non-debug) kernel, in one boot. Each
# tests/vm/bench-*.sh prints lines "BENCH <metric> <driver> <value> <unit>"
# (for the CLI, <driver> is the tool: rwlan, iw, tcpdump); this prints every
# figure and, where a metric was measured for a reference (C driver, iw,
# tcpdump) and its rwlan counterpart, the ratio rwlan/reference followed by
# which direction is better: lower for times (s, ms, us), higher otherwise.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
kdir=$(qemu/kernel.sh plain) || exit 1
make -s -C "$kdir" M="$root" LLVM=1 modules || exit 1
cargo build --release --workspace -q || exit 1
benches=()
for f in tests/vm/bench-*.sh; do [ -e "$f" ] && benches+=("$(basename "$f" .sh)"); done
[ ${#benches[@]} -gt 0 ] || { echo "bench: no tests/vm/bench-*.sh"; exit 1; }
results=$(mktemp -d /tmp/rwlan-bench.XXXXXX)
tests/vm/run.sh --kdir "$kdir" --results "$results" "${benches[@]}" > "$results/run.txt"
rc=$?
grep -E '^(PASS|FAIL|SKIP)' "$results/run.txt"
cat "$results"/bench-*/log 2>/dev/null | grep '^BENCH ' > "$results/figures.txt"
python3 - "$results/figures.txt" <<'PY'
import sys
rows = [l.split()[1:] for l in open(sys.argv[1]) if len(l.split()) >= 5]
print("%-28s %-16s %12s  %s" % ("metric", "driver", "value", "unit"))
for metric, driver, value, unit in (r[:4] for r in rows):
    print("%-28s %-16s %12s  %s" % (metric, driver, value, unit))
pairs = {("mac80211_hwsim", "rwlan_hwsim"), ("rtl8187", "rwlan_rtl8187"),
         ("iw", "rwlan"), ("tcpdump", "rwlan")}
vals = {(r[0], r[1]): float(r[2]) for r in rows}
units = {r[0]: r[3] for r in rows}
for metric in sorted({r[0] for r in rows}):
    better = "lower" if units[metric] in ("s", "ms", "us") else "higher"
    for c, rw in sorted(pairs):
        if (metric, c) in vals and (metric, rw) in vals and vals[(metric, c)] > 0:
            print("ratio %-22s %s/%s = %.2fx (%s is better)"
                  % (metric, rw, c, vals[(metric, rw)] / vals[(metric, c)], better))
PY
exit $rc
