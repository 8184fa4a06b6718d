#!/usr/bin/env bash
# Converts every sample in every built-in template, exported as Word and Excel, to PDF
# with LibreOffice, and checks that each PDF's text holds every field, section,
# indicator name and value the form prints. Prints the figure per format.
# Needs: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet --example office_files -- "$work/files"
cd "$work/files"
lo=(soffice -env:UserInstallation=file://"$work"/lo --headless --convert-to pdf --outdir "$work/pdf")
for kind in docx xlsx; do
    mkdir -p "$work/pdf"
    "${lo[@]}" ./*."$kind" >/dev/null 2>&1
    whole=0
    total=0
    for expect in ./*.expect; do
        stem=$(basename "$expect" .expect)
        total=$((total + 1))
        pdftotext -raw "$work/pdf/$stem.pdf" "$work/pdf/$stem.txt"
        # each text found whole, or (a cell wrapped over lines, its later lines printed
        # after the cells beside it) its characters in order within a short stretch
        if python3 - "$work/pdf/$stem.txt" "$expect" "$stem.$kind" <<'PY'
import sys
text = "".join(open(sys.argv[1], encoding="utf-8").read().split())
missing = 0
for want in open(sys.argv[2], encoding="utf-8").read().split("\n"):
    if not want or want in text:
        continue
    found = False
    start = text.find(want[:2])
    while start != -1 and not found:
        i, window = start, text[start:start + 40 * len(want) + 400]
        pos = 0
        for c in want:
            pos = window.find(c, pos)
            if pos < 0:
                break
            pos += 1
        else:
            found = True
        start = text.find(want[:2], start + 1)
    if not found:
        missing += 1
        print("  %s 缺少：%s" % (sys.argv[3], want))
sys.exit(1 if missing else 0)
PY
        then
            whole=$((whole + 1))
        fi
    done
    rm -rf "$work/pdf"
    echo "$kind → PDF (LibreOffice): $whole / $total complete"
done
