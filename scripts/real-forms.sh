#!/usr/bin/env bash
# Makes each real form's transcription (tests/fixtures/real/*.txt, or the folder given) into the files a clerk
# has of it: an HTML table (cells as transcribed, a one-cell line across the table) saved
# by LibreOffice as Word (.docx), Excel (.xlsx) and PDF (.pdf), and printed to PDF by
# Chromium (.chromium.pdf). The results are committed, so the tests need neither program.
# Needs: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui chromium fonts-noto-cjk
set -euo pipefail
# A folder under tests/fixtures/real may be given (self-eval: the published 自评表).
cd "$(dirname "$0")/../tests/fixtures/real/${1:-}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for txt in *.txt; do
    name="${txt%.txt}"
    # Files already made from this transcription are kept byte for byte (FORCE=1 remakes them).
    if [ -z "${FORCE:-}" ] && [ "$name.chromium.pdf" -nt "$txt" ] && [ -e "$name.docx" ]; then
        continue
    fi
    html="$work/$name.html"
    python3 - "$txt" "$html" <<'PY'
import html, sys
src, out = sys.argv[1], sys.argv[2]
rows = [l.rstrip("\n").split("\t") for l in open(src, encoding="utf-8") if not l.startswith("# ")]
width = max(len(r) for r in rows)
parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><style>',
         'body{font-family:"Noto Serif CJK SC","Noto Sans CJK SC",serif;font-size:10.5pt}',
         'table{border-collapse:collapse;width:100%}td{border:1px solid #000;padding:2pt 4pt;vertical-align:middle}',
         '</style></head><body><table border="1" cellspacing="0" cellpadding="4" width="100%">']
for r in rows:
    filled = [c for c in r if c.strip()]
    parts.append("<tr>")
    if len(r) == 1 or (len(filled) == 1 and r[0].strip() and len(r) <= 2):
        parts.append('<td colspan="%d">%s</td>' % (width, html.escape(r[0])))
    else:
        for i, c in enumerate(r):
            span = width - len(r) + 1 if i == len(r) - 1 else 1
            attr = ' colspan="%d"' % span if span > 1 else ""
            parts.append("<td%s>%s</td>" % (attr, html.escape(c)))
    parts.append("</tr>")
parts.append("</table></body></html>")
open(out, "w", encoding="utf-8").write("".join(parts))
PY
    lo=(soffice -env:UserInstallation=file://"$work"/lo --headless)
    "${lo[@]}" --infilter="HTML (StarWriter)" --convert-to docx:"MS Word 2007 XML" --outdir "$work" "$html" >/dev/null
    "${lo[@]}" --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$work" "$html" >/dev/null
    "${lo[@]}" --infilter="HTML (StarCalc)" --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$work" "$html" >/dev/null
    cp "$work/$name.docx" "$work/$name.pdf" "$work/$name.xlsx" .
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/chromium" --no-pdf-header-footer \
        --print-to-pdf="$PWD/$name.chromium.pdf" "file://$html" 2>/dev/null
    echo "made $name: .docx .xlsx .pdf .chromium.pdf"
done
