#!/usr/bin/env bash
# Builds the Windows program, installer and portable zip (scripts/build-windows.sh;
# not with --built, when that has been run already) and tries them under Wine and Xvfb as a clerk and an IT department would: the command line
# on a form in a folder with Chinese characters and spaces (the same results as the
# Linux program's: PDF text, rollover and import files), the silent install for the
# current user and for all users, the program started by opening a form file from the
# documents folder (screenshot in target/screenshots/windows.png), the silent uninstall,
# after which the clerk's form and settings must still be there.
# Needs (scripts/setup.sh --windows): the build tools, wine64, xvfb, poppler-utils,
# x11-utils, imagemagick, zip. Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
passed=0
failed=0
check() {
    if eval "$2"; then passed=$((passed + 1)); echo "windows: $1: ok"
    else failed=$((failed + 1)); echo "FAILED: windows: $1" >&2; fi
}
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
target_dir="${CARGO_TARGET_DIR:-target}"
if [ "${1:-}" != --built ]; then
    bash scripts/build-windows.sh || { echo "FAILED: building for Windows" >&2; exit 1; }
fi
out=$(realpath "${WINDOWS_TARGET_DIR:-target/win}/dist")
[ -f "$out/jixiao.exe" ] && [ -f "$out/jixiao-setup-$version.exe" ] ||
    { echo "FAILED: no Windows build in $out (run scripts/build-windows.sh)" >&2; exit 1; }
# The Linux program of the same source to compare with: the one the tests built.
cargo build --locked --quiet --bin jixiao || exit 1
linux=$(realpath "$target_dir/debug/jixiao")

