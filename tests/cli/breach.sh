#!/usr/bin/env bash
# End-to-end: the breach register. Each path of Art. 33/34 (no risk; risk notified on time; risk
# notified late with a reason; high risk with the people informed; high risk with an exemption),
# the 72-hour clock across daylight-saving changes, and refusals that leave the database unchanged.
set -u
GDPRCTL=${GDPRCTL:?set GDPRCTL to the gdprctl binary}
TEST_DATA=${TEST_DATA:?set TEST_DATA to tests/data}
source "$(dirname "$0")/support.bash"
WS="$TEST_DATA/ledger"  # settings.timezone: Europe/Amsterdam
# Changes are dated by the real clock (the audit trail refuses an unexplained backdate); the facts
# carry their own times (--aware-at, --at). Reads that need a "now" near the facts pass --as-of.
NOW=2026-11-20T12:00:00Z
BACKDATE="filed on the AP portal on time; recorded afterwards"

run() {  # run EXPECTED_RC DB ARGS...
  local want=$1 db=$2
  shift 2
  expect_exit "$want" "gdprctl $*" -- "$GDPRCTL" --workspace "$WS" --db "$db" --by tester "$@"
}
run_at() {  # run_at AS_OF EXPECTED_RC DB ARGS...
  local as_of=$1 want=$2 db=$3
  shift 3
  expect_exit "$want" "gdprctl $*" -- "$GDPRCTL" --workspace "$WS" --db "$db" --by tester --as-of "$as_of" "$@"
}
open_breach() {  # open_breach DB AWARE: sets $id and $deadline
  run 0 "$1" breach open --summary "test breach" --aware-at "$2" --format json
  id=$(jpy 'd["id"]' <<<"$out")
  deadline=$(jpy 'd["deadline"]' <<<"$out")
}

# ---- the 72-hour clock across daylight-saving changes (Europe/Amsterdam) -----------------------
DB=$(fresh_db)
deadline_of() {  # deadline_of AWARE EXPECTED_AWARE EXPECTED_DEADLINE NAME
  open_breach "$DB" "$1"
  check "$4: aware_at" test "$(jpy 'd["aware_at"]' <<<"$out")" == "$2"
  check "$4: deadline $3, got $deadline" test "$deadline" == "$3"
}
deadline_of 2026-03-28T12:00 2026-03-28T11:00:00Z 2026-03-31T11:00:00Z "spring, local time (CET, deadline in CEST)"
deadline_of 2026-03-29T01:30 2026-03-29T00:30:00Z 2026-04-01T00:30:00Z "just before the spring change, local"
deadline_of 2026-03-29T01:30+01:00 2026-03-29T00:30:00Z 2026-04-01T00:30:00Z "just before the spring change, offset"
deadline_of 2026-03-29T03:00 2026-03-29T01:00:00Z 2026-04-01T01:00:00Z "just after the spring change, local"
deadline_of 2026-10-24T12:00 2026-10-24T10:00:00Z 2026-10-27T10:00:00Z "autumn, local time (CEST, deadline in CET)"
deadline_of 2026-10-25T01:30 2026-10-24T23:30:00Z 2026-10-27T23:30:00Z "just before the autumn change, local"
deadline_of 2026-10-25T01:30+02:00 2026-10-24T23:30:00Z 2026-10-27T23:30:00Z "just before the autumn change, offset"
deadline_of 2026-10-25T02:30 2026-10-25T00:30:00Z 2026-10-28T00:30:00Z "in the autumn overlap: the earlier instant"
deadline_of 2026-03-28T12:00-04:00 2026-03-28T16:00:00Z 2026-03-31T16:00:00Z "an offset other than the workspace's"
deadline_of 2026-03-28T12:00Z 2026-03-28T12:00:00Z 2026-03-31T12:00:00Z "UTC"
unchanged_after "awareness in the spring gap" 2 "$DB" breach open --summary x --aware-at 2026-03-29T02:30
check "gap: says the time does not exist" grep -q "does not exist in Europe/Amsterdam" <<<"$err"
unchanged_after "awareness in the future" 2 "$DB" breach open --summary x --aware-at "$(date -u -d '+2 days' +%FT%TZ)"
unchanged_after "opened with a past date without --backdate" 1 "$DB" breach open --summary x --aware-at 2026-03-01T00:00Z \
  --as-of 2026-03-02
