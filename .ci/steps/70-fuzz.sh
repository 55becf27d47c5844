#!/usr/bin/env bash
# The fuzz targets (fuzz/, docs/fuzzing.md) build on stable and each runs a
# fixed number of executions from the seed corpus; any crash fails the step,
# and the input that caused it is left in fuzz/artifacts/<target>/.
set -euo pipefail
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cargo fuzz --version
# cargo fuzz passes flags only nightly accepts; stable takes them with this.
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fmt --check
./seed.sh
# No sanitizer: casec is safe Rust, and libFuzzer runs twice as fast without
# ASan; debug assertions catch integer overflow. 16 codegen units instead of
# cargo-fuzz's 1: the build (every dependency instrumented) is most of the
# step's time, and the targets, whose time goes to parsing and checking,
# lose little speed (docs/fuzzing.md has the figures).
flags=(--sanitizer none --debug-assertions --codegen-units 16)
start=$SECONDS
cargo fuzz build "${flags[@]}"
echo "-- built the fuzz targets in $((SECONDS - start))s"
# A fixed libFuzzer seed and number of runs from the committed seeds: the
# step explores the same inputs on every machine, so a green run here is
# green in CI, and a crash reproduces. Searching wider is a long run with
# its own seed (docs/fuzzing.md). The time is only a cap.
runs="${FUZZ_RUNS:-3000}"
fuzz_seed="${FUZZ_SEED:-1}"
seconds="${FUZZ_SECONDS:-180}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
for target in $(cargo fuzz list); do
  echo "-- fuzz $target for $runs runs from seed $fuzz_seed"
  if ! cargo fuzz run "${flags[@]}" "$target" -- \
    -runs="$runs" -seed="$fuzz_seed" -max_total_time="$seconds" -dict=casec.dict -max_len=8192 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 80 "$log"
    echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
  # The last coverage line and the execution count.
  grep -E '^#[0-9]+' "$log" | tail -n 1
  grep -E '^stat::number_of_executed_units' "$log"
done
echo "-- fuzzing took $((SECONDS - start))s after the tools were installed"
