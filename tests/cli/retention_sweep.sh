#!/usr/bin/env bash
# End-to-end: `gdprctl retention sweep` deletes closed requests, withdrawn consents and closed
# breaches past settings.store_retention with what hangs on them, keeps the rest, records counts
# (never identifiers) in the audit trail, leaves no byte of what it deleted in the database files,
# and changes nothing with --dry-run. The real run is dated today, so the fixtures are dated far
# enough back to be deterministic; the boundaries are looked at with dry runs and --as-of. Runs on
# both backends (STORE_BACKEND, support.bash): on PostgreSQL "the database files" are the files of
# the store's database in the cluster's data directory, read after a CHECKPOINT.
set -u
: "${GDPRCTL:?path to the gdprctl binary}" "${TEST_DATA:?}"
source "$(dirname "$0")/support.bash"
cp -r "$TEST_DATA/review" "$tmp/ws"
WS="$tmp/ws"
DB=$(fresh_db)
# (No process substitution on stderr: expect_exit reads the captured stderr as soon as the command
# exits, and an asynchronous filter may not have written it yet.)
g() { "$GDPRCTL" --workspace "$WS" --db "$DB" --by tester "$@"; }
# Fixtures dated before the built-in holiday calendar's years warn about it: not of interest here.
fixture() { g --as-of "$1" "${@:2}" --backdate "test fixture" 2>&1 >/dev/null | grep -v "calendar knows the days" >&2; }
# The bytes of the store (support.bash's store_files: the SQLite file and its write-ahead log; the
# files of the PostgreSQL database).
store_bytes() { store_files "$DB" | xargs -r -d '\n' cat; }
has_bytes() { store_bytes | grep -c -a -- "$1"; }
# The store's state, to show that a command changed nothing: its bytes on SQLite; its rows on
# PostgreSQL, whose files change under any reader (hint bits, the statistics collector).
if on_postgresql; then state() { dump "$DB" | sha256sum; }; else state() { store_bytes | sha256sum; }; fi
no_purge_pending() { on_postgresql || [ ! -e "$DB-purge-pending" ]; }
sweep_counts() { /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
a = d["areas"][0]
print(a["area"], a["period"], a["through"], a.get("deleted", a.get("would_delete")), a["tasks"])'; }

# OLD: closed 2020-02-03, past P5Y since 2025-02-04: deleted. KEPT: closed 2022-06-01, kept until
# the end of 2027-06-01. OPEN: received in 2019 but open: never deleted by retention.
fixture 2020-01-06 request open --type access --subject C-OLD-MARKER --received 2020-01-06 \
    --note MARKER-OLD-NOTE --channel MARKER-OLD-CHANNEL
fixture 2020-01-20 request task REQ-2020-0001 crm --done --note MARKER-OLD-TASK
fixture 2020-02-03 request close REQ-2020-0001 --outcome refused --told-remedies \
    --reason "identity could not be verified MARKER-OLD-REASON"
fixture 2022-05-02 request open --type erasure --subject C-KEPT-MARKER --received 2022-05-02 --note MARKER-KEPT-NOTE
fixture 2022-06-01 request close REQ-2022-0001 --outcome refused --told-remedies \
    --reason "identity could not be verified"
fixture 2019-03-04 request open --type access --subject C-OPEN-MARKER --received 2019-03-04
[ "$(has_bytes MARKER-OLD-NOTE)" -ge 1 ] && pass || fail "the marker is in the store before the sweep (control)"

# Dry runs: counts, boundaries by --as-of, and nothing changed.
before=$(state)
before_dump=$(dump "$DB")
expect_exit 0 "dry run today" -- g --format json retention sweep --dry-run
today=$(date -u +%F)
through=$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["areas"][0]["through"])' <<<"$out")
[ "$(sweep_counts <<<"$out")" == "requests P5Y $through 1 2" ] && pass || fail "dry run today: $out"
expect_exit 0 "dry run on KEPT's last day" -- g --as-of 2027-06-01 --format json retention sweep --dry-run
[ "$(sweep_counts <<<"$out")" == "requests P5Y 2022-05-31 1 2" ] && pass || fail "2027-06-01: $out"
expect_exit 0 "dry run the day after" -- g --as-of 2027-06-02 --format json retention sweep --dry-run
[ "$(sweep_counts <<<"$out")" == "requests P5Y 2022-06-01 2 4" ] && pass || fail "2027-06-02: $out"
expect_exit 0 "dry run text" -- g retention sweep --dry-run
expect_contains "$out" "would delete 1 closed request (2 tasks) closed on or before $through" "dry-run text"
expect_contains "$out" "kept P5Y from closing (the default" "says the period is the default"
[ "$(state)" == "$before" ] && pass || fail "a dry run changed the store's bytes"
[ "$(dump "$DB")" == "$before_dump" ] && pass || fail "a dry run changed the store's dump"
expect_exit 0 "audit log after dry runs" -- g audit log
[[ "$out" != *"retention.sweep"* ]] && pass || fail "a dry run wrote to the audit trail"
none=$(fresh_db)
expect_exit 2 "dry run without a store" -- "$GDPRCTL" --workspace "$WS" --db "$none" retention sweep --dry-run
if on_postgresql; then
  [ "$(store_sql "$none" "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")" == 0 ]
