#!/usr/bin/env bash
# Fuzzes every reader of a file Michi is handed (the targets in fuzz/fuzz_targets/), SECONDS each
# (default 60), one after another, with libFuzzer under AddressSanitizer. Not part of `npm test`.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Each target's corpus starts from the files under tests/data (and, for `.michi` files, workspaces
# the CLI writes) and grows in target/fuzz/corpus/TARGET between runs. A crash, a hang (an input
# taking more than TIMEOUT seconds, default 10: AddressSanitizer slows the readers several times) or
# an input needing more than 1 GB is written to target/fuzz/artifacts/TARGET/ and fails the run;
# turn each into a regression file under tests/data/hostile/ with a test
# (crates/michi-app/tests/hostile.rs). The summary gives each target's executions and findings.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECS=${1:-60}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(bpmn_import bpmn_diff csv_events csv_accounts lint_settings journey_json michi_open conversations qda_import)
fi
TIMEOUT=${TIMEOUT:-10}

# The nightly toolchain (sanitizers); stable with RUSTC_BOOTSTRAP=1 when nightly is missing.
if cargo +nightly --version >/dev/null 2>&1; then
  TOOLCHAIN=(+nightly)
else
  TOOLCHAIN=()
  export RUSTC_BOOTSTRAP=1
fi
if ! cargo "${TOOLCHAIN[@]}" fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

export CARGO_TARGET_DIR=$ROOT/target/fuzz
CORPUS=$CARGO_TARGET_DIR/corpus
ARTIFACTS=$CARGO_TARGET_DIR/artifacts
mkdir -p "$CORPUS" "$ARTIFACTS"

# Seeds: copied in once; the corpus keeps what libFuzzer adds.
seed() { # TARGET FILE...
  local dir=$CORPUS/$1
  shift
  mkdir -p "$dir"
  for f in "$@"; do cp -n "$f" "$dir/seed-$(basename "$f")"; done
}
seed bpmn_import tests/data/bpmn/miwg/*.bpmn tests/data/diff/*.bpmn $(find tests/data/bpmn/bpmnlint -name '*.bpmn' | sort | head -40)
seed csv_events tests/data/state/*.csv
seed csv_accounts tests/data/accounts/*.csv crates/michi-core/samples/accounts-*.csv
seed lint_settings tests/data/settings/*.json
seed journey_json crates/michi-core/samples/*.json
# Two files in one input: the first one's length (4 bytes, little endian), then both.
mkdir -p "$CORPUS/bpmn_diff"
for f in tests/data/diff/*.bpmn; do
  out=$CORPUS/bpmn_diff/seed-base-$(basename "$f")
  [ -e "$out" ] || python3 - tests/data/diff/base.bpmn "$f" "$out" <<'EOF'
import struct, sys
a, b = (open(p, "rb").read() for p in sys.argv[1:3])
open(sys.argv[3], "wb").write(struct.pack("<I", len(a)) + a + b)
EOF
done
# Workspaces: an empty one, the sample, an imported model; the sample's evidence as a REFI-QDA
# project (written by the CLI).
mkdir -p "$CORPUS/michi_open" "$CORPUS/qda_import"
if [ ! -e "$CORPUS/michi_open/seed-sample.michi" ] || [ ! -e "$CORPUS/qda_import/seed-sample.qdpx" ]; then
  cargo build --release --locked -p michi-cli --target-dir "$ROOT/target" >/dev/null
  CLI=$ROOT/target/release/michi
  "$CLI" new "$CORPUS/michi_open/seed-empty.michi" --force >/dev/null
  "$CLI" new --sample "$CORPUS/michi_open/seed-sample.michi" --force >/dev/null
  "$CLI" import tests/data/bpmn/miwg/A.2.0.bpmn -o "$CORPUS/michi_open/seed-a20.michi" --force >/dev/null
  "$CLI" evidence "$CORPUS/michi_open/seed-sample.michi" -o "$CORPUS/qda_import/seed-sample.qdpx" >/dev/null
fi
# Conversations: Markdown as the import reads it.
seed conversations tests/data/conversations/*.md

summary=()
failed=0
for t in "${TARGETS[@]}"; do
  mkdir -p "$ARTIFACTS/$t"
  log=$CARGO_TARGET_DIR/$t.log
  echo "== $t: ${SECS}s"
  set +e
  (cd fuzz && cargo "${TOOLCHAIN[@]}" fuzz run "$t" "$CORPUS/$t" -- \
    -max_total_time="$SECS" -timeout="$TIMEOUT" -rss_limit_mb=1024 -malloc_limit_mb=1024 \
    -artifact_prefix="$ARTIFACTS/$t/" -print_final_stats=1) >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  found=$(find "$ARTIFACTS/$t" -type f | wc -l)
  summary+=("$(printf '%-14s %12s executions  %3s findings  exit %s' "$t" "${runs:-?}" "$found" "$rc")")
  if [ "$rc" -ne 0 ]; then
    failed=1
    tail -40 "$log"
  fi
done
echo
printf '%s\n' "${summary[@]}"
exit $failed
