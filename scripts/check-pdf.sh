#!/usr/bin/env bash
# Checks an exported sample PDF with poppler: the Chinese comes back as itself and the
# font is an embedded subset. Prints "N passed, N failed".
set -uo pipefail
pdf="$1"
passed=0
failed=0
check() {
    if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1" >&2; fi
}
text=$(pdftotext -layout "$pdf" - | tr -d ' \n')
for s in 财政项目支出绩效目标表 "(2020年度)" 上海市青少年服务和权益保护办公室 5,601,000 6,224,000 \
    2020年绩效目标 预算执行率 ">=90%" 团干部+普通青年 与去年持平 "“奔跑吧·安全君”" 第1页共; do
    check "pdftotext finds $s" '[[ "$text" == *"$s"* ]]'
done
fonts=$(pdffonts "$pdf" | tail -n +3)
check "one font, embedded subset with unicode map" \
    '[ "$(echo "$fonts" | wc -l)" -eq 1 ] && echo "$fonts" | grep -Eq "yes +yes +yes"'
if command -v qpdf >/dev/null; then
    check "qpdf --check" 'qpdf --check "$pdf" >/dev/null'
fi
echo "pdf: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