else
  [ ! -e "$none" ]
fi && pass || fail "a dry run created a store"

# The review lists what the sweep would delete.
expect_exit 1 "review" -- g --format json review
/usr/bin/python3 -c '
import json, sys
acts = [a for a in json.load(sys.stdin)["actions"] if a["rule"] == "store-retention-due"]
assert len(acts) == 1 and acts[0]["area"] == "retention" and acts[0]["article"].startswith("GDPR Art. 5(1)(e)"), acts
assert acts[0]["what"].startswith("1 closed request (2 tasks) closed on or before "), acts
assert "is past its retention in the operational store (P5Y from closing" in acts[0]["what"], acts
' <<<"$out" && pass || fail "review lists the store's expired records: $out"

# The sweep: OLD and its task are gone, KEPT and OPEN stay, the counts are in the trail.
expect_exit 0 "sweep" -- g --format json retention sweep
[ "$(sweep_counts <<<"$out")" == "requests P5Y $through 1 2" ] && pass || fail "sweep: $out"
expect_exit 2 "OLD is gone" -- g request show REQ-2020-0001
expect_exit 0 "KEPT stays" -- g request show REQ-2022-0001
expect_exit 0 "OPEN stays" -- g request show REQ-2019-0001
expect_exit 0 "audit log" -- g audit log
sweep_line=$(grep "retention.sweep" <<<"$out")
expect_contains "$sweep_line" "retention.sweep store requests_deleted=1 request_tasks_deleted=2 requests_period=P5Y" \
    "the trail records the counts"
[[ "$sweep_line" != *REQ-* && "$sweep_line" != *MARKER* ]] && pass || fail "the sweep event names records: $sweep_line"
expect_exit 0 "audit verify after the sweep" -- g audit verify
expect_contains "$out" "every link verified" "the deletion is accounted for"

# Irrecoverable: no byte of the deleted request, its task note or its subject is left in the
# database files; the kept ones are still there (the grep can find them).
for marker in MARKER-OLD-NOTE MARKER-OLD-CHANNEL MARKER-OLD-TASK MARKER-OLD-REASON C-OLD-MARKER; do
  [ "$(has_bytes "$marker")" -eq 0 ] && pass || fail "$marker is still in the database files"
done
[ "$(has_bytes MARKER-KEPT-NOTE)" -ge 1 ] && [ "$(has_bytes C-OPEN-MARKER)" -ge 1 ] && pass \
    || fail "the kept requests' bytes are missing"
no_purge_pending && pass || fail "a purge is still pending"

# A deleted request's number is never given again.
fixture 2020-03-02 request open --type access --subject C-NEW --received 2020-03-02
expect_exit 0 "list" -- g --format json request list
[[ "$out" == *REQ-2020-0002* && "$out" != *REQ-2020-0001* ]] && pass || fail "REQ-2020-0001 was reused: $out"
expect_exit 0 "verify after a new request" -- g audit verify

