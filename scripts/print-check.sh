#!/usr/bin/env bash
# Printing through a real print system: a CUPS server started here with a PDF printer
# (cups-pdf), the sample printed by `jixiao print`, the printed job's file found with the
# form's page count; a printer that does not exist refused with a Chinese message and a
# non-zero exit. Needs cups, printer-driver-cups-pdf and poppler-utils (scripts/setup.sh)
# and root (or sudo) to start the server. Usage: scripts/print-check.sh [JIXIAO]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/debug/jixiao}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
passed=0
failed=0
check() { # name, then the command
    local name=$1; shift
    if "$@"; then echo "print: $name: ok"; passed=$((passed + 1));
    else echo "print: $name: FAILED" >&2; failed=$((failed + 1)); fi
}
work=$(mktemp -d)
trap '$SUDO lpadmin -x jixiao-check 2>/dev/null || true; rm -rf "$work"' EXIT
# (lpstat -r exits 0 either way: its words say whether the scheduler runs)
running() { LC_ALL=C lpstat -r 2>/dev/null | grep -q "is running"; }
if ! running; then
    $SUDO cupsd
    for _ in $(seq 100); do running && break; sleep 0.1; done
fi
$SUDO lpadmin -p jixiao-check -v cups-pdf:/ -E -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
sample="assets/samples/2020-上海市青少年服务和权益保护工作经费.ron"
"$bin" export-pdf "$sample" -o "$work/form.pdf" > /dev/null
want=$(pdfinfo "$work/form.pdf" | awk '/^Pages:/ { print $2 }')
# cups-pdf writes the job into the PDF folder of the user who printed it
out="$(getent passwd "$(id -un)" | cut -d: -f6)/PDF"
mark="$work/started"
touch "$mark"
sleep 1
printed() {
    "$bin" print "$sample" --printer jixiao-check > "$work/print.log" 2>&1 || return 1
    for _ in $(seq 150); do
        file=$(find "$out" -name '*.pdf' -newer "$mark" 2>/dev/null | head -1)
        if [ -n "$file" ] && [ -z "$(lpstat -o jixiao-check 2>/dev/null)" ]; then
            got=$(pdfinfo "$file" | awk '/^Pages:/ { print $2 }')
            echo "print: the job came out as $file, $got pages (the form has $want)"
            [ "$got" = "$want" ]
            return
        fi
        sleep 0.2
    done
    echo "print: no printed file in $out" >&2
    cat "$work/print.log" >&2
    return 1
}
check "the sample printed through CUPS with the form's page count" printed
refused() {
    if "$bin" print "$sample" --printer 没有这台打印机 > "$work/missing.log" 2>&1; then
        return 1
    fi
    grep -q "打印机" "$work/missing.log"
}
check "a printer that does not exist is refused in Chinese" refused
echo "print: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
