#!/usr/bin/env bash
# Renders the Art. 30 record (or the notice tables, or the annual review) of a workspace as HTML and
# takes a headless Chromium screenshot of it, for the documentation (docs/*-screenshot.png). Needs
# Debian's `chromium` package; it is a documentation tool, not part of the test suite.
#
#   scripts/screenshot-report.sh [WORKSPACE] [OUTPUT.png] [ropa|notice|review]
#   review: `gdprctl review` with a scratch store holding two requests of the example (received 36
#   and 12 days before AS_OF: one overdue, one to come), so that every part of the page shows.
#   defaults: examples/unexus, docs/ropa-screenshot.png, ropa
#   GDPRCTL=path/to/gdprctl (default: build/apps/gdprctl/gdprctl), AS_OF=2026-11-25, SIZE=1280,1600
set -euo pipefail
cd "$(dirname "$0")/.."
workspace=${1:-examples/unexus}
output=${2:-docs/ropa-screenshot.png}
kind=${3:-ropa}
gdprctl=${GDPRCTL:-build/apps/gdprctl/gdprctl}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "screenshot-report: chromium not found; install it with: apt-get install -y chromium" >&2
    exit 2
fi
[ -x "$gdprctl" ] || { echo "screenshot-report: no gdprctl at $gdprctl; build first or set GDPRCTL" >&2; exit 2; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
as_of=${AS_OF:-2026-11-25}
if [ "$kind" = review ]; then
    db="$scratch/state.db"
    for days in 36 12; do
        received=$(date -u -d "$as_of - $days days" +%F)
        "$gdprctl" --workspace "$workspace" --db "$db" --by screenshot --as-of "$received" request open --type access \
            --subject "C-$days" --received "$received" --backdate "documentation screenshot of the example" >/dev/null 2>&1
    done
    # Exit 1 means "something needs action", which is what the picture is meant to show.
    "$gdprctl" --workspace "$workspace" --db "$db" --as-of "$as_of" review --format html -o "$scratch/report.html" \
        || [ $? -eq 1 ]
else
    "$gdprctl" --workspace "$workspace" --as-of "$as_of" report "$kind" --format html -o "$scratch/report.html"
fi
# Every network feature off: the page is self-contained, and the screenshot must not depend on
# (or reach) the network.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$scratch/profile" \
    --screenshot="$scratch/shot.png" --window-size="${SIZE:-1280,1600}" "file://$scratch/report.html" >/dev/null 2>&1
mkdir -p "$(dirname "$output")"
mv "$scratch/shot.png" "$output"
echo "screenshot-report: wrote $output"