# Nothing due: the run is still recorded, with zero counts.
expect_exit 0 "sweep again" -- g retention sweep
expect_contains "$out" "deleted 0 closed requests (0 tasks)" "zero counts"
expect_exit 0 "audit log again" -- g audit log
[ "$(grep -c "retention.sweep store requests_deleted=0" <<<"$out")" -eq 1 ] && pass || fail "second sweep not recorded"

# settings.store_retention: a period of the workspace's own, and a malformed one refused.
printf 'settings:\n  store_retention:\n    requests: P1Y\n' >>"$WS/gdpr.yaml"
expect_exit 0 "P1Y dry run" -- g --as-of 2027-06-02 --format json retention sweep --dry-run
[ "$(sweep_counts <<<"$out")" == "requests P1Y 2026-06-01 1 2" ] && pass || fail "P1Y: $out"
[[ "$out" == *'"default_period": false'* ]] && pass || fail "P1Y is not the default: $out"
sed -i 's/requests: P1Y/requests: 5 years/' "$WS/gdpr.yaml"
line=$(grep -n 'requests: 5 years' "$WS/gdpr.yaml" | cut -d: -f1)
before=$(state)
expect_exit 2 "malformed period" -- g retention sweep
expect_contains "$err" "gdpr.yaml:$line:15: settings.store_retention: \`requests\` is not an ISO 8601 duration" \
    "names the malformed period where it is"
expect_contains "$err" "nothing was deleted" "says nothing was deleted"
[ "$(state)" == "$before" ] && pass || fail "a refused sweep changed the store"
expect_exit 2 "malformed period, dry run" -- g retention sweep --dry-run
expect_exit 1 "check reports it" -- "$GDPRCTL" --workspace "$WS" check --fail-on error
expect_contains "$out" "invalid-duration" "check names the malformed period"
sed -i 's/requests: 5 years/requests: P0D/' "$WS/gdpr.yaml"
expect_exit 2 "a zero period" -- g retention sweep
expect_contains "$err" "gdpr.yaml:$line:15: settings.store_retention: \`store_retention.requests\` must be longer than zero" \
    "refuses a zero period where it is"
sed -i 's/requests: P0D/request: P1Y/' "$WS/gdpr.yaml"
expect_exit 2 "unknown key" -- g retention sweep
expect_contains "$err" "gdpr.yaml:$line:5: settings.store_retention: unknown" "names the unknown key where it is"
sed -i 's/request: P1Y/breaches: [P1Y]/' "$WS/gdpr.yaml"
expect_exit 2 "a list for a period" -- g retention sweep
expect_contains "$err" "gdpr.yaml:$line:" "names the list where it is"
[ "$(state)" == "$before" ] && pass || fail "the refused sweeps changed the store"
expect_exit 2 "bad format" -- g --format csv retention sweep --dry-run
sed -i '/store_retention:/,$d' "$WS/gdpr.yaml"

# A request deleted outside gdprctl is still caught by audit verify.
store_sql "$DB" "DELETE FROM tasks WHERE request_id = 'REQ-2022-0001'; DELETE FROM requests WHERE id = 'REQ-2022-0001'"
expect_exit 1 "verify after a deletion outside gdprctl" -- g audit verify
expect_contains "$out$err" "REQ-2022-0001" "names the request deleted outside gdprctl"

# ---- withdrawn consents and closed breaches ---------------------------------------------------
# The ledger workspace (Europe/Amsterdam): crm/newsletter is consent-based in crm and website, and
# a withdrawal gives four tasks (two systems, two recipients).
WS2="$tmp/ledger"
cp -r "$TEST_DATA/ledger" "$WS2"
DB=$(fresh_db)
h() { "$GDPRCTL" --workspace "$WS2" --db "$DB" --by tester "$@"; }
hfix() { h --as-of "$1" "${@:2}" --backdate "test fixture" 2>&1 >/dev/null | grep -v "calendar knows the days" >&2; }
jget() { /usr/bin/python3 -c "import json,sys; d = json.load(sys.stdin); print($1)"; }
area_counts() {  # area_counts AREA: "DELETED DEPENDENTS THROUGH" from a sweep's JSON in $out
  jget "' '.join(str(x) for a in d['areas'] if a['area'] == '$1' for x in (a.get('deleted', a.get('would_delete')), a.get('tasks', a.get('notifications')), a['through']))" <<<"$out"
}