unchanged_after "occurred after awareness" 2 "$DB" breach open --summary x --aware-at 2026-03-01T00:00Z --occurred-at 2026-03-02T00:00Z
unchanged_after "unknown nature" 2 "$DB" breach open --summary x --aware-at 2026-03-01T00:00Z --nature confidentality
check "nature: did you mean" grep -q "did you mean \`confidentiality\`" <<<"$err"
unchanged_after "unknown system" 2 "$DB" breach open --summary x --aware-at 2026-03-01T00:00Z --systems crn
run 0 "$DB" breach open --summary "text output" --aware-at 2026-03-28T12:00
check "open: prints the deadline in UTC" grep -q "by 2026-03-31T11:00:00Z" <<<"$out"

# ---- path 1: no risk --------------------------------------------------------------------------
DB=$(fresh_db)
open_breach "$DB" 2026-11-02T09:00Z
unchanged_after "closing before the assessment" 1 "$DB" breach close "$id"
check "close: names the missing assessment" grep -q "risk assessment" <<<"$err"
run 0 "$DB" breach assess "$id" --risk none --consequences "none: the e-mail was recalled unread" --measures "recall; training"
check "assess none: decision documented" grep -q "Art. 33(5)" <<<"$out"
run 0 "$DB" breach close "$id"
run 0 "$DB" breach list --late
check "no risk is never late" grep -q "no breaches match" <<<"$out"

# ---- path 2: risk, notified on time ---------------------------------------------------------------
DB=$(fresh_db)
open_breach "$DB" 2026-11-16T10:00Z
run 0 "$DB" breach assess "$id" --risk risk --consequences "phishing risk" --measures "passwords reset"
unchanged_after "assessment dated before awareness" 1 "$DB" breach assess "$id" --risk none --consequences c --measures m \
  --as-of 2026-11-15T00:00Z --backdate "$BACKDATE"
check "assessment before awareness: says so" grep -q "before the organisation became aware" <<<"$err"
unchanged_after "closing with the authority notification missing" 1 "$DB" breach close "$id"
check "close: names the missing notification" grep -q "supervisory authority" <<<"$err"
unchanged_after "filed on time, recorded after the deadline, no --backdate" 1 "$DB" breach notify "$id" --authority \
  --at 2026-11-18T09:00Z --reference AP-2026-1
check "recorded late: says so against the real time" grep -q "but recorded .* after it" <<<"$err"
run 0 "$DB" breach notify "$id" --authority --at 2026-11-18T09:00Z --reference AP-2026-1 --backdate "$BACKDATE"
run 0 "$DB" breach notify "$id" --authority --at 2026-11-19T09:00Z --phase final --reference AP-2026-1
unchanged_after "a second initial notification" 1 "$DB" breach notify "$id" --authority --phase initial
run 0 "$DB" breach show "$id"
check "show: notified before the deadline" grep -q "before the deadline" <<<"$out"
check "show: recorded after the deadline, with the reason" grep -q "after the deadline: filed on the AP portal" <<<"$out"
check "show: both filings in the timeline" test "$(grep -c 'authority notification' <<<"$out")" == 2
run 0 "$DB" breach close "$id"

# ---- path 2b: risk, notified on time and recorded at once (the real clock) ---------------------
DB=$(fresh_db)
open_breach "$DB" "$(date -u -d '-2 hours' +%FT%TZ)"
run 0 "$DB" breach assess "$id" --risk risk --consequences "phishing risk" --measures "passwords reset"
run 0 "$DB" breach notify "$id" --authority --reference AP-2026-3
check "notified now: no reason asked" test -z "$err"
run 0 "$DB" breach show "$id" --format json
check "notified now: not late" test "$(jpy 'd["late"]' <<<"$out")" == False
run 0 "$DB" breach close "$id"

# ---- path 3: risk, notified late with a reason --------------------------------------------------
DB=$(fresh_db)
open_breach "$DB" 2026-11-10T08:00Z
run 0 "$DB" breach assess "$id" --risk risk --consequences "identity fraud" --measures "monitoring"
run 0 "$DB" breach list --late --format json
check "late before notifying" test "$(jpy 'len(d)' <<<"$out")" == 1
unchanged_after "a late notification without a reason" 1 "$DB" breach notify "$id" --authority --at 2026-11-14T08:00Z
check "late: hours after the deadline" grep -q "24.0 h after the 72-hour deadline" <<<"$err"
run 0 "$DB" breach notify "$id" --authority --at 2026-11-14T08:00Z --delay-reason "the processor told us only on day 3"
run 0 "$DB" breach list --late
check "still listed as late" grep -q "$id" <<<"$out"
run 0 "$DB" breach report "$id" --format json
check "report: the delay reason in the timeline" \
  test "$(jpy '[i["text"] for i in d["items"] if i["title"]=="Timeline"][0]' <<<"$out" | grep -c 'processor told us')" == 1
