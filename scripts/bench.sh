#!/usr/bin/env bash
# Prints one `name: value` line per figure: the store (crates/michi-store/benches/store.rs), BPMN
# import (crates/michi-bpmn/benches/import.rs), derivations (crates/michi-core/benches/derive.rs),
# account health (crates/michi-csv/benches/health.rs), the workshop host
# (crates/michi-workshop/benches/notes.rs), diagnosis (crates/michi-bpmn/benches/lint.rs)
# against bpmnlint (scripts/bench-bpmnlint.mjs) and the semantic diff (crates/michi-bpmn/benches/diff.rs)
# against bpmn-js-differ (scripts/bench-differ.mjs), and the desktop app's cold start and memory
# against WebKitGTK's MiniBrowser (scripts/bench-app.mjs), and the process canvas against bpmn-js
# in WebKitGTK (scripts/bench-canvas.mjs), and the big hostile inputs (crates/michi-cli/benches/hostile.rs)
# against Python's parsers. Every figure with a peer is measured in the
# same run as its peer, interleaved, the same number of times, and reported as a median; a peer that
# fails (or finds nothing) fails the bench. Inputs are MIWG B.2.0 tiled by scripts/tile_bpmn.py
# into target/bench/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare >&2

mkdir -p target/bench
for n in 10 50 100; do
  [ -f "target/bench/B.2.0x$n.bpmn" ] || python3 scripts/tile_bpmn.py tests/data/bpmn/miwg/B.2.0.bpmn "$n" "target/bench/B.2.0x$n.bpmn"
done
# The diff's pair: ×50 (about 10,000 elements) and a copy with about 5% of its elements changed.
python3 scripts/vary_bpmn.py target/bench/B.2.0x50.bpmn target/bench/B.2.0x50-5pct.bpmn

# Peers inside the same process, alternated run by run (see each bench's header).
cargo bench --locked -q -p michi-store --bench store
cargo bench --locked -q -p michi-bpmn --bench import
# The same import stored as `michi import` stores it (a new .michi file, written and opened),
# against the bare XML parse, alternated run by run.
cargo bench --locked -q -p michi-app --bench import
cargo bench --locked -q -p michi-core --features testing --bench derive
cargo bench --locked -q -p michi-csv --bench health
cargo bench --locked -q -p michi-bpmn --bench lint
# The workshop host on loopback: 30 participants x 100 notes, against the same notes added straight
# through the application layer (rounds alternated inside the bench).
cargo bench --locked -q -p michi-workshop --bench notes
# A team workspace on loopback: 20 clients on one PostgreSQL workspace (a cluster of the bench's
# own), an edit by one seen by the others, against the same edits committed to a local file.
cargo bench --locked -q -p michi-app --bench team
# The big hostile inputs (up to 20 MB: BPMN, CSV, settings, workspace files) read or refused by
# `michi` under a 1 GB limit, against Python's standard parser for each format, alternated.
cargo bench --locked -q -p michi-cli --bench hostile

ROUNDS=5
rounds=target/bench/rounds.txt
: >"$rounds"

# The median of the values of `name: value` lines named $1 in $rounds (fails unless there are
# $ROUNDS of them). Call it as `v=$(median_of …)`, a statement of its own, so that its failure
# stops the bench.
median_of() {
  local values
  values=$(sed -n "s/^$1: //p" "$rounds" | sort -n)
  local n
  n=$(wc -l <<<"$values")
  [ "$n" -eq "$ROUNDS" ] || { echo "bench: $1 has $n values, not $ROUNDS" >&2; exit 1; }
  sed -n "$(((n + 1) / 2))p" <<<"$values"
}

# Diagnosis against bpmnlint: rounds of Michi (in-process, `--round`) and of bpmnlint (node),
# alternated, the one that goes first swapped each round.
ours() { cargo bench --locked -q -p michi-bpmn --bench lint -- --round >>"$rounds"; }
theirs() { node scripts/bench-bpmnlint.mjs >>"$rounds"; }
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then ours; theirs; else theirs; ours; fi
done
for name in lint_940 lint_4700 lint_9400 bpmnlint_940 bpmnlint_4700 bpmnlint_9400; do
  v=$(median_of "${name}_ms")
  echo "${name}_ms: $v"
  echo "${name}_findings: $(sed -n "s/^${name}_findings: //p" "$rounds" | tail -1)"