# Breaches, dated by fixtures (the oldest changes first). OPEN (BR-2019-0001): never closed. OLD
# (BR-2019-0002, the highest of its year): closed 2019-05-03, with an authority notification. EDGE:
# closed at 2021-06-01T22:30Z, which is 2021-06-02 00:30 in Amsterdam. RECENT: closed today.
hfix 2019-04-01T12:00Z breach open --summary "MARKER-BREACH-OPEN printer" --aware-at 2019-04-01T10:00Z
hfix 2019-05-01T12:00Z breach open --summary "MARKER-BREACH-OLD lost laptop" --aware-at 2019-05-01T10:00Z
hfix 2019-05-02T12:00Z breach assess BR-2019-0002 --risk risk --consequences "MARKER-BREACH-CONSEQUENCE" \
    --measures "disk wiped remotely"
hfix 2019-05-02T13:00Z breach notify BR-2019-0002 --authority --at 2019-05-02T13:00Z --reference MARKER-BREACH-REF
hfix 2019-05-03T12:00Z breach close BR-2019-0002
hfix 2021-06-01T12:00Z breach open --summary "MARKER-BREACH-EDGE misdirected mail" --aware-at 2021-06-01T10:00Z
hfix 2021-06-01T13:00Z breach assess BR-2021-0001 --risk none --consequences "recalled unread" --measures "training"
hfix 2021-06-01T22:30Z breach close BR-2021-0001
hfix 2021-06-05T12:00Z breach open --summary "MARKER-BREACH-RECENT stolen phone" --aware-at 2021-06-05T10:00Z
hfix 2021-06-05T13:00Z breach assess BR-2021-0002 --risk none --consequences "encrypted" --measures "remote wipe"

# Consents. OLD: given 2019, withdrawn 2019-06-01, its four tasks done on 2019-06-10. EDGE:
# withdrawn at 2021-06-01T22:30Z (2 June in Amsterdam), tasks done on 2021-06-05. PENDING: withdrawn
# in 2019, one task never done: kept. LIVE: withdrawn in 2018, given again in 2019: kept, whole.
# ERASED: withdrawn in 2019, its subject erased today: the proof of withdrawal is kept, then swept.
# NOW: tasks done today, so a sweep dated before today does not count them as done.
withdraw() {  # withdraw SUBJECT AT [TASKS-DONE-AT]: sets $con
  hfix "$2" consent withdraw --subject "$1" --purpose crm/newsletter --at "$2" --channel "MARKER-CHANNEL-$1"
  con=$(h --format json consent status --subject "$1" | jget "[x['event'] for x in d if x['purpose'] == 'crm/newsletter'][0]")
  if [ -n "${3:-}" ]; then
    for target in crm website notify:mailer-co notify:analytics-co; do
      if [ "$3" == now ]; then h consent task "$con" "$target" >/dev/null; else hfix "$3" consent task "$con" "$target"; fi
    done
  fi
}
hfix 2018-01-10T12:00Z consent record --subject C-LIVE --purpose crm/newsletter --evidence "MARKER-LIVE-FIRST" --at 2018-01-10T12:00Z
withdraw C-LIVE 2018-02-01T12:00Z 2018-02-02T12:00Z
hfix 2019-01-10T12:00Z consent record --subject C-OLD --purpose crm/newsletter --evidence "MARKER-EVIDENCE-OLD" --at 2019-01-10T12:00Z
hfix 2019-01-10T12:00Z consent record --subject C-PENDING --purpose crm/newsletter --evidence "MARKER-EVIDENCE-PENDING" --at 2019-01-10T12:00Z
hfix 2019-01-10T12:00Z consent record --subject C-ERASED --purpose crm/newsletter --evidence "MARKER-EVIDENCE-ERASED" --at 2019-01-10T12:00Z
hfix 2019-02-01T12:00Z consent record --subject C-LIVE --purpose crm/newsletter --evidence "MARKER-LIVE-AGAIN" --at 2019-02-01T12:00Z
hfix 2019-01-10T12:00Z consent record --subject C-NOW --purpose crm/newsletter --evidence "MARKER-EVIDENCE-NOW" --at 2019-01-10T12:00Z
withdraw C-OLD 2019-06-01T12:00Z 2019-06-10T12:00Z
withdraw C-ERASED 2019-06-01T12:00Z 2019-06-10T12:00Z
withdraw C-PENDING 2019-06-01T12:00Z
hfix 2019-06-10T12:00Z consent task "$con" crm
hfix 2020-01-10T12:00Z consent record --subject C-EDGE --purpose crm/newsletter --evidence "MARKER-EVIDENCE-EDGE" --at 2020-01-10T12:00Z
withdraw C-EDGE 2021-06-01T22:30Z 2021-06-05T12:00Z
withdraw C-NOW 2019-06-01T12:00Z now
h breach close BR-2021-0002 >/dev/null
expect_exit 0 "erase C-ERASED, keeping the proof of withdrawal" -- h subject erase C-ERASED
[ "$(has_bytes MARKER-EVIDENCE-OLD)" -ge 1 ] && [ "$(has_bytes MARKER-BREACH-REF)" -ge 1 ] && pass \
    || fail "the markers are in the store before the sweep (control)"