run 0 "$DB" breach close "$id"

# ---- path 4: high risk, the people informed ---------------------------------------------------
DB=$(fresh_db)
run 0 "$DB" breach open --summary "customer database copied" --aware-at 2026-11-19T08:00 --occurred-at 2026-11-18T22:00 \
  --nature confidentiality --data contact.email,identity.name --systems crm --subjects-approx 1200 --records-approx 5000 --format json
id=$(jpy 'd["id"]' <<<"$out")
run_at "$NOW" 0 "$DB" breach list --open --due-within 24h --format json
check "due within 24h: not yet" test "$(jpy 'len(d)' <<<"$out")" == 0
run_at "$NOW" 0 "$DB" breach list --open --due-within 48h --format json
check "due within 48h: listed" test "$(jpy 'len(d)' <<<"$out")" == 1
run 0 "$DB" breach report "$id" --format md
check "report: missing consequences flagged" grep -q "MISSING" <<<"$out"
check "report: contact person from gdpr.yaml" grep -q "iso@example.test" <<<"$out"
run 0 "$DB" breach assess "$id" --risk high --consequences "phishing and fraud" --measures "passwords reset; customers warned"
check "assess high: inform the people" grep -q "Art. 34(1)" <<<"$out"
run 0 "$DB" breach notify "$id" --authority --reference AP-2026-2 --at "$NOW" --backdate "$BACKDATE"
unchanged_after "closing with the people not informed" 1 "$DB" breach close "$id"
check "close: names informing the people" grep -q "people affected" <<<"$err"
run 0 "$DB" breach notify "$id" --subjects --reference "mailing 2026-11-20"
run 0 "$DB" breach report "$id" --format md
for heading in "Contact person" "Timeline" "Nature of the breach" "Personal data concerned" "People affected" \
  "Records affected" "Prior protection" "Likely consequences" "Measures taken" "Informing the people affected"; do
  check "report has: $heading" grep -q "## $heading" <<<"$out"
done
check "report: nothing missing" grep -q "^0 item(s) missing" <<<"$out"
run 0 "$DB" breach close "$id"
unchanged_after "notifying a closed breach" 1 "$DB" breach notify "$id" --authority --phase additional

# ---- path 5: high risk with an Art. 34(3) exemption -----------------------------------------------
DB=$(fresh_db)
open_breach "$DB" 2026-11-19T08:00Z
unchanged_after "exemption without high risk" 2 "$DB" breach assess "$id" --risk risk --consequences c --measures m --exemption encrypted
run 0 "$DB" breach assess "$id" --risk high --consequences "none readable" --measures "keys rotated" --exemption encrypted
run 0 "$DB" breach notify "$id" --authority --at "$NOW" --backdate "$BACKDATE"
run 0 "$DB" breach close "$id"
open_breach "$DB" 2026-11-19T09:00Z
run 0 "$DB" breach assess "$id" --risk high --consequences c --measures m --exemption disproportionate
run 0 "$DB" breach notify "$id" --authority --at "$NOW" --backdate "$BACKDATE"
unchanged_after "disproportionate without a public communication" 1 "$DB" breach close "$id"
check "close: names the public communication" grep -q "public communication" <<<"$err"
run 0 "$DB" breach notify "$id" --public --reference "website notice"
run 0 "$DB" breach close "$id"

# ---- hours left, and the audit trail ------------------------------------------------------------
DB=$(fresh_db)
open_breach "$DB" 2026-03-28T12:00
run_at 2026-03-30T11:00Z 0 "$DB" breach show "$id"
check "show: 24 hours left" grep -q "24.0 h left" <<<"$out"
run_at 2026-04-01T11:00Z 0 "$DB" breach show "$id"
check "show: 24 hours late" grep -q "24.0 h late" <<<"$out"
run 0 "$DB" audit log --format json
check "audit: names the breach" grep -q "$id" <<<"$out"
unchanged_after "unknown breach" 2 "$DB" breach assess BR-2026-9999 --risk none --consequences c --measures m

finish
