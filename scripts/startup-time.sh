#!/usr/bin/env bash
# Cold start to first frame of the real window under Xvfb, median of 7 runs, release
# build, with the sample (first run) and with the 5,000-indicator form.
# Needs: apt-get install -y xvfb
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
display=:96
Xvfb $display -screen 0 1400x900x24 >/dev/null 2>&1 &
xvfb=$!
tmp=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
export XDG_RUNTIME_DIR="$tmp/run"; mkdir -m 700 "$XDG_RUNTIME_DIR"
sleep 1
cargo run --release --quiet --example big_form -- "$tmp/big.ron" 2>/dev/null || true
measure() {
    local label="$1"; shift
    local times=()
    for _ in 1 2 3 4 5 6 7; do
        local cfg; cfg=$(mktemp -d -p "$tmp")
        t=$(DISPLAY=$display JIXIAO_CONFIG_DIR="$cfg" JIXIAO_DATA_DIR="$cfg" JIXIAO_STARTUP_PROBE=1 \
            timeout 30 "${CARGO_TARGET_DIR:-target}/release/jixiao" "$@" 2>/dev/null | sed -n 's/first frame after \([0-9]*\) ms/\1/p')
        times+=("${t:-99999}")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 4p)
    echo "| $label | $median ms |"
}
echo "| 启动到第一帧（Xvfb，软件渲染） | 中位数 |"
echo "|---|---|"
measure "示例表（首次运行）"
if [ -f "$tmp/big.ron" ]; then measure "大表（5,000 个指标）" "$tmp/big.ron"; fi