done
ours_ms=$(median_of lint_9400_ms)
theirs_ms=$(median_of bpmnlint_9400_ms)
awk -v a="$theirs_ms" -v b="$ours_ms" 'BEGIN { printf "lint_ratio: %.1f\n", a / b }'

# The semantic diff against bpmn-js-differ on the same pair, rounds alternated the same way.
diff_ours() { cargo bench --locked -q -p michi-bpmn --bench diff -- --round >>"$rounds"; }
diff_theirs() { node scripts/bench-differ.mjs >>"$rounds"; }
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then diff_ours; diff_theirs; else diff_theirs; diff_ours; fi
done
ours_ms=$(median_of diff_10k_ms)
theirs_ms=$(median_of bpmn_js_differ_10k_ms)
echo "diff_elements: $(sed -n 's/^diff_elements: //p' "$rounds" | tail -1)"
echo "diff_changes: $(sed -n 's/^diff_changes: //p' "$rounds" | tail -1)"
echo "diff_10k_ms: $ours_ms"
echo "bpmn_js_differ_10k_ms: $theirs_ms"
echo "bpmn_js_differ_changes: $(sed -n 's/^bpmn_js_differ_changes: //p' "$rounds" | tail -1)"
awk -v a="$theirs_ms" -v b="$ours_ms" 'BEGIN { printf "diff_ratio: %.1f\n", a / b }'

# The app as a person starts it (release build): cold start, memory idle with the sample and with
# a workspace of about 10,000 elements, beside WebKitGTK's MiniBrowser on a blank page (the same
# engine's floor), rounds alternated (scripts/bench-app.mjs).
ensure_tauri_driver
npx tauri build --no-bundle >&2
cargo build --locked -q --release --bin michi
xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" node scripts/bench-app.mjs "$ROUNDS"
# The process canvas against bpmn-js in the same engine on a model of 5,076 flow nodes: open, the
# frames while panning and zooming, a shape moved and redrawn (scripts/bench-canvas.mjs).
xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" node scripts/bench-canvas.mjs "$ROUNDS"

# Whole processes on one file: `michi lint` (release build) against the bpmnlint CLI, alternated,
# the same number of runs, medians. Both exit 1 on this file (it has error-level findings); any
# other exit fails the bench, with the command's output.
cargo build --locked -q --release --bin michi
file=target/bench/B.2.0x100.bpmn
echo '{"extends": "bpmnlint:recommended"}' >target/bench/bpmnlintrc.json
michi_cli=(target/release/michi lint --profile bpmnlint-recommended "$file")
bpmnlint_cli=(node node_modules/bpmnlint/bin/bpmnlint.js -c target/bench/bpmnlintrc.json "$file")
# Runs "$@" once, appending `$name: ms` to $rounds; the exit code must be 1.
timed() {
  local name=$1
  shift
  local t0 t1 code=0
  t0=$(date +%s%N)
  "$@" >target/bench/cli-out.txt 2>&1 || code=$?
  t1=$(date +%s%N)
  if [ "$code" -ne 1 ]; then
    echo "bench: '$*' exited $code, not 1 (findings):" >&2
    tail -20 target/bench/cli-out.txt >&2
    exit 1
  fi
  echo "$name: $(((t1 - t0) / 1000000))" >>"$rounds"
}
for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then
    timed cli_michi_lint_9400_ms "${michi_cli[@]}"
    timed cli_bpmnlint_9400_ms "${bpmnlint_cli[@]}"
  else
    timed cli_bpmnlint_9400_ms "${bpmnlint_cli[@]}"
    timed cli_michi_lint_9400_ms "${michi_cli[@]}"
  fi
done
for name in cli_michi_lint_9400_ms cli_bpmnlint_9400_ms; do
  v=$(median_of "$name")
  echo "$name: $v"
done
