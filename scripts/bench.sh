#!/usr/bin/env bash
# Prints one `name: value` line per figure (see crates/michi-store/benches/store.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --locked -q -p michi-store --bench store 2>/dev/null
