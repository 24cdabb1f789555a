#!/usr/bin/env bash
# End-to-end: the consent ledger (record, status, withdraw with its tasks, list, export, import,
# erasure) on fresh stores; every refusal leaves the database byte-for-byte as it was.
set -u
GDPRCTL=${GDPRCTL:?set GDPRCTL to the gdprctl binary}
TEST_DATA=${TEST_DATA:?set TEST_DATA to tests/data}
source "$(dirname "$0")/support.bash"
WS="$TEST_DATA/ledger"
# Changes are dated by the real clock (the audit trail refuses an unexplained backdate); the facts
# carry their own dates (--at, the feed's `at`).
FUTURE=$(date -u -d '+3 days' +%F)

# run EXPECTED_RC DB ARGS...: gdprctl on the fixture workspace; output in $out, $err.
run() {
  local want=$1 db=$2
  shift 2
  expect_exit "$want" "gdprctl $*" -- "$GDPRCTL" --workspace "$WS" --db "$db" --by tester "$@"
}

# ---- lifecycle ---------------------------------------------------------------------------------
DB=$(fresh_db)
run 0 "$DB" consent record --subject C-1001 --purpose crm/newsletter --evidence "signup form v3, box ticked" \
  --at 2026-05-01T10:00 --method checkbox --notice-version 2026-04-01 --source https://example.test/signup --format json
check "record: json id" test "$(jpy 'd["id"]' <<<"$out")" == CON-1
check "record: json subject" test "$(jpy 'd["subject"]' <<<"$out")" == C-1001
check "record: json state" test "$(jpy 'd["state"]' <<<"$out")" == given
check "record: local time read in Europe/Amsterdam" test "$(jpy 'd["at"]' <<<"$out")" == 2026-05-01T08:00:00Z
run 0 "$DB" consent record --subject C-1002 --purpose crm/newsletter --evidence "paper form" --method paper --at 2026-05-02
run 0 "$DB" consent record --subject C-1001 --purpose website/analytics --evidence "cookie banner: accept" --at 2026-05-03T09:00Z

run 0 "$DB" consent status --subject C-1001 --format json
check "status: one entry per purpose" test "$(jpy 'len(d)' <<<"$out")" == 2
check "status: newsletter given" test "$(jpy '[x["state"] for x in d if x["purpose"]=="crm/newsletter"][0]' <<<"$out")" == given

run 0 "$DB" consent withdraw --subject C-1001 --purpose crm/newsletter --at 2026-05-20T09:00Z --channel unsubscribe-link
check "withdraw: says withdrawn" grep -q "CON-4: consent to crm/newsletter withdrawn" <<<"$out"
check "withdraw: a task for crm" grep -q "stop using it in system crm" <<<"$out"
check "withdraw: a task for website (same purpose)" grep -q "stop using it in system website" <<<"$out"
check "withdraw: tell mailer-co" grep -q "tell recipient mailer-co" <<<"$out"
check "withdraw: tell analytics-co" grep -q "tell recipient analytics-co" <<<"$out"
run 0 "$DB" consent tasks --pending --format json
check "tasks: four pending" test "$(jpy 'len(d)' <<<"$out")" == 4
unchanged_after "a task done before its withdrawal" 1 "$DB" consent task CON-4 crm --as-of 2026-05-19T12:00Z \
  --backdate "recorded from the paper log"
check "task before the withdrawal: says so" grep -q "before the withdrawal" <<<"$err"
unchanged_after "a change dated in the past without --backdate" 1 "$DB" consent task CON-4 crm --as-of 2026-05-21T12:00Z
check "backdate: asks for a reason" grep -q -- "--backdate" <<<"$err"
run 0 "$DB" consent task CON-4 notify:mailer-co
run 0 "$DB" consent tasks --pending
check "tasks: three pending after one is done" test "$(grep -c pending <<<"$out")" == 3
run 0 "$DB" consent status --subject C-1001 --purpose crm/newsletter --format json
check "status: withdrawn now" test "$(jpy 'd[0]["state"]' <<<"$out")" == withdrawn
expect_exit 0 "status as of before the withdrawal" -- "$GDPRCTL" --workspace "$WS" --db "$DB" --as-of 2026-05-10 \
  consent status --subject C-1001 --purpose crm/newsletter --format json
check "status --as-of: still given then" test "$(jpy 'd[0]["state"]' <<<"$out")" == given