tmp=$(mktemp -d)
user=$(id -un)
export HOME="$tmp/home" WINEPREFIX="$tmp/wine" WINEARCH=win64 WINEDEBUG=-all
# No prompts to download Mono or Gecko: the program needs neither.
export WINEDLLOVERRIDES="mscoree,mshtml="
mkdir -p "$HOME"
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || wine=$(command -v wine64 || command -v wine)
display=:93
Xvfb $display -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
cleanup() {
    wineserver -k >/dev/null 2>&1
    kill $xvfb 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
timeout 300 "$wine" wineboot -i >/dev/null 2>&1
win() { timeout 120 "$wine" "$@"; }
# A Unix path as the Windows program sees it (Wine maps / to Z:).
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# The command line, on a form in a folder with Chinese characters and spaces.
dir="$tmp/单位 表单"
mkdir -p "$dir"
form="$dir/示例 2020.ron"
cp assets/samples/2020-上海市青少年服务和权益保护工作经费.ron "$form"
exe="$out/jixiao.exe"
# Windows 7 has these DLLs (winspool.drv: the printers, there since Windows 2000); an import from any other (an api-ms-win-* set of Windows 8,
# combase.dll) keeps the program from starting there at all.
win7_dlls="advapi32 gdi32 kernel32 opengl32 user32 dwmapi imm32 msvcrt ntdll ole32 oleaut32 propsys rpcrt4 shell32 uiautomationcore userenv uxtheme ws2_32 bcrypt comctl32 comdlg32 shlwapi version winmm crypt32 secur32 dbghelp psapi iphlpapi winspool.drv"
imports=$(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\tDLL Name: //p' | tr 'A-Z' 'a-z' | sed 's/\.dll$//' | sort -u)
foreign=$(for d in $imports; do case " $win7_dlls " in *" $d "*) ;; *) echo "$d";; esac; done)
check "jixiao.exe imports only DLLs Windows 7 has${foreign:+ (not: $foreign)}" '[ -z "$foreign" ]'
check "jixiao.exe --version" '[ "$(win "$exe" --version | tr -d "\r")" = "jixiao $version" ]'
win "$exe" check "$(winpath "$form")" >"$tmp/check-win.txt" 2>&1
code_win=$?
"$linux" check "$form" >"$tmp/check-linux.txt" 2>&1
code_linux=$?
check "check: the same verdict as on Linux (exit $code_linux)" '[ $code_win -eq $code_linux ] && [ "$(wc -l <"$tmp/check-win.txt")" -eq "$(wc -l <"$tmp/check-linux.txt")" ]'
win "$exe" check "$(winpath "$dir/没有这个文件.ron")" >/dev/null 2>"$tmp/missing.txt"
code=$?
check "check: a missing file is said in Chinese (exit 2)" '[ $code -eq 2 ] && grep -q "无法" "$tmp/missing.txt"'
win "$exe" export-pdf "$(winpath "$form")" -o "$(winpath "$dir/导出 结果.pdf")" >/dev/null 2>&1
"$linux" export-pdf "$form" -o "$tmp/linux.pdf" >/dev/null 2>&1
check "export-pdf: the PDF's text is the Linux build's" '[ -s "$dir/导出 结果.pdf" ] && [ "$(pdftotext -layout "$dir/导出 结果.pdf" - | md5sum)" = "$(pdftotext -layout "$tmp/linux.pdf" - | md5sum)" ]'
check "export-pdf: the font is embedded" 'pdffonts "$dir/导出 结果.pdf" | grep -q "yes *yes *yes"'
win "$exe" rollover "$(winpath "$form")" -o "$(winpath "$dir/下一年 表单.ron")" >/dev/null 2>&1
"$linux" rollover "$form" -o "$tmp/linux-next.ron" >/dev/null 2>&1
check "rollover: the same new form as on Linux" '[ -s "$dir/下一年 表单.ron" ] && cmp -s "$dir/下一年 表单.ron" "$tmp/linux-next.ron"'
check "rollover: last year's file unchanged" 'cmp -s "$form" assets/samples/2020-上海市青少年服务和权益保护工作经费.ron'
text=tests/fixtures/2020-shanghai-youth-services.txt
mkdir -p "$tmp/linux-src"
cp "$text" "$dir/去年 表单.txt"
cp "$text" "$tmp/linux-src/去年 表单.txt"
win "$exe" import "$(winpath "$dir/去年 表单.txt")" -o "$(winpath "$dir/导入 表单.ron")" >/dev/null 2>&1
"$linux" import "$tmp/linux-src/去年 表单.txt" -o "$tmp/linux-import.ron" >/dev/null 2>&1
check "import (text): the same form as on Linux" '[ -s "$dir/导入 表单.ron" ] && cmp -s "$dir/导入 表单.ron" "$tmp/linux-import.ron"'
# last year's PDF (the one Windows wrote above), read back as tables on both
cp "$dir/导出 结果.pdf" "$tmp/linux-src/上年 表单.pdf"
cp "$dir/导出 结果.pdf" "$dir/上年 表单.pdf"
win "$exe" import "$(winpath "$dir/上年 表单.pdf")" -o "$(winpath "$dir/从PDF导入.ron")" >/dev/null 2>&1
"$linux" import "$tmp/linux-src/上年 表单.pdf" -o "$tmp/linux-from-pdf.ron" >/dev/null 2>&1
check "import (PDF): the same form as on Linux" '[ -s "$dir/从PDF导入.ron" ] && cmp -s "$dir/从PDF导入.ron" "$tmp/linux-from-pdf.ron"'
# printing: the spooler's printers are listed; one that is not there is refused in Chinese
win "$exe" print "$(winpath "$form")" --printer 没有这台打印机 >/dev/null 2>"$tmp/print.txt"
code=$?
check "print: a printer the spooler does not have is refused in Chinese (exit $code)" '[ $code -ne 0 ] && grep -q "打印机" "$tmp/print.txt"'

# The portable zip.
check "the portable zip holds the program" 'zip -sf "$out/jixiao-$version-windows.zip" | grep -q "jixiao-$version/jixiao.exe"'

# Waits (up to $2 seconds) until the condition $1 holds.
wait_for() {
    for _ in $(seq 1 "$2"); do
        eval "$1" && return 0
        sleep 1
    done
    return 1
}
running() { pgrep -f 'jixiao\.exe' >/dev/null; }
# Closes the program as the window's close button does, and waits until it is gone.
close_program() {
    win taskkill /IM jixiao.exe >/dev/null 2>&1
    wait_for '! running' 30
}

# The installer, silent, for the current user (no administrator rights needed).
users="$WINEPREFIX/drive_c/users/$user"
docs="$users/Documents"
win "$out/jixiao-setup-$version.exe" /S
installed="$users/AppData/Local/Programs/jixiao"
check "setup /S installs for the current user" '[ -f "$installed/jixiao.exe" ] && [ -f "$installed/uninstall.exe" ]'
menu_link=$(find -L "$users" -name "绩效目标表.lnk" -path "*Start Menu*" | head -1)
check "Start menu and desktop shortcuts" '[ -n "$menu_link" ] && [ -n "$(find -L "$users" -name "绩效目标表.lnk" -path "*Desktop*")" ]'
check "form files are associated" 'win reg query "HKCU\\Software\\Classes\\jixiao.form\\shell\\open\\command" 2>/dev/null | grep -q "jixiao.exe"'

