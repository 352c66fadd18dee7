#!/usr/bin/env bash
# Installs the .deb that `scripts/package.sh --debug` built, as a CS team's admin would (apt, which
# resolves its dependencies), and checks what a person gets: both programs on the PATH, a menu entry
# that opens files, the .michi file type with Michi as its default application; the installed app
# opens the sample the installed CLI makes (tests/e2e/package/installed.e2e.ts, over WebDriver),
# and the sample opens by its file type as a double click does (gio open). The .rpm holds the same
# files. Afterwards the package is removed again (unless it was installed before), and the files it
# brought are gone.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib.sh

profile="${MICHI_PACKAGE_PROFILE:-debug}"
deb=$(ls "target/$profile/bundle/deb/"Michi_*_amd64.deb)
rpm=$(ls "target/$profile/bundle/rpm/"Michi-*.x86_64.rpm)
work=$(mktemp -d)
fail() {
  echo "package test: $*" >&2
  exit 1
}

was_installed=false
dpkg-query -W -f='${Status}' michi 2>/dev/null | grep -q "install ok installed" && was_installed=true
cleanup() {
  if ! $was_installed && dpkg-query -W -f='${Status}' michi 2>/dev/null | grep -q "install ok installed"; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q michi >/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step "Package: installing $deb"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "./$deb"
dpkg-query -W -f='${Status}\n' michi | grep -qx "install ok installed" || fail "dpkg does not list michi as installed"

step "Package: what it put on the machine"
desktop=/usr/share/applications/Michi.desktop
for f in /usr/bin/michi-desktop /usr/bin/michi "$desktop" /usr/share/mime/packages/michi.xml \
  /usr/share/icons/hicolor/128x128/apps/michi-desktop.png /usr/share/icons/hicolor/512x512/apps/michi-desktop.png; do
  [ -e "$f" ] || fail "$f is not installed"
done
[ "$(command -v michi)" = /usr/bin/michi ] || fail "michi is not on the PATH"
desktop-file-validate "$desktop" || fail "$desktop does not validate"
grep -qx 'Exec=michi-desktop %F' "$desktop" || fail "the menu entry does not pass files: $(grep ^Exec "$desktop")"
grep -qx 'MimeType=application/x-michi;' "$desktop" || fail "the menu entry does not claim .michi files"
grep -q '^Name\[ja\]\|^GenericName\[ja\]=カスタマーサクセス' "$desktop" || fail "the menu entry has no Japanese name"

step "Package: the .michi file type"
sample="$work/サンプル.michi"
michi new "$sample" --sample
type=$(gio info -a standard::content-type "$sample" | awk '/standard::content-type/ {print $2}')
[ "$type" = application/x-michi ] || fail "$sample is typed $type, not application/x-michi"
default=$(xdg-mime query default application/x-michi)
[ "$default" = Michi.desktop ] || fail ".michi files open with '$default', not Michi.desktop"
michi info "$sample" | grep -q "journey" || fail "the installed CLI cannot read the sample"

step "Package: the installed app opens the sample (WebDriver)"
MICHI_APP=/usr/bin/michi-desktop MICHI_CLI=/usr/bin/michi MICHI_E2E_KEEP_ARTIFACTS=1 \
  xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" npx wdio run tests/e2e/wdio.conf.ts --spec tests/e2e/package/installed.e2e.ts

step "Package: the sample opens by its file type, as a double click does"
export MICHI_CONFIG_DIR="$work/config"
# The window's title names the file: "サンプル — Michi".
export SAMPLE="$sample" TITLE="\"$(basename "$sample" .michi) — Michi\"" ARTIFACT="$PWD/tests/e2e/artifacts/package-opened-by-type.png"
xvfb-run -a -s "-screen 0 1440x900x24 -noreset" bash -c '
  gio open "$SAMPLE"
  pid=""
  for _ in $(seq 60); do
    pid=$(pgrep -n -f "michi-desktop .*$SAMPLE" || true)
    [ -n "$pid" ] && xwininfo -root -tree | grep -qF "$TITLE" && break
    sleep 0.5
  done
  [ -n "$pid" ] || { echo "gio open started no michi-desktop on the sample" >&2; exit 1; }
  exe=$(readlink "/proc/$pid/exe")
  [ "$exe" = /usr/bin/michi-desktop ] || { echo "the sample opened in $exe, not the installed app" >&2; kill "$pid"; exit 1; }
  xwininfo -root -tree | grep -qF "$TITLE" || { echo "no window titled $TITLE appeared" >&2; kill "$pid"; exit 1; }
  sleep 2
  import -window root "$ARTIFACT"
  kill "$pid"
' || fail "gio open did not open the sample in Michi"

step "Package: the .rpm holds the same files"
deb_files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {sub(/^\.?\/?/, "/", $6); print $6}' | sort)
rpm_files=$(rpm -qlp "$rpm" 2>/dev/null | sort)
[ "$deb_files" = "$rpm_files" ] || fail "the .deb and .rpm differ: $(diff <(echo "$deb_files") <(echo "$rpm_files"))"
rpm -qp --requires "$rpm" 2>/dev/null | grep -q webkit2gtk || fail "the .rpm does not require WebKitGTK"

if ! $was_installed; then
  step "Package: removing it again"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q michi
  for f in /usr/bin/michi-desktop /usr/bin/michi "$desktop"; do
    [ ! -e "$f" ] || fail "$f is still there after removal"
  done
  [ "$(xdg-mime query default application/x-michi)" = "" ] || fail ".michi files still open with Michi after removal"
fi
step "Package: all checks passed"
