#!/usr/bin/env bash
# End-to-end: requests as a DPO checks them (issue 11): time integrity of the audit trail, the
# workspace's "today", the built-in Dutch holidays, the extension and telling the subject,
# identity verification, Art. 12(4)/(5) outcomes, Art. 17(3)/19/20/21 tasks, erasing a subject
# with open requests. Every refusal is checked for its exit code and an unchanged store.
set -u
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}" "${TEST_DATA:?set TEST_DATA to tests/data}"
source "$(dirname "$0")/support.bash"
WS="$TEST_DATA/requests-law"
# Changes dated in 2026's past say so; the real clock is whatever it is when the suite runs.
BACKDATE="replaying the test history"

g() { "$GDPRCTL" --workspace "$WS" --db "$DB" --by tester "$@"; }

# refused NAME CODE ARGS...: exit CODE, a message on stderr, and the store byte-for-byte as before.
refused() {
  local name=$1 want=$2
  shift 2
  local before after
  before=$(dump "$DB")
  expect_exit "$want" "$name" -- g "$@"
  after=$(dump "$DB")
  if [ -n "$err" ]; then pass; else fail "$name: no message on stderr"; fi
  if [ "$before" == "$after" ]; then pass; else fail "$name: the store changed"; fi
}

# due_for RECEIVED: the due date `request open` gives with the built-in calendar.
due_for() {
  g --format json request open --type access --subject "D-$1" --received "$1" 2>"$tmp/due.err" | jpy "d['due']"
}

# ---- 3. built-in Dutch holidays (no settings.holidays) ------------------------------------------
DB=$(fresh_db)
expect_contains "$(due_for 2026-03-03)" 2026-04-07 "Good Friday 3 Apr then Easter Monday 6 Apr"
expect_contains "$(due_for 2026-03-06)" 2026-04-07 "Easter Monday 6 Apr 2026"
expect_contains "$(due_for 2025-03-26)" 2025-04-28 "King's Day on Saturday 26 Apr 2025 (27th a Sunday)"
expect_contains "$(due_for 2026-04-05)" 2026-05-06 "5 May 2026, not a lustrum year"
expect_contains "$(due_for 2026-04-14)" 2026-05-18 "Ascension 14 May 2026 and the equated Friday 15 May"
expect_contains "$(due_for 2026-04-25)" 2026-05-26 "Whit Monday 25 May 2026"
expect_contains "$(due_for 2025-12-01)" 2026-01-05 "New Year 2026 and the equated 2 January"
expect_contains "$(due_for 2021-11-25)" 2021-12-27 "Christmas on a weekend (2021) has no substitute day"
expect_contains "$(cat "$tmp/due.err")" "2023-2028" "a deadline in a year the decrees do not cover warns"
expect_contains "$(cat "$tmp/due.err")" "settings.holidays" "the warning says what to add"

# A country without a built-in calendar and no settings.holidays: computed, with a warning.
BE="$tmp/be"
cp -r "$WS" "$BE"
sed -i 's/country: NL/country: BE/' "$BE/gdpr.yaml"
expect_exit 0 "open in a country without a calendar" -- \
  "$GDPRCTL" --workspace "$BE" --db "$(fresh_db)" request open --type access --subject B-1 --received 2026-03-03
expect_contains "$err" "no public holidays are known" "warning for a country without a calendar"
expect_contains "$out" "due 2026-04-03" "weekends only without a calendar"

# request recompute after settings.holidays changes.
RC="$tmp/rc"
cp -r "$WS" "$RC"
DB=$(fresh_db)
expect_exit 0 "open before the calendar change" -- \
  "$GDPRCTL" --workspace "$RC" --db "$DB" request open --type access --subject R-1 --received 2026-05-16