# First start from the Start menu: the window shows the sample.
"$wine" start /unix "$menu_link" >/dev/null 2>&1 &
wait_for 'xwininfo -root -tree 2>/dev/null | grep -q "示例.*绩效目标表\|2020年度 — 绩效目标表"' 60
sleep 3
shots="${SHOTS:-target/screenshots}"
mkdir -p "$shots"
import -window root "$shots/windows.png" 2>/dev/null
check "the Start menu shortcut starts the program, which shows the sample" 'xwininfo -root -tree 2>/dev/null | grep -q "2020年度 — 绩效目标表"'
check "the screenshot is not blank" '[ "$(convert "$shots/windows.png" -format %k info: 2>/dev/null || echo 0)" -gt 50 ]'
check "closing the window ends the program" 'close_program'

# A form in the documents folder, opened as a double click in Explorer does (the
# association's command line).
mine="$docs/我的 表单.ron"
lock="$docs/.~lock.我的 表单.ron#"
cp assets/samples/2020-上海市青少年服务和权益保护工作经费.ron "$mine"
"$wine" "$installed/jixiao.exe" "$(winpath "$mine")" >/dev/null 2>&1 &
wait_for '[ -s "$lock" ]' 60
check "the installed program opens the form (its lock is taken, naming the user)" 'grep -q "user=" "$lock"'
check "the window shows that form" 'xwininfo -root -tree 2>/dev/null | grep -q "我的 表单.ron"'
# A second window on the same form is told who has it (the lock's text stays readable
# under Windows' mandatory locks) and opens it read-only: the dialog is centred, its
# first button is 以只读方式打开.
"$wine" "$installed/jixiao.exe" "$(winpath "$mine")" >/dev/null 2>&1 &
wait_for '[ "$(xwininfo -root -tree 2>/dev/null | grep -c "绩效目标表")" -ge 2 ]' 60
sleep 4
import -window root "$shots/windows-second.png" 2>/dev/null
xdotool mousemove 403 501 click 1
wait_for 'xwininfo -root -tree 2>/dev/null | grep -q "我的 表单.ron（只读）"' 15
check "a second window opens the form read-only" 'xwininfo -root -tree 2>/dev/null | grep -q "我的 表单.ron（只读）"'
close_program
check "closing the window releases the form" '[ ! -e "$lock" ]'
check "settings are kept in %APPDATA%\\jixiao" '[ -f "$users/AppData/Roaming/jixiao/config/settings.ron" ]'

# The silent uninstall leaves the clerk's forms and settings.
win "$installed/uninstall.exe" /S
wait_for '[ ! -e "$installed/jixiao.exe" ]' 30
wineserver -w >/dev/null 2>&1
check "uninstall /S removes the program and its shortcuts" '[ ! -e "$installed/jixiao.exe" ] && [ -z "$(find -L "$users" -name "绩效目标表.lnk")" ]'
check "uninstall removes the association" '! win reg query "HKCU\\Software\\Classes\\jixiao.form" >/dev/null 2>&1'
check "the form in the documents folder is still there" 'cmp -s "$mine" assets/samples/2020-上海市青少年服务和权益保护工作经费.ron'
check "the settings are still there" '[ -f "$users/AppData/Roaming/jixiao/config/settings.ron" ]'

# For all users (an IT department's install): Program Files; a form opened through the
# shell's association; out again.
win "$out/jixiao-setup-$version.exe" /S /AllUsers
programs="$WINEPREFIX/drive_c/Program Files/jixiao"
check "setup /S /AllUsers installs into Program Files" '[ -f "$programs/jixiao.exe" ]'
"$wine" start /unix "$mine" >/dev/null 2>&1 &
wait_for '[ -s "$lock" ]' 60
check "opening a form file starts the program (the shell's association)" '[ -s "$lock" ] && pgrep -af "Program Files.jixiao.jixiao\.exe" >/dev/null'
close_program
win "$programs/uninstall.exe" /S /AllUsers
wait_for '[ ! -e "$programs/jixiao.exe" ]' 30
check "and uninstalls from there" '[ ! -e "$programs/jixiao.exe" ] && ! win reg query "HKLM\\Software\\Classes\\jixiao.form" >/dev/null 2>&1'

echo "windows: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
