#!/usr/bin/env bash
# Takes screenshots of the real window under Xvfb: the sample open on 基本信息, then on
# the indicator grid. Needs: apt-get install -y xvfb x11-utils imagemagick xdotool
# Usage: scripts/screenshot.sh [OUT_DIR]   (default: target/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/screenshots}"
mkdir -p "$out"
cargo build --quiet
display=:97
Xvfb $display -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
cfg=$(mktemp -d)
export XDG_RUNTIME_DIR="$cfg/run"; mkdir -m 700 "$XDG_RUNTIME_DIR"
trap 'kill $app $xvfb 2>/dev/null; rm -rf "$cfg"' EXIT
sleep 1
# A fresh config folder: first run, so the sample form opens.
DISPLAY=$display JIXIAO_CONFIG_DIR="$cfg" JIXIAO_DATA_DIR="$cfg" "${CARGO_TARGET_DIR:-target}/debug/jixiao" &
app=$!
sleep 5
DISPLAY=$display xdotool search --class jixiao windowmove 0 0 windowsize 1400 900 >/dev/null 2>&1 || true
sleep 1
DISPLAY=$display import -window root "$out/1-header.png"
# The grid: click the "2020年绩效目标（95）" line of the outline.
DISPLAY=$display xdotool mousemove 80 345 click 1
sleep 1
DISPLAY=$display import -window root "$out/2-grid.png"
# A text section.
DISPLAY=$display xdotool mousemove 80 142 click 1
sleep 1
DISPLAY=$display import -window root "$out/3-section.png"
# The budget, with its figures grouped by thousands.
DISPLAY=$display xdotool mousemove 40 270 click 1
sleep 1
DISPLAY=$display import -window root "$out/4-budget.png"
# 文件 → 新建…: the framework chooser.
DISPLAY=$display xdotool mousemove 22 12 click 1
sleep 1
DISPLAY=$display import -window root "$out/5-file-menu.png"
DISPLAY=$display xdotool mousemove 60 44 click 1
sleep 1
DISPLAY=$display import -window root "$out/6-new.png"
echo "screenshots in $out"
