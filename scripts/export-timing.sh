#!/usr/bin/env bash
# Export without waiting (issue 27): the sample exported to PDF by the whole program
# (`jixiao export-pdf`, a release build) beside LibreOffice converting the same form (the
# .docx this program writes of it) to PDF, in one run on this machine: median wall time
# and peak memory of each, and the ratio. Needs LibreOffice (libreoffice-writer-nogui).
# Usage: scripts/export-timing.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
cargo build --release --locked --quiet
bin=target/release/jixiao
sample="assets/samples/2020-上海市青少年服务和权益保护工作经费.ron"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" export "$sample" -o "$work/form.docx" > /dev/null
# median of a column of numbers
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
measure() { # label, then the command with {} for a fresh output name: "seconds kilobytes" per run
    local label=$1; shift
    for i in $(seq "$runs"); do
        local cmd=("${@//\{\}/$work/$label-$i}")
        local start=$EPOCHREALTIME
        /usr/bin/time -f "%M" -o "$work/$label.mem" "${cmd[@]}" > /dev/null 2>&1
        local end=$EPOCHREALTIME
        echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }') $(tail -1 "$work/$label.mem")"
    done
}
jx=$(measure jixiao "$bin" export-pdf "$sample" -o "{}.pdf")
# (LibreOffice's first start makes its profile: not counted)
soffice -env:UserInstallation=file://"$work"/lo --headless --convert-to pdf --outdir "$work/warm" \
    "$work/form.docx" > /dev/null 2>&1
lo=$(measure soffice soffice -env:UserInstallation=file://"$work"/lo --headless \
    --convert-to pdf --outdir "{}" "$work/form.docx")
jx_s=$(echo "$jx" | awk '{print $1}' | median); jx_kb=$(echo "$jx" | awk '{print $2}' | median)
lo_s=$(echo "$lo" | awk '{print $1}' | median); lo_kb=$(echo "$lo" | awk '{print $2}' | median)
echo "jixiao export-pdf: $(awk -v s="$jx_s" 'BEGIN { printf "%.1f ms", s * 1000 }'), peak $((jx_kb / 1024)) MiB"
echo "LibreOffice .docx → PDF: ${lo_s} s, peak $((lo_kb / 1024)) MiB"
awk -v a="$jx_s" -v b="$lo_s" 'BEGIN { if (a > 0) printf "jixiao takes 1/%.0f of LibreOffice'\''s time\n", b / a }'
