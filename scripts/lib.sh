# Shared by start.sh, test.sh and bench.sh: install what a fresh Debian 12 machine lacks, then build.
# Every step checks first, so a second run costs seconds.

# Debian packages: WebKitGTK and friends for Tauri; the WebDriver and Xvfb for end-to-end tests;
# a Japanese font so that Japanese text renders; ImageMagick for screenshots of the whole display;
# poppler-utils (pdftotext) to read back the PDFs the app prints; bsdutils (`script`, a terminal for
# the CLI's tests); what the package test reads a desktop with (desktop-file-utils, xdg-utils, gio,
# shared-mime-info) and rpm to read the .rpm.
SYSTEM_PACKAGES=(
  build-essential pkg-config file curl
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  webkit2gtk-driver xvfb xauth fonts-noto-cjk imagemagick poppler-utils bsdutils
  desktop-file-utils xdg-utils libglib2.0-bin shared-mime-info x11-utils rpm
  libxml2-utils chromium chromium-driver
  postgresql
)

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

# Free space and the build folder's size: a full disk shows up as this, not as a puzzling link error.
report_disk() {
  df -h . | tail -1 | awk '{print "disk: " $4 " free of " $2}'
  [ -d target ] && du -sh target | awk '{print "target/: " $1}' || true
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_system_packages() {
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "Installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

ensure_toolchains() {
  command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup (https://rustup.rs)" >&2; exit 1; }
  command -v node >/dev/null || { echo "Node.js 20 or newer is missing" >&2; exit 1; }
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || { echo "Node.js 20 or newer is needed (found $(node --version))" >&2; exit 1; }
}

ensure_node_modules() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    step "Installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

TAURI_DRIVER="${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver"
export TAURI_DRIVER

ensure_tauri_driver() {
  if [ ! -x "$TAURI_DRIVER" ]; then
    step "Installing tauri-driver 2 (about two minutes)"
    cargo install tauri-driver --version '^2' --locked
  fi
}

# The desktop app (debug build with the UI embedded) and the `michi` CLI, in target/debug.
build_app() {
  step "Building the app"
  npx tauri build --debug --no-bundle
  cargo build --locked --bin michi
  # The end-to-end tests' own PostgreSQL cluster (team workspaces).
  cargo build --locked -p michi-store-pg --features testing --example pg-cluster
}

prepare() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  ensure_toolchains
  ensure_system_packages
  ensure_node_modules
}
