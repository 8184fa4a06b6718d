#!/usr/bin/env bash
# Builds the .deb, installs it as a clerk would (apt install ./jixiao_*.deb), checks the
# desktop entry, the command, the form file type and its opener, starts the installed
# program under Xvfb and takes a screenshot, then removes the package and checks that
# nothing of it is left. Prints "N passed, N failed".
# Needs (scripts/setup.sh): dpkg-dev tools, desktop-file-utils, xdg-utils,
# shared-mime-info, xvfb, x11-utils, imagemagick.
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0
check() {
    if eval "$2"; then passed=$((passed + 1)); echo "deb: $1: ok"
    else failed=$((failed + 1)); echo "FAILED: deb: $1" >&2; fi
}
deb=$(bash scripts/build-deb.sh) || { echo "FAILED: building the package" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "./$deb" >/dev/null 2>&1
check "apt install ./$(basename "$deb")" 'dpkg -s jixiao >/dev/null 2>&1'
check "desktop-file-validate" 'desktop-file-validate /usr/share/applications/jixiao.desktop'
check "jixiao --version" '[ "$(jixiao --version)" = "jixiao $(dpkg-query -W -f="\${Version}" jixiao)" ]'
tmp=$(mktemp -d)
cp assets/samples/2020-上海市青少年服务和权益保护工作经费.ron "$tmp/form.ron"
echo '(name: "not a form", speed: 3)' > "$tmp/other.ron"
check "a form file is recognised by content" '[ "$(xdg-mime query filetype "$tmp/form.ron")" = application/x-jixiao-form ]'
check "another .ron file is not claimed" '[ "$(xdg-mime query filetype "$tmp/other.ron")" != application/x-jixiao-form ]'
check "the program opens form files" '[ "$(xdg-mime query default application/x-jixiao-form)" = jixiao.desktop ]'
# the installed program, started the way the desktop does (Exec=jixiao %f)
display=:94
Xvfb $display -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
mkdir -m 700 "$tmp/run"
sleep 1
DISPLAY=$display XDG_RUNTIME_DIR="$tmp/run" JIXIAO_CONFIG_DIR="$tmp" JIXIAO_DATA_DIR="$tmp" \
    /usr/bin/jixiao "$tmp/form.ron" >/dev/null 2>&1 &
app=$!
sleep 6
shots="${SHOTS:-target/screenshots}"
mkdir -p "$shots"
DISPLAY=$display import -window root "$shots/installed.png" 2>/dev/null
check "the installed program runs and shows a window" 'kill -0 $app 2>/dev/null && DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -q jixiao'
kill $app $xvfb 2>/dev/null
wait $app 2>/dev/null
apt-get remove -y -qq jixiao >/dev/null 2>&1
check "apt remove leaves nothing behind" '! dpkg -s jixiao >/dev/null 2>&1 && [ ! -e /usr/bin/jixiao ] && [ ! -e /usr/share/applications/jixiao.desktop ] && [ ! -e /usr/share/mime/packages/jixiao.xml ]'
check "the form file is still there" '[ -s "$tmp/form.ron" ]'
rm -rf "$tmp"
echo "deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
