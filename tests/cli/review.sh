#!/usr/bin/env bash
# End-to-end: `gdprctl review` on a workspace whose problems come with time (reviews falling due,
# requests falling due), at three --as-of dates: the exact set of actions and the exit code at
# each; then every format, -o, a register with static findings, and usage errors.
set -u
: "${GDPRCTL:?path to the gdprctl binary}" "${TEST_DATA:?}" "${SOURCE_DIR:?}"
source "$(dirname "$0")/support.bash"
WS="$TEST_DATA/review"
DB="$tmp/store/state.db"
g() { "$GDPRCTL" --workspace "$WS" --db "$DB" --by tester "$@"; }
# The actions as "area severity rule ref due" lines, sorted.
actions() { /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
for a in d["actions"]:
    print(a["area"], a["severity"], a["rule"], a["ref"], a["due"] or "-")'; }

# Without a store the review still runs, and says requests were not reviewed.
expect_exit 0 "no store yet" -- g --as-of 2026-01-20 review
expect_contains "$out" "nothing needs action" "clean on 2026-01-20"
expect_contains "$out" "requests not reviewed: no operational store" "says the store was not read"
[ ! -e "$DB" ] && pass || fail "review created a store"

# Requests: received 2026-01-12 (due 2026-02-12), 2026-02-20 (due 2026-03-20).
expect_exit 0 "open R1" -- g --as-of 2026-01-12 request open --type access --subject C-1 --received 2026-01-12 --backdate "test fixture"
expect_exit 0 "open R2" -- g --as-of 2026-02-20 request open --type erasure --subject C-2 --received 2026-02-20 --backdate "test fixture"

# Date 1: nothing due (R1 in 23 days, crm's review on 2026-02-10, the policy's on 2026-03-01).
expect_exit 0 "2026-01-20" -- g --as-of 2026-01-20 --format json review
[ -z "$(actions <<<"$out")" ] && pass || fail "2026-01-20 actions: $(actions <<<"$out")"
[ "$(/usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["as_of"], [u["due"] for u in d["upcoming"]])' <<<"$out")" \
    = "2026-01-20 ['2026-02-10', '2026-02-12', '2026-03-01']" ] && pass || fail "2026-01-20 upcoming: $out"

# Date 2: crm's review is due today; R1 is due in 2 days.
expect_exit 1 "2026-02-10" -- g --as-of 2026-02-10 --format json review
[ "$(actions <<<"$out")" = $'reviews warning system-review-due crm 2026-02-10\nrequests warning request-due-soon REQ-2026-0001 2026-02-12' ] \
    && pass || fail "2026-02-10 actions: $(actions <<<"$out")"

# Date 3: crm and the policy overdue (check's own findings), R1 overdue; R2 is 18 days away.
expect_exit 1 "2026-03-02" -- g --as-of 2026-03-02 --format json review
[ "$(actions <<<"$out")" = $'reviews warning system-review-overdue crm 2026-02-10\nreviews warning policy-review-overdue policy 2026-03-01\nrequests error request-overdue REQ-2026-0001 2026-02-12' ] \
    && pass || fail "2026-03-02 actions: $(actions <<<"$out")"
/usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
for a in d["actions"]:
    assert set(["area", "what", "article", "owner", "due"]) <= set(a), a
    assert a["article"].startswith("GDPR Art."), a
owners = {a["ref"]: a["owner"] for a in d["actions"]}
assert owners["crm"] == "Sales", owners
assert owners["policy"] == "Information Security Officer (R. Person)", owners
assert owners["REQ-2026-0001"] == "Information Security Officer (R. Person)", owners
assert d["summary"]["requests"] == {"error": 1, "warning": 0}, d["summary"]
' <<<"$out" && pass || fail "2026-03-02: fields, articles, owners, summary"
# check agrees: the same two review findings.
expect_exit 0 "check on 2026-03-02" -- "$GDPRCTL" --workspace "$WS" --as-of 2026-03-02 check --fail-on error
expect_contains "$out" "system-review-overdue" "check reports crm"
expect_contains "$out" "policy-review-overdue" "check reports the policy"

# Text, md and html of date 3; -o writes the file.
expect_exit 1 "text" -- g --as-of 2026-03-02 review
expect_contains "$out" "requests (1 error, 0 warnings)" "text groups by area"
expect_contains "$out" "request REQ-2026-0001 (access) is overdue: it was due on 2026-02-12" "text names the request"
expect_exit 1 "md" -- g --as-of 2026-03-02 --format md review
expect_contains "$out" "| requests | 1 | 0 |" "md summary"
expect_exit 1 "html -o" -- g --as-of 2026-03-02 --format html review -o "$tmp/review.html"
[ -z "$out" ] && pass || fail "html -o printed to stdout"
html=$(cat "$tmp/review.html")
expect_contains "$html" "<svg" "html has the inline SVG timeline"
expect_contains "$html" "Purposes by lawful basis" "html has the basis chart"
[[ "$html" != *"src=\"http"* && "$html" != *"href=\"http"* && "$html" != *"<script"* ]] && pass || fail "html self-contained"
expect_exit 1 "md -o /dev/stdout" -- g --as-of 2026-03-02 --format md review -o /dev/stdout
expect_contains "$out" "| requests | 1 | 0 |" "-o /dev/stdout writes to standard output"

# A register with static findings: register and retention areas, HTML-escaped text.
expect_exit 1 "unexus" -- "$GDPRCTL" --workspace "$SOURCE_DIR/examples/unexus" --db "$tmp/none.db" --as-of 2026-12-01 --format json review
/usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
areas = {a["area"] for a in d["actions"]}
assert {"register", "retention", "reviews"} <= areas, areas
assert all(a["severity"] in ("error", "warning") for a in d["actions"])
' <<<"$out" && pass || fail "unexus areas"

# "Today" is the date in settings.timezone, as for the retention sweep and request list
# (workspace_today): at 2026-02-09T23:30Z it is already 10 February in Amsterdam, so crm's review is
# due today there, while a UTC workspace is still on the 9th. With and without a store.
AMS="$tmp/review-ams"
cp -r "$WS" "$AMS"
printf 'settings:\n  timezone: Europe/Amsterdam\n' >>"$AMS/gdpr.yaml"
as_of_and_reviews() { /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["as_of"], [a["rule"] + " " + a["ref"] for a in d["actions"] if a["area"] == "reviews"])'; }
for db in "$DB" "$tmp/none-ams.db"; do
  utc_exit=1  # R1 (due 2026-02-12) is due soon
  [ "$db" = "$DB" ] || utc_exit=0
  expect_exit 1 "23:30Z on 9 February in Amsterdam ($db)" -- \
    "$GDPRCTL" --workspace "$AMS" --db "$db" --as-of 2026-02-09T23:30Z --format json review
  [ "$(as_of_and_reviews <<<"$out")" = "2026-02-10 ['system-review-due crm']" ] \
    && pass || fail "Amsterdam at 23:30Z on the 9th is the 10th ($db): $out"
  expect_exit $utc_exit "the same instant in a UTC workspace ($db)" -- \
    "$GDPRCTL" --workspace "$WS" --db "$db" --as-of 2026-02-09T23:30Z --format json review
  [ "$(as_of_and_reviews <<<"$out")" = "2026-02-09 []" ] && pass || fail "UTC at 23:30Z is still the 9th ($db): $out"
done
[ ! -e "$tmp/none-ams.db" ] && pass || fail "review created a store"

# Usage errors: exit 2.
expect_exit 2 "bad format" -- g --as-of 2026-03-02 --format sarif review
expect_contains "$err" "use one of: text, json, md, html" "format hint"
expect_exit 2 "bad as-of" -- g --as-of 2026-02-30 review

finish