run 0 "$DB" consent withdraw --subject C-2000 --purpose website/newsletter
check "withdraw without consent: accepted and reported" grep -q "no consent to this purpose was recorded" <<<"$out"

run 0 "$DB" consent list --purpose crm/newsletter --state given --format csv
check "list csv: header" test "$(head -1 <<<"$out" | tr -d '\r')" == "subject,purpose,state,at"
check "list csv: only C-1002 still consents" test "$(tail -n +2 <<<"$out" | cut -d, -f1)" == C-1002
run 0 "$DB" consent list --purpose crm/newsletter --state withdrawn --format jsonl
check "list jsonl: C-1001 withdrawn" test "$(jpy 'd["subject"]' <<<"$out")" == C-1001

run 0 "$DB" consent export --subject C-1001
check "export: TS 27560 principal" test "$(jpy 'd["pii_principal_id"]' <<<"$out")" == C-1001
check "export: controller" test "$(jpy 'd["controller"]["name"]' <<<"$out")" == "Consent Test B.V."
check "export: newsletter history of two events" \
  test "$(jpy '[len(p["events"]) for p in d["purposes"] if p["purpose"]=="crm/newsletter"][0]' <<<"$out")" == 2

run 0 "$DB" audit log --format json
check "audit: no subject identifier in the trail" bash -c '! grep -q "C-1001" <<<"$1"' _ "$out"
check "audit: consent events named by id" grep -q "CON-4" <<<"$out"

run 0 "$DB" subject show C-1001 --format json
check "subject show: lists consents" test "$(jpy 'len(d["consents"])' <<<"$out")" == 3
run 0 "$DB" subject erase C-1001
check "erase: says what was kept" grep -qi "withdrawal" <<<"$out"
check "erase: identifier gone from the store" test "$(store_sql "$DB" "SELECT count(*) FROM consent_events WHERE subject = 'C-1001'")" == 0
check "erase: a pseudonymous proof of the withdrawal is kept" \
  test "$(store_sql "$DB" "SELECT count(*) FROM consent_events WHERE subject IS NULL AND action = 'withdrawn' AND evidence = ''")" == 1
check "erase: the consents themselves are gone" test "$(store_sql "$DB" "SELECT count(*) FROM consent_events WHERE id IN (1, 3)")" == 0
run 0 "$DB" consent status --subject C-1001 --format json
check "status after erasure: nothing" test "$(jpy 'len(d)' <<<"$out")" == 0

# ---- refusals leave the store unchanged ------------------------------------------------------
unchanged_after "consent for a contract purpose" 1 "$DB" consent record --subject C-1 --purpose crm/service-delivery --evidence form
check "names the consent-based purposes" grep -q "crm/newsletter, website/analytics, website/newsletter" <<<"$err"
unchanged_after "consent without evidence" 1 "$DB" consent record --subject C-1 --purpose crm/newsletter --evidence ""
unchanged_after "unknown purpose" 1 "$DB" consent record --subject C-1 --purpose crm/newsleter --evidence form
check "did you mean" grep -q "did you mean \`crm/newsletter\`" <<<"$err"
unchanged_after "consent in the future" 2 "$DB" consent record --subject C-1 --purpose crm/newsletter --evidence form --at "$FUTURE"
unchanged_after "time in the DST gap" 2 "$DB" consent record --subject C-1 --purpose crm/newsletter --evidence form --at 2026-03-29T02:30
check "gap: the offset to add" grep -q "+01:00" <<<"$err"
unchanged_after "missing --evidence" 2 "$DB" consent record --subject C-1 --purpose crm/newsletter

# ---- import ------------------------------------------------------------------------------------
DB=$(fresh_db)
/usr/bin/python3 - "$tmp" <<'PY'
import json, sys
d = sys.argv[1]
with open(f"{d}/feed.csv", "w") as c, open(f"{d}/feed.jsonl", "w") as j:
    c.write("subject,purpose,action,at,evidence,method\n")
    for i in range(10000):
        action = "withdrawn" if i % 10 == 9 else "given"
        at = f"2026-0{1 + i % 5}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
        row = [f"C-{i}", "crm/newsletter", action, at, f"form, v{i % 3}" if action == "given" else "", "form"]
        c.write(",".join(f'"{x}"' if "," in x else x for x in row) + "\n")
        j.write(json.dumps(dict(zip(["subject", "purpose", "action", "at", "evidence", "method"], row))) + "\n")
