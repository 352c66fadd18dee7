#!/usr/bin/env bash
# Builds Michi's Linux packages with Tauri's bundler, which writes both itself (nothing is
# downloaded): a .deb and an .rpm holding the desktop app (/usr/bin/michi-desktop), the `michi`
# CLI (/usr/bin/michi), a menu entry that opens files (packaging/michi.desktop) and the .michi file
# type (packaging/michi-mime.xml). Release build by default; `--debug` packages the debug build
# instead (what `npm test` installs: it reuses the build the tests made).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
prepare

profile=release
tauri_flags=()
cargo_flags=(--release)
if [ "${1:-}" = "--debug" ]; then
  profile=debug
  tauri_flags=(--debug)
  cargo_flags=()
fi

step "Building the michi CLI ($profile)"
cargo build --locked "${cargo_flags[@]}" --bin michi

step "Building the .deb and .rpm ($profile)"
cli="$PWD/target/$profile/michi"
# Merged into tauri.conf.json for this build: the CLI built above goes in both packages.
config=$(printf '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/michi":"%s"}},"rpm":{"files":{"/usr/bin/michi":"%s"}}}}}' "$cli" "$cli")
npx tauri build "${tauri_flags[@]}" --bundles deb,rpm --config "$config"

step "Packages"
ls -l "target/$profile/bundle/deb/"*.deb "target/$profile/bundle/rpm/"*.rpm
