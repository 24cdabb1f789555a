#!/usr/bin/env bash
# End-to-end: the bench's data generators still make stores gdprctl reads, at a tiny size (the
# timings themselves are bench/*/run.sh's, never a test). bench/requests/generate.sh once created its
# store with a read command, which since the store hardening refuses ("no store at PATH").
set -u
: "${GDPRCTL:?path to the gdprctl binary}" "${SOURCE_DIR:?}"
source "$(dirname "$0")/support.bash"

# ---- bench/requests/generate.sh ----------------------------------------------------------------
DB="$tmp/requests/bench.db"
expect_exit 0 "generate.sh makes 500 requests" -- "$SOURCE_DIR/bench/requests/generate.sh" "$GDPRCTL" "$DB" 500
expect_contains "$out" "500 requests, " "generate.sh counts what it made"
overdue=$(sqlite3 "$DB" "SELECT count(*) FROM requests WHERE status = 'open' AND due < '2026-11-25'")
expect_exit 0 "request list --overdue on the generated store" -- \
  "$GDPRCTL" --db "$DB" --as-of 2026-11-25 --format json request list --overdue
[ "$(/usr/bin/python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' <<<"$out")" = "$overdue" ] \
  && pass || fail "request list --overdue lists the $overdue overdue requests the generator made: $out"
expect_exit 0 "request list --status all reads every request" -- \
  "$GDPRCTL" --db "$DB" --as-of 2026-11-25 --format json request list --status all
[ "$(/usr/bin/python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' <<<"$out")" = 500 ] \
  && pass || fail "500 requests listed"
# A second run starts again from nothing.
expect_exit 0 "generate.sh over an existing store" -- "$SOURCE_DIR/bench/requests/generate.sh" "$GDPRCTL" "$DB" 200
expect_contains "$out" "200 requests, " "the second run replaces the first store"

finish
