#!/usr/bin/env bash
# The test command: the Rust test suite, then the exported PDF read back by poppler.
set -euo pipefail
cd "$(dirname "$0")/.."
# The fuzz crate's lock must follow the main crate's dependencies (CI builds it --locked).
if ! (cd fuzz && cargo tree --locked --quiet > /dev/null 2>&1); then
    echo "fuzz/Cargo.lock is out of date: run (cd fuzz && cargo update --offline -w) and commit it" >&2
    exit 1
fi
# The core alone (what the fuzz targets build) must build without the window and PDF.
cargo check --locked --quiet --lib --no-default-features --features xlsx
cargo test --all-targets --locked

# The sample exported through the command line and read back by pdftotext/pdffonts.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --quiet --locked -- export-pdf assets/samples/2020-上海市青少年服务和权益保护工作经费.ron -o "$out/sample.pdf"
bash scripts/check-pdf.sh "$out/sample.pdf"
