#!/usr/bin/env bash
# The system clipboard in the real window under Xvfb: Chinese put on the clipboard by
# xclip is pasted into the 绩效类型 field with Ctrl+V and saved with Ctrl+S; then the
# field's text is copied out with Ctrl+A Ctrl+C and read back by xclip.
# Needs: xvfb xdotool xclip (scripts/setup.sh installs them). Prints "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bin="${CARGO_TARGET_DIR:-target}/debug/jixiao"
[ -x "$bin" ] || cargo build --quiet --locked
display=:95
tmp=$(mktemp -d)
export XDG_RUNTIME_DIR="$tmp/run"; mkdir -m 700 "$XDG_RUNTIME_DIR"
Xvfb $display -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $app $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
export DISPLAY=$display
sleep 1
form="$tmp/表单.ron"
cp assets/samples/2020-上海市青少年服务和权益保护工作经费.ron "$form"
JIXIAO_CONFIG_DIR="$tmp" JIXIAO_DATA_DIR="$tmp" JIXIAO_NO_NATIVE_DIALOG=1 "$bin" "$form" >/dev/null 2>&1 &
app=$!
passed=0
failed=0
for _ in $(seq 1 30); do
    win=$(xdotool search --class jixiao 2>/dev/null | head -1)
    [ -n "$win" ] && break
    sleep 0.5
done
sleep 3
xdotool windowmove "$win" 0 0 windowsize "$win" 1280 820 windowfocus "$win" 2>/dev/null
sleep 1
pasted="剪贴板粘贴测试“引号”"
printf '%s' "$pasted" | xclip -selection clipboard
# 绩效类型 is the last field of 基本信息 (under the template's name), at the same place at this window size
xdotool mousemove 640 369 click 1
sleep 0.5
xdotool key ctrl+a ctrl+v
sleep 0.5
xdotool key ctrl+s
sleep 1.5
[ -n "${SHOTS:-}" ] && import -window root "$SHOTS/clipboard.png"
if grep -qF "\"performance_type\": \"$pasted\"" "$form"; then
    passed=$((passed + 1)); echo "clipboard: paste into a field and save: ok"
else
    failed=$((failed + 1)); echo "FAILED: the pasted text is not in the saved form" >&2
fi
printf 'x' | xclip -selection clipboard
xdotool mousemove 640 369 click 1
sleep 0.3
xdotool key ctrl+a ctrl+c
sleep 0.8
copied=$(xclip -o -selection clipboard 2>/dev/null)
if [ "$copied" = "$pasted" ]; then
    passed=$((passed + 1)); echo "clipboard: copy out of a field: ok"
else
    failed=$((failed + 1)); echo "FAILED: copied '$copied', expected '$pasted'" >&2
fi
echo "clipboard: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