# The boundaries, by dry runs. On 2026-06-02 the last day is 2021-06-01: EDGE's breach and
# withdrawal happened on 2 June in Amsterdam, so they are kept; NOW's tasks were not done yet then.
before=$(state)
before_dump=$(dump "$DB")
expect_exit 0 "dry run on EDGE's last day" -- h --as-of 2026-06-02 --format json retention sweep --dry-run
# OLD's two events and four tasks, ERASED's proof and its four tasks.
[ "$(area_counts consents)" == "3 8 2021-06-01" ] && pass || fail "consents on 2026-06-02: $out"
[ "$(area_counts breaches)" == "1 1 2021-06-01" ] && pass || fail "breaches on 2026-06-02: $out"
expect_exit 0 "dry run the day after" -- h --as-of 2026-06-03 --format json retention sweep --dry-run
[ "$(area_counts consents)" == "5 12 2021-06-02" ] && pass || fail "consents on 2026-06-03 (and EDGE): $out"
[ "$(area_counts breaches)" == "2 1 2021-06-02" ] && pass || fail "breaches on 2026-06-03: $out"
expect_exit 0 "dry run text" -- h --as-of 2026-06-03 retention sweep --dry-run
expect_contains "$out" "would delete 5 consent events (12 tasks) of consents withdrawn on or before 2021-06-02: kept P5Y from the withdrawal (the default; settings.store_retention.consents)" "consents in text"
expect_contains "$out" "would delete 2 closed breaches (1 notification) closed on or before 2021-06-02: kept P5Y from closing" "breaches in text"
[ "$(state)" == "$before" ] && [ "$(dump "$DB")" == "$before_dump" ] && pass || fail "the dry runs changed the store"

# The review counts what the sweep would delete, with the same function.
expect_exit 1 "review" -- h --format json review
/usr/bin/python3 -c '
import json, sys
acts = {a["ref"]: a for a in json.load(sys.stdin)["actions"] if a["rule"] == "store-retention-due"}
assert set(acts) == {"store:consents", "store:breaches"}, acts
assert acts["store:consents"]["what"].startswith("7 consent events (16 tasks) of consents withdrawn on or before "), acts
assert "7(1)" in acts["store:consents"]["article"], acts
assert acts["store:breaches"]["what"].startswith("2 closed breaches (1 notification) closed on or before "), acts
assert "33(5)" in acts["store:breaches"]["article"], acts
' <<<"$out" && pass || fail "review lists the store's expired consents and breaches: $out"

