#!/usr/bin/env bash
# Runs each fuzz target (fuzz/) for a while with libFuzzer: the form loader, the target
# value parser, the text importer, the Excel grid reader, recovery copies, templates, any
# file to import, and each reader of it (PDF, Word, Excel, Excel 97). Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]
#
# Builds the targets with plain cargo and the coverage flags cargo-fuzz would pass, so it
# needs neither cargo-fuzz nor a nightly toolchain (`cargo fuzz run NAME` works too where
# cargo-fuzz is installed). Crashes are written to fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# An explicit --target keeps these flags off build scripts, as cargo-fuzz does.
host=$(rustc -vV | sed -n 's/^host: //p')
cargo build --release --locked --quiet --target-dir target --target "$host"
passed=0
failed=0
for target in load_form target_value import_text xlsx_grid load_recovery load_template import_any read_pdf read_docx read_xlsx read_xls; do
    mkdir -p "corpus/$target" "artifacts/$target"
    if "./target/$host/release/$target" "corpus/$target" "seeds/$target" \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -artifact_prefix="artifacts/$target/" \
        -print_final_stats=1 > "artifacts/$target.log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "artifacts/$target.log" | grep -o '[0-9]*$')
        echo "fuzz $target: ${runs:-?} runs in ${seconds}s, no crash"
        passed=$((passed + 1))
    else
        echo "fuzz $target: CRASH — see fuzz/artifacts/$target.log" >&2
        tail -30 "artifacts/$target.log" >&2
        failed=$((failed + 1))
    fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