expect_contains "$out" "due 2026-06-16" "due on Tuesday 16 June"
sed -i 's/^  system_review_interval: P1Y$/  system_review_interval: P1Y\n  holidays: [2026-06-16]/' "$RC/gdpr.yaml"
before=$(dump "$DB")
expect_exit 1 "recompute says what would change" -- "$GDPRCTL" --workspace "$RC" --db "$DB" request recompute
expect_contains "$out" "2026-06-16 -> 2026-06-17" "recompute names the new due date"
if [ "$before" == "$(dump "$DB")" ]; then pass; else fail "recompute without --apply changed the store"; fi
expect_exit 0 "recompute --apply" -- "$GDPRCTL" --workspace "$RC" --db "$DB" request recompute --apply
expect_exit 0 "audit log after recompute" -- "$GDPRCTL" --workspace "$RC" --db "$DB" audit log
expect_contains "$out" "request.recompute REQ-2026-0001 due=2026-06-17 was=2026-06-16" "recompute is audited"
expect_exit 0 "recompute again finds nothing" -- "$GDPRCTL" --workspace "$RC" --db "$DB" request recompute

# ---- 1. time integrity ------------------------------------------------------------------------
DB=$(fresh_db)
expect_exit 0 "open dated now" -- g request open --type erasure --subject T-1 --received 2026-03-10
refused "a change dated more than a day back without --backdate" 1 --as-of 2026-03-10 request open --type access --subject T-2
expect_contains "$err" "--backdate" "the refusal says how to backdate"
refused "a one-character backdate reason" 2 --as-of 2026-03-10 request open --type access --subject T-2 --backdate x
refused "a change dated in the future" 1 --as-of 2099-01-01 request open --type access --subject T-2
expect_exit 0 "an explicit backdate" -- g --as-of 2026-03-10 request open --type access --subject T-2 --received 2026-03-10 --backdate "$BACKDATE"
expect_exit 0 "audit log" -- g audit log
expect_contains "$out" "[BACKDATED, recorded" "audit log marks the backdated event"
expect_exit 0 "audit log json" -- g --format json audit log
expect_contains "$(jpy "[e['backdated'] for e in d]" <<<"$out")" "[False, True]" "json marks backdated events"
expect_contains "$(jpy "d[1]['backdate_reason'] + ' ' + str(d[1]['recorded_at'] > d[1]['at'])" <<<"$out")" \
  "$BACKDATE True" "the reason and both times are recorded"
refused "an extension dated before receipt" 1 --as-of 2026-03-05 request extend REQ-2026-0001 --reason "archives must be searched" --backdate "$BACKDATE"
expect_contains "$err" "before the request was received" "the extension refusal names the receipt"
refused "a task done before the request was opened" 1 --as-of 2026-03-09 request task REQ-2026-0002 crm --done --backdate "$BACKDATE"
refused "a close before the open" 1 --as-of 2026-03-09 request close REQ-2026-0002 --outcome refused --reason "identity was not shown" --told-remedies --backdate "$BACKDATE"
expect_contains "$err" "before its opening" "the close refusal names the opening"
# The extension refused on 1 March does not go through by re-running it with an earlier --as-of.
DB=$(fresh_db)
expect_exit 0 "open received 31 January" -- g --as-of 2026-01-31 request open --type access --subject T-3 --backdate "$BACKDATE"
refused "a late extension" 1 --as-of 2026-03-03 request extend REQ-2026-0001 --reason "archives must be searched" --backdate "$BACKDATE"
expect_exit 0 "a later event" -- g --as-of 2026-03-04 request verify REQ-2026-0001 --asked-on 2026-02-02 --backdate "$BACKDATE"
refused "re-dating the late extension before the newest event" 1 --as-of 2026-02-10 request extend REQ-2026-0001 --reason "archives must be searched"
expect_contains "$err" "before the newest audit event" "names the newest event"
expect_exit 0 "audit verify on an honest trail" -- g audit verify

# Recorded (real) time going backwards: a clock set back between two writes.
if command -v faketime >/dev/null; then
  DB=$(fresh_db)
  # faketime preloads its library; an ASan build (the asan preset) must be told to accept that.
  expect_exit 0 "write with a clock in the future" -- env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
    faketime '2099-01-01 00:00:00' "$GDPRCTL" --workspace "$WS" --db "$DB" --by tester request open --type access --subject F-1
  expect_exit 0 "write with the real clock" -- g request open --type access --subject F-2 --backdate "the first laptop's clock was wrong"
  expect_exit 1 "audit verify reports time going backwards" -- g audit verify
  expect_contains "$out" "recorded time goes backwards" "verify names the problem"
  expect_exit 1 "audit verify json" -- g --format json audit verify
  expect_contains "$(jpy "len(d['time_problems'])" <<<"$out")" "1" "json lists the time problem"
