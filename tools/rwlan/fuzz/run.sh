#!/usr/bin/env bash
# Builds the libFuzzer targets with nightly (the flags cargo-fuzz uses, so
# cargo-fuzz itself is optional) and runs each for RUNS inputs, seeded with
# the kernel messages in ../tests/fixtures.
#   tools/rwlan/fuzz/run.sh [RUNS]        (default 1000000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-1000000}
target=${CARGO_TARGET_DIR:-$here/target}
triple=x86_64-unknown-linux-gnu
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo +nightly build --release --target "$triple" --target-dir "$target" --manifest-path "$here/Cargo.toml"
mkdir -p "$here/corpus/nl_attrs" "$here/corpus/ies"
cp "$here"/../tests/fixtures/*/*.bin "$here/corpus/nl_attrs/"
for t in nl_attrs ies; do
  "$target/$triple/release/$t" -runs="$runs" -seed=1 "$here/corpus/$t"
done
