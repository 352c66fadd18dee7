#!/usr/bin/env bash
# Installs what is missing, builds Michi, and opens it on the sample workspace.
# The sample is created once (target/michi-sample/) and kept, edits included, across runs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare
build_app

sample="${MICHI_SAMPLE:-$PWD/target/michi-sample/サンプル-SaaS導入ジャーニー.michi}"
if [ ! -f "$sample" ]; then
  mkdir -p "$(dirname "$sample")"
  target/debug/michi new "$sample" --sample
fi

step "Opening $sample"
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: running under Xvfb (nothing will appear on screen)."
  exec xvfb-run -a -s "-screen 0 1600x1000x24" target/debug/michi-desktop "$sample"
fi
exec target/debug/michi-desktop "$sample"