else
  fail "faketime is not installed (scripts/install-deps.sh installs it)"
fi

# --as-of on reads stays as it was.
DB=$(fresh_db)
expect_exit 0 "open" -- g request open --type access --subject A-1 --received 2026-01-16
expect_exit 0 "list as of a past date" -- g --as-of 2026-02-16 --format json request list --overdue
expect_contains "$(jpy "len(d)" <<<"$out")" "0" "not overdue on its due date"
expect_exit 0 "list as of the next day" -- g --as-of 2026-02-17 --format json request list --overdue
expect_contains "$(jpy "len(d)" <<<"$out")" "1" "overdue the day after"

# ---- 2. "today" in settings.timezone ---------------------------------------------------------------
AMS="$tmp/ams"
cp -r "$WS" "$AMS"
sed -i 's/^settings:$/settings:\n  timezone: Europe\/Amsterdam/' "$AMS/gdpr.yaml"
expect_exit 0 "00:30 in Amsterdam on 17 February: overdue" -- \
  "$GDPRCTL" --workspace "$AMS" --db "$DB" --as-of 2026-02-17T00:30+01:00 --format json request list --overdue
expect_contains "$(jpy "[r['id'] for r in d]" <<<"$out")" "REQ-2026-0001" "due on the 16th, overdue at 00:30 local"
expect_exit 0 "the same instant in a UTC workspace" -- g --as-of 2026-02-17T00:30+01:00 --format json request list --overdue
expect_contains "$(jpy "len(d)" <<<"$out")" "0" "in UTC it is still the 16th"
expect_exit 0 "a receipt at 00:30 on 1 March in Amsterdam" -- \
  "$GDPRCTL" --workspace "$AMS" --db "$DB" --as-of 2026-03-01T00:30+01:00 --format json request open --type access --subject A-2 --backdate "$BACKDATE"
expect_contains "$(jpy "d['received']" <<<"$out")" "2026-03-01" "dated 1 March, not 28 February"

# ---- 4. the extension and telling the subject ---------------------------------------------------
DB=$(fresh_db)
expect_exit 0 "open received 31 January" -- g --as-of 2026-01-31 request open --type access --subject E-1 --backdate "$BACKDATE"
refused "--informed-on without --via" 2 --as-of 2026-02-11 request extend REQ-2026-0001 --reason "archives must be searched" --informed-on 2026-02-11 --backdate "$BACKDATE"
refused "a one-character extension reason" 2 --as-of 2026-02-11 request extend REQ-2026-0001 --reason x --backdate "$BACKDATE"
refused "informed before the extension" 1 --as-of 2026-02-11 request extend REQ-2026-0001 --reason "archives must be searched" --informed-on 2026-02-10 --via e-mail --backdate "$BACKDATE"
refused "inform without an extension" 1 --as-of 2026-02-11 request inform REQ-2026-0001 --on 2026-02-11 --via e-mail --backdate "$BACKDATE"
expect_exit 0 "extend without telling yet" -- g --as-of 2026-02-11 request extend REQ-2026-0001 --reason "archives must be searched" --backdate "$BACKDATE"
expect_contains "$out" "now due 2026-04-28" "received 31 January: the earlier reading, 28 April"
expect_contains "$out" "request inform" "the extension says how to record telling the subject"
expect_exit 0 "list within the month" -- g --as-of 2026-02-20 --format json request list
expect_contains "$(jpy "d[0]['extension_problem']" <<<"$out")" "None" "no problem within the month"
expect_exit 0 "list after the month" -- g --as-of 2026-03-03 request list
expect_contains "$out" "EXTENSION NOT TOLD" "request list reports the untold extension"
refused "informing before the extension was decided" 1 --as-of 2026-03-04 request inform REQ-2026-0001 --on 2026-02-10 --via letter --backdate "$BACKDATE"
expect_exit 0 "inform late" -- g --as-of 2026-03-04 request inform REQ-2026-0001 --on 2026-03-04 --via letter --backdate "$BACKDATE"
expect_exit 0 "list after a late inform" -- g --as-of 2026-03-05 --format json request list
expect_contains "$(jpy "d[0]['extension_problem']" <<<"$out")" "after the first month ended on 2026-03-02" "told too late is reported"
refused "informing twice" 1 --as-of 2026-03-05 request inform REQ-2026-0001 --on 2026-03-05 --via letter --backdate "$BACKDATE"
expect_exit 0 "extend with informing in one go" -- g --as-of 2026-02-02 request open --type access --subject E-2 --received 2026-02-02 --backdate "$BACKDATE"
expect_exit 0 "extend --informed-on --via" -- g --as-of 2026-03-01 request extend REQ-2026-0002 --reason "many systems to search" --informed-on 2026-03-01 --via e-mail --backdate "$BACKDATE"
expect_contains "$out" "subject informed 2026-03-01 via e-mail" "extension records when and how"

