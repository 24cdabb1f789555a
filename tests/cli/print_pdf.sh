#!/usr/bin/env bash
# End-to-end: the HTML record of processing, printed to PDF by headless Chromium as a reader would
# print it, starts on page 1 and strands no heading at the bottom of a page (print CSS).
# Needs chromium and poppler-utils (scripts/install-deps.sh installs both).
set -u
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"
source "$SOURCE_DIR/tests/cli/support.bash"
G="$GDPRCTL"
cd "$tmp" || exit 1
for tool in chromium pdftotext pdfinfo; do
    command -v "$tool" >/dev/null || { fail "$tool is missing: run scripts/install-deps.sh"; finish; exit 1; }
done

expect_exit 0 "report ropa --format html" -- \
    "$G" --workspace "$SOURCE_DIR/examples/unexus" --as-of 2026-11-25 report ropa --format html -o ropa.html
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --no-pdf-header-footer \
    --print-to-pdf="$tmp/ropa.pdf" "file://$tmp/ropa.html" >chromium.log 2>&1
[ -s ropa.pdf ] && pass || { fail "chromium printed no PDF: $(tail -3 chromium.log)"; finish; exit 1; }

pages=$(pdfinfo ropa.pdf | awk '/^Pages:/ {print $2}')
page() { pdftotext -layout -f "$1" -l "$1" ropa.pdf - | sed '/^[[:space:]]*$/d'; }
expect_contains "$(page 1)" "Record of processing activities" "the record starts on page 1"
# Every heading of the record is followed by content on its own page: the last line of a page is
# never a section heading or a system's name.
headings=$(grep -oE '<h[23][^>]*>[^<]+' ropa.html | sed 's/<h[23][^>]*>//; s/[[:space:]]*$//' | sort -u)
stranded=0
for ((n = 1; n <= pages; n++)); do
    last=$(page "$n" | tail -1 | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
    while IFS= read -r heading; do
        [ -n "$heading" ] && [[ "$last" == "$heading"* ]] && { stranded=1; echo "page $n ends with heading: $last"; }
    done <<<"$headings"
done
[ "$stranded" = 0 ] && pass || fail "a heading is stranded at the bottom of a page"

finish
