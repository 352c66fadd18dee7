#!/usr/bin/env bash
# Runs every test, installing what is missing first: Rust (core, store with its crash test, CLI,
# the shell's IPC contract and bindings gate), the UI (types, Vitest), and the real app end to end
# through tauri-driver and WebKitWebDriver under Xvfb; then the packages, the .deb installed and
# opened. Screenshots land in tests/e2e/artifacts/.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare
ensure_tauri_driver
# A fresh build gains nothing from incremental caches, which would add gigabytes to target/.
export CARGO_INCREMENTAL=0
report_disk

step "Rust: formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests: core, store (incl. crash test), CLI, shell (IPC contract, bindings gate)"
cargo test --workspace --locked
report_disk
# Each test binary has run once and no later step runs it again (the app, the CLI and the cluster
# helper are linked by the steps that use them): removed, they stop filling target/ (~2 GB fresh).
find target/debug/deps -maxdepth 1 -type f -executable ! -name '*.so' -delete

step "UI: types and unit tests"
npx tsc -p ui
npx tsc -p tests/e2e
npx vitest run --config ui/vite.config.ts

build_app

step "Interchange: bpmn-moddle reads what Michi exports"
npx tsc -p tests/interchange
npx vitest run --config tests/interchange/vitest.config.ts

step "End to end: the real app under Xvfb"
# -noreset: Xvfb otherwise resets when its last client leaves, which a relaunch does (the app quits,
# then starts again): an app connecting during the reset failed to initialise GTK (seen in CI).
xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" npx wdio run tests/e2e/wdio.conf.ts

step "Package: the .deb and .rpm of this build, installed and opened"
bash scripts/package.sh --debug
bash tests/package/run.sh

report_disk
step "All tests passed"