# ---- 5. identity verification -----------------------------------------------------------------------
DB=$(fresh_db)
expect_exit 0 "open" -- g --as-of 2026-02-01 request open --type access --subject V-1 --received 2026-02-01 --backdate "$BACKDATE"
refused "verify without a date" 2 --as-of 2026-02-01 request verify REQ-2026-0001 --backdate "$BACKDATE"
refused "asked before receipt" 1 --as-of 2026-02-03 request verify REQ-2026-0001 --asked-on 2026-01-30 --backdate "$BACKDATE"
expect_exit 0 "asked" -- g --as-of 2026-02-03 request verify REQ-2026-0001 --asked-on 2026-02-02 --backdate "$BACKDATE"
refused "verified before asked" 1 --as-of 2026-02-09 request verify REQ-2026-0001 --verified-on 2026-02-01 --backdate "$BACKDATE"
refused "verified in the future" 1 --as-of 2026-02-09 request verify REQ-2026-0001 --verified-on 2026-02-10 --backdate "$BACKDATE"
expect_exit 0 "verified" -- g --as-of 2026-02-09 request verify REQ-2026-0001 --verified-on 2026-02-09 --backdate "$BACKDATE"
expect_contains "$out" "(7 day(s)); still due 2026-03-02" "the clock keeps running from receipt"
expect_exit 0 "show" -- g --as-of 2026-02-09 request show REQ-2026-0001
expect_contains "$out" "identity: asked 2026-02-02, verified 2026-02-09 (7 day(s)" "show says how long verification took"

# ---- 6. closing outcomes ----------------------------------------------------------------------------
DB=$(fresh_db)
for s in O-1 O-2 O-3 O-4; do g request open --type access --subject "$s" >/dev/null 2>&1; done
refused "a refusal without reasons" 2 request close REQ-2026-0001 --outcome refused --told-remedies
refused "a one-character reason" 2 request close REQ-2026-0001 --outcome refused --reason x --told-remedies
refused "a refusal without telling the remedies" 2 request close REQ-2026-0001 --outcome refused --reason "identity could not be verified"
expect_contains "$err" "Art. 77" "the refusal cites Art. 77"
refused "a fee on a fulfilled request" 2 request close REQ-2026-0001 --outcome fulfilled --fee "EUR 10"
refused "an unknown outcome" 2 request close REQ-2026-0001 --outcome unfounded
refused "fulfilled with tasks open" 1 request close REQ-2026-0001 --outcome fulfilled
expect_exit 0 "refused with reasons and remedies" -- g --format json request close REQ-2026-0001 --outcome refused --reason "identity could not be verified" --told-remedies
expect_contains "$(jpy "(d['outcome'], d['remedies_told'])" <<<"$out")" "('refused', True)" "refusal recorded with remedies"
expect_exit 0 "manifestly unfounded" -- g --format json request close REQ-2026-0002 --outcome manifestly-unfounded --reason "the sender is not a customer and asks about others" --told-remedies
expect_contains "$(jpy "d['outcome']" <<<"$out")" "manifestly-unfounded" "Art. 12(5) outcome of its own"
expect_exit 0 "excessive with a fee" -- g --format json request close REQ-2026-0003 --outcome excessive --reason "the fifth identical request this month" --fee "EUR 25" --told-remedies
expect_contains "$(jpy "(d['outcome'], d['fee'])" <<<"$out")" "('excessive', 'EUR 25')" "fee recorded"
expect_exit 0 "show the excessive request" -- g request show REQ-2026-0003
expect_contains "$out" "fee:      EUR 25 (Art. 12(5)(a))" "show gives the fee"
expect_contains "$out" "(Art. 77) and to a judicial remedy (Art. 79)" "show says the remedies were told"

