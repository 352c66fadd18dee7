#!/usr/bin/env bash
# Prints one `name: value` line per figure: the store (crates/michi-store/benches/store.rs), BPMN
# import (crates/michi-bpmn/benches/import.rs), derivations (crates/michi-core/benches/derive.rs),
# account health (crates/michi-csv/benches/health.rs) and diagnosis (crates/michi-bpmn/benches/lint.rs)
# against bpmnlint (scripts/bench-bpmnlint.mjs), all in the same run. Inputs are MIWG B.2.0 tiled by
# scripts/tile_bpmn.py into target/bench/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare >&2

mkdir -p target/bench
for n in 10 50 100; do
  [ -f "target/bench/B.2.0x$n.bpmn" ] || python3 scripts/tile_bpmn.py tests/data/bpmn/miwg/B.2.0.bpmn "$n" "target/bench/B.2.0x$n.bpmn"
done

cargo bench --locked -q -p michi-store --bench store 2>/dev/null
cargo bench --locked -q -p michi-bpmn --bench import 2>/dev/null
cargo bench --locked -q -p michi-core --features testing --bench derive 2>/dev/null
cargo bench --locked -q -p michi-csv --bench health 2>/dev/null
lint=$(cargo bench --locked -q -p michi-bpmn --bench lint 2>/dev/null)
echo "$lint"
peer=$(node scripts/bench-bpmnlint.mjs)
echo "$peer"
ours=$(sed -n 's/^lint_9400_ms: //p' <<<"$lint")
theirs=$(sed -n 's/^bpmnlint_9400_ms: //p' <<<"$peer")
awk -v a="$theirs" -v b="$ours" 'BEGIN { printf "lint_ratio: %.1f\n", a / b }'

# Whole processes on one file: `michi lint` (release build) against the bpmnlint CLI; medians of 3.
cargo build --locked -q --release --bin michi
file=target/bench/B.2.0x100.bpmn
echo '{"extends": "bpmnlint:recommended"}' > target/bench/bpmnlintrc.json
time_ms() {
  local runs=()
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    runs+=($(((t1 - t0) / 1000000)))
  done
  printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}
echo "cli_michi_lint_9400_ms: $(time_ms target/release/michi lint --profile bpmnlint-recommended "$file")"
echo "cli_bpmnlint_9400_ms: $(time_ms node node_modules/bpmnlint/bin/bpmnlint.js -c target/bench/bpmnlintrc.json "$file")"