PY
run 0 "$DB" consent import "$tmp/feed.csv" --format json
check "import csv: 10000 rows" test "$(jpy 'd["rows"]' <<<"$out")" == 10000
check "import csv: 1000 withdrawals with 4 tasks each" test "$(jpy 'd["tasks"]' <<<"$out")" == 4000
check "import csv: in the store" test "$(store_sql "$DB" 'SELECT count(*) FROM consent_events')" == 10000
check "import csv: one audit event" test "$(store_sql "$DB" "SELECT count(*) FROM audit_events WHERE action = 'consent.import'")" == 1
run 0 "$DB" consent import "$tmp/feed.jsonl" --format json
check "import jsonl: 10000 rows" test "$(jpy 'd["rows"]' <<<"$out")" == 10000
check "import jsonl: in the store" test "$(store_sql "$DB" 'SELECT count(*) FROM consent_events')" == 20000
expect_exit 0 "import from stdin" -- bash -c "head -3 '$tmp/feed.jsonl' | '$GDPRCTL' --workspace '$WS' --db '$DB' consent import -"
check "stdin: three rows" grep -q "imported 3 consent event" <<<"$out"
check "no progress bar in a pipe" test -z "$err"

# bad rows at known lines
{ head -5 "$tmp/feed.csv"; echo "C-x,crm/service-delivery,given,2026-01-01T00:00Z,form,form"; sed -n 6,20p "$tmp/feed.csv";
  echo "C-y,crm/newsletter,maybe,2026-01-01T00:00Z,form,form"; echo "C-z,crm/newsletter,given,2026-13-01T00:00Z,form,form"; } >"$tmp/bad.csv"
unchanged_after "import with bad rows" 1 "$DB" consent import "$tmp/bad.csv"
check "bad rows: exactly lines 6, 22, 23" \
  test "$(grep -o '^[^ ]*bad.csv:[0-9]*' <<<"$err" | sed 's/.*://' | tr '\n' ' ')" == "6 22 23 "
check "bad rows: summary" grep -q "3 bad row(s)" <<<"$err"

unchanged_after "import of a folder" 2 "$DB" consent import "$tmp"
unchanged_after "import of a missing file" 2 "$DB" consent import "$tmp/missing.csv"

# A process killed in the middle of a large import leaves nothing of it: the feed stalls after
# 200,000 rows, once the import has read them all into its open transaction, and the process is
# killed with SIGKILL, as by the OOM killer or a power cut. (The import's page cache is large, so
# these rows may not have reached the write-ahead log yet; a larger import spills them there as
# uncommitted frames, which SQLite's recovery ignores the same way.)
DB=$(fresh_db)
run 0 "$DB" consent record --subject C-1 --purpose crm/newsletter --evidence form
before=$(dump "$DB")
/usr/bin/python3 -c '
import sys
w = sys.stdout.write
w("subject,purpose,action,at,evidence\n")
for i in range(200000): w(f"K-{i},crm/newsletter,given,2026-05-01T10:00:00Z,form\n")
' >"$tmp/big.csv"
size=$(stat -c %s "$tmp/big.csv")
mkfifo "$tmp/feed.pipe"
(exec 2>/dev/null; cat "$tmp/big.csv"; exec sleep 60) >"$tmp/feed.pipe" &
feeder=$!
"$GDPRCTL" --workspace "$WS" --db "$DB" consent import - <"$tmp/feed.pipe" >/dev/null 2>&1 &
pid=$!
read_bytes() { awk '/^rchar:/ {print $2}' "/proc/$pid/io" 2>/dev/null || echo 0; }
for _ in $(seq 600); do
  sleep 0.1
  [ "$(read_bytes)" -ge "$size" ] && break
done
check "killed import: the whole feed was read into the transaction" test "$(read_bytes)" -ge "$size"
check "killed import: still running when killed" kill -0 "$pid"
kill -9 "$pid"
wait "$pid" 2>/dev/null
kill "$feeder" 2>/dev/null
wait "$feeder" 2>/dev/null
check "killed import: the store is as before" test "$before" == "$(dump "$DB")"
run 0 "$DB" consent status --subject C-1 --format json
check "killed import: the store still opens" test "$(jpy 'len(d)' <<<"$out")" == 1

finish