# ---- 7, 8. what each right asks of each system -------------------------------------------------------
DB=$(fresh_db)
expect_exit 0 "erasure" -- g --format json request open --type erasure --subject K-1
expect_contains "$(jpy "sorted((t['target'], t['resolution']) for t in d['tasks'] if t['kind'] == 'system')" <<<"$out")" \
  "[('analytics', 'act'), ('billing', 'restrict'), ('contracts', 'restrict'), ('crm', 'act'), ('newsletter', 'act')]" \
  "erasure restricts where the law keeps the data"
expect_contains "$(jpy "[t['grounds'] for t in d['tasks'] if t['target'] == 'billing'][0]" <<<"$out")" \
  "Art. 17(3)(b): purpose invoicing is a legal obligation (Algemene wet inzake rijksbelastingen art. 52); restrict processing until the end of its retention period (P7Y after end-of-year)" \
  "the restrict task cites the law and the retention end"
expect_contains "$(jpy "[t['grounds'] for t in d['tasks'] if t['target'] == 'contracts'][0]" <<<"$out")" \
  "Art. 17(3)(e)" "a retention reason about legal claims cites (e)"
expect_contains "$(jpy "[t['target'] for t in d['tasks'] if t['kind'] == 'notify']" <<<"$out")" "['mailer-co']" \
  "no Art. 19 notice to the authority (Art. 4(9))"
expect_exit 0 "portability" -- g --format json request open --type portability --subject K-2
expect_contains "$(jpy "sorted(t['target'] for t in d['tasks'] if t['resolution'] == 'not-applicable')" <<<"$out")" \
  "['analytics', 'billing']" "portability only for consent and contract"
expect_contains "$(jpy "[t['grounds'] for t in d['tasks'] if t['target'] == 'analytics'][0]" <<<"$out")" \
  "Art. 20(1): portability covers processing based on consent or contract; this system's rests on product-improvement (legitimate-interests" \
  "the not-applicable task names the basis"
expect_exit 0 "objection" -- g --format json request open --type objection --subject K-3
expect_contains "$(jpy "sorted(t['target'] for t in d['tasks'] if t['resolution'] == 'act')" <<<"$out")" \
  "['analytics', 'newsletter']" "objection for legitimate interests and direct marketing"
refused "a not-applicable task cannot be done" 1 request task REQ-2026-0003 crm --done
expect_contains "$err" "not applicable" "the refusal says why"
for t in analytics newsletter; do g request task REQ-2026-0003 "$t" --done >/dev/null 2>&1; done
expect_exit 0 "fulfilled with only not-applicable tasks left" -- g request close REQ-2026-0003 --outcome fulfilled

# ---- 9. erasing a subject with open requests ---------------------------------------------------------
refused "erase with open requests" 1 subject erase K-1
expect_contains "$err" "REQ-2026-0001" "the refusal names the open request"
refused "--force without a reason" 2 subject erase K-1 --force
refused "--reason without --force" 2 subject erase K-1 --reason "account closed at the subject's request"
expect_exit 0 "forced erasure" -- g subject erase K-1 --force --reason "account closed at the subject's request"
expect_exit 0 "audit log" -- g audit log
expect_contains "$out" "subject.erase.forced REQ-2026-0001" "the forced erasure is audited"
expect_exit 0 "erase a subject with every request closed" -- g subject erase K-3
expect_exit 0 "chain intact" -- g audit verify

finish