# The sweep, today: OLD, ERASED's proof, NOW and EDGE go; PENDING, LIVE, OPEN and RECENT stay.
expect_exit 0 "sweep" -- h --format json retention sweep
[ "$(area_counts consents | cut -d' ' -f1-2)" == "7 16" ] && pass || fail "consents swept: $out"
[ "$(area_counts breaches | cut -d' ' -f1-2)" == "2 1" ] && pass || fail "breaches swept: $out"
expect_exit 0 "consent status of C-OLD" -- h --format json consent status --subject C-OLD
[ "$(jget 'len(d)' <<<"$out")" == 0 ] && pass || fail "C-OLD's consent is still there: $out"
expect_exit 0 "consent status of C-PENDING" -- h --format json consent status --subject C-PENDING
[ "$(jget "d[0]['state']" <<<"$out")" == withdrawn ] && pass || fail "C-PENDING's withdrawal went: $out"
expect_exit 0 "consent status of C-LIVE" -- h --format json consent status --subject C-LIVE
[ "$(jget "d[0]['state']" <<<"$out")" == given ] && pass || fail "C-LIVE's consent went: $out"
expect_exit 2 "OLD breach gone" -- h breach show BR-2019-0002
expect_exit 2 "EDGE breach gone" -- h breach show BR-2021-0001
expect_exit 0 "OPEN breach stays" -- h breach show BR-2019-0001
expect_exit 0 "RECENT breach stays" -- h breach show BR-2021-0002
expect_exit 0 "audit log" -- h audit log
sweep_line=$(grep "retention.sweep" <<<"$out")
expect_contains "$sweep_line" "consents_deleted=7 consent_tasks_deleted=16 consents_period=P5Y" "consent counts in the trail"
expect_contains "$sweep_line" "breaches_deleted=2 breach_notifications_deleted=1 breaches_period=P5Y" "breach counts in the trail"
[[ "$sweep_line" != *CON-* && "$sweep_line" != *BR-* && "$sweep_line" != *MARKER* && "$sweep_line" != *C-* ]] && pass \
    || fail "the sweep event names records: $sweep_line"
expect_exit 0 "audit verify" -- h audit verify

# Irrecoverable: no byte of a deleted consent or breach is left in the database files.
for marker in MARKER-EVIDENCE-OLD MARKER-EVIDENCE-EDGE MARKER-EVIDENCE-NOW MARKER-CHANNEL-C-OLD C-OLD C-EDGE C-NOW \
    MARKER-BREACH-OLD MARKER-BREACH-CONSEQUENCE MARKER-BREACH-REF MARKER-BREACH-EDGE; do
  [ "$(has_bytes "$marker")" -eq 0 ] && pass || fail "$marker is still in the database files"
done
for marker in MARKER-EVIDENCE-PENDING MARKER-LIVE-FIRST MARKER-LIVE-AGAIN MARKER-BREACH-OPEN MARKER-BREACH-RECENT; do
  [ "$(has_bytes "$marker")" -ge 1 ] && pass || fail "the kept record's $marker is missing"
done
no_purge_pending && pass || fail "a purge is still pending"

# Deleted numbers are never given again: BR-2019-0002 was the highest of 2019, so the next breach
# of 2019 is BR-2019-0003; a new consent event numbers after every id the trail has named.
expect_exit 0 "a breach of 2019 opened today" -- h --format json breach open --summary another --aware-at 2019-07-01T10:00Z
[ "$(jget 'd["id"]' <<<"$out")" == BR-2019-0003 ] && pass || fail "BR-2019-0002 was reused: $out"
highest=$(h audit log | grep -o 'CON-[0-9]*' | sed 's/CON-//' | sort -n | tail -1)
expect_exit 0 "a consent recorded today" -- h --format json consent record --subject C-NEW --purpose crm/newsletter \
    --evidence "form" --at 2026-01-01T10:00Z
[ "$(jget 'd["id"]' <<<"$out")" == "CON-$((highest + 1))" ] && pass || fail "a consent id was reused (highest $highest): $out"
expect_exit 0 "audit verify after new records" -- h audit verify

finish
