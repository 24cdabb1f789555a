#!/usr/bin/env bash
# End-to-end: data-subject requests, subject erasure and the audit trail, on fresh stores.
set -u
GDPRCTL=${GDPRCTL:?set GDPRCTL to the gdprctl binary}
TEST_DATA=${TEST_DATA:?set TEST_DATA to tests/data}
WS="$TEST_DATA/requests"
source "$(dirname "$0")/support.bash"
WORK=$tmp

# run EXPECTED_RC DB ARGS...: runs gdprctl on the fixture workspace and store DB; output in $out/$err.
run() {
    local expected=$1 db=$2; shift 2
    "$GDPRCTL" --workspace "$WS" --db "$db" --by tester "$@" >"$WORK/out" 2>"$WORK/err"
    rc=$?
    out=$(cat "$WORK/out")
    err=$(cat "$WORK/err")
    if [[ $rc -ne $expected ]]; then
        fail "gdprctl $* exited $rc, expected $expected"
        echo "  stdout: $out"
        echo "  stderr: $err"
        return 1
    fi
    pass
}

json_field() { /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# This suite replays a history from early 2026: every change dated in the past says so.
BACKDATE="replaying the 2026 test history"

# ---- open -> tasks -> extend -> close --------------------------------------------------------
DB=$(fresh_db)
run 0 "$DB" --as-of 2026-01-31 request open --type erasure --subject C-1001 --subject-kind customer --channel e-mail --backdate "$BACKDATE"
check "open prints id and due date" grep -q "REQ-2026-0001.*due 2026-03-02" <<<"$out"
if ! on_postgresql; then
    check "store file mode 0600" test "$(stat -c %a "$DB")" == 600
    check "store folder mode 0700" test "$(stat -c %a "$(dirname "$DB")")" == 700
fi
check "one task per customer system" test "$(grep -c '\[ \] system' <<<"$out")" == 2
check "no task for the employee-only system" bash -c '! grep -q "system hr" <<<"$1"' _ "$out"
check "Art. 19 notice per recipient" test "$(grep -c 'notify recipient' <<<"$out")" == 2

run 0 "$DB" --as-of 2026-02-02 --format json request open --type access --subject C-1002 --received 2026-01-30 --backdate "$BACKDATE"
check "json open has id" test "$(json_field "['id']" <<<"$out")" == REQ-2026-0002
check "json open has type" test "$(json_field "['type']" <<<"$out")" == access
check "json open has received" test "$(json_field "['received']" <<<"$out")" == 2026-01-30
check "json open due: Feb 28 2026 is a Saturday -> Mar 2" test "$(json_field "['due']" <<<"$out")" == 2026-03-02
check "access gets no recipient notices" test "$(json_field "['tasks'].__len__()" <<<"$out")" == 3

run 0 "$DB" --as-of 2026-03-27 request open --type rectification --subject C-1003 --subject-kind customer --backdate "$BACKDATE"
check "holiday 2026-04-27 moves the due date to the 28th" grep -q "due 2026-04-28" <<<"$out"

run 0 "$DB" --as-of 2026-02-10 request task REQ-2026-0001 crm --done --note "deleted in CRM" --backdate "$BACKDATE"
check "task done" grep -q "task crm done" <<<"$out"
run 0 "$DB" --as-of 2026-02-11 request extend REQ-2026-0001 --reason "archives must be searched" --informed-on 2026-02-11 --via e-mail --backdate "$BACKDATE"
check "extension: two months after the first month (Apr 28 2026, not Apr 30)" grep -q "now due 2026-04-28" <<<"$out"
unchanged_after "closing with open tasks" 1 "$DB" --as-of 2026-02-12 request close REQ-2026-0001 --outcome fulfilled --backdate "$BACKDATE"
check "refusal lists the open tasks" grep -q "billing" <<<"$err"
run 0 "$DB" --as-of 2026-02-27 request task REQ-2026-0001 billing --done --backdate "$BACKDATE"
run 0 "$DB" --as-of 2026-02-27 request task REQ-2026-0001 notify:mailer-co --done --backdate "$BACKDATE"
run 0 "$DB" --as-of 2026-02-27 request task REQ-2026-0001 accountant --done --backdate "$BACKDATE"
run 0 "$DB" --as-of 2026-03-01 request close REQ-2026-0001 --outcome fulfilled --backdate "$BACKDATE"
run 0 "$DB" --format json request show REQ-2026-0001
check "show: closed" test "$(json_field "['status']" <<<"$out")" == closed
check "show: outcome" test "$(json_field "['outcome']" <<<"$out")" == fulfilled
check "show: extension recorded with informed date" test "$(json_field "['subject_informed_on']" <<<"$out")" == 2026-02-11
check "show: every task done" test "$(jpy "all(t['done'] for t in d['tasks'])" <<<"$out")" == True
check "show: audit events of the request" test "$(json_field "['audit'].__len__()" <<<"$out")" == 7
run 0 "$DB" --as-of 2026-02-20 request close REQ-2026-0002 --outcome refused --reason "identity could not be verified" --told-remedies --backdate "$BACKDATE"

# The default store: <workspace>/.gdprctl/state.db, its folder made private even if it existed.
COPY=$(mktemp -d "$WORK/ws.XXXX")
cp -r "$WS"/. "$COPY"
if ! on_postgresql; then
    mkdir -m 755 "$COPY/.gdprctl"
    if "$GDPRCTL" --workspace "$COPY" request open --type access --subject C-5 >/dev/null 2>&1; then pass; else fail "open in a workspace copy"; fi
    check "default store in the workspace" test -f "$COPY/.gdprctl/state.db"
    check "default store folder made 0700" test "$(stat -c %a "$COPY/.gdprctl")" == 700
    # (through a change: read commands never create a store, issue 15)
    check "GDPRCTL_DB overrides the default" bash -c 'GDPRCTL_DB="$2/env.db" "$1" --workspace "$2" request open --type access --subject C-6 >/dev/null && test -f "$2/env.db"' _ "$GDPRCTL" "$COPY"
fi

# gdpr.yaml's settings.store: a file relative to the workspace, or a postgresql:// URI; --db and
# GDPRCTL_DB still take precedence.
if on_postgresql; then SETTINGS_DB=$(fresh_db); else SETTINGS_DB="kept/elsewhere.db"; fi
sed -i "s|^settings:\$|settings:\n  store: $SETTINGS_DB|" "$COPY/gdpr.yaml"
check "settings.store written into the copy" grep -q "store: $SETTINGS_DB" "$COPY/gdpr.yaml"
if "$GDPRCTL" --workspace "$COPY" request open --type access --subject C-7 >/dev/null 2>"$WORK/err"; then pass; else fail "open with settings.store: $(cat "$WORK/err")"; fi
if on_postgresql; then
    check "settings.store names the database" test "$(store_sql "$SETTINGS_DB" 'SELECT count(*) FROM requests')" == 1
    OTHER_DB=$(fresh_db)
    check "GDPRCTL_DB overrides settings.store" bash -c 'GDPRCTL_DB="$3" "$1" --workspace "$2" request open --type access --subject C-8 >/dev/null' _ "$GDPRCTL" "$COPY" "$OTHER_DB"
    check "the override's database got it" test "$(store_sql "$OTHER_DB" 'SELECT count(*) FROM requests')" == 1
    check "settings.store's did not" test "$(store_sql "$SETTINGS_DB" 'SELECT count(*) FROM requests')" == 1
else
    check "settings.store is relative to the workspace" test -f "$COPY/kept/elsewhere.db"
fi

# Passwords never come from --db or gdpr.yaml, and are never printed.
PASSWORD_DB="postgresql://tester:Zq8-s3cret@localhost/gdpr"
run 2 "$PASSWORD_DB" request list
check "a password in --db is refused" grep -q "carries a password" <<<"$err"
check "the refusal says where a password goes" grep -q "pgpass" <<<"$err"
check "the password is not printed" bash -c '! grep -q "Zq8-s3cret" <<<"$1$2"' _ "$out" "$err"
sed -i "s|^  store: .*|  store: postgresql:///gdpr?password=Zq8-s3cret|" "$COPY/gdpr.yaml"
expect_exit 2 "a password in settings.store is refused" -- "$GDPRCTL" --workspace "$COPY" request list
check "settings.store: the password is not printed" bash -c '! grep -q "Zq8-s3cret" <<<"$1$2"' _ "$out" "$err"
# A server that does not answer: an environment error naming the store, exit 2.
run 2 "postgresql:///gdpr?host=$WORK/no-server" request list
check "an unreachable server is named" grep -q "cannot connect to the PostgreSQL store postgresql:///gdpr" <<<"$err"

# ---- lists relative to --as-of ----------------------------------------------------------------
run 0 "$DB" --as-of 2026-03-02 --format json request list --overdue
check "nothing overdue on the due date itself" test "$(json_field ".__len__()" <<<"$out")" == 0
run 0 "$DB" --as-of 2026-04-29 --format json request list --overdue
check "overdue the day after the (holiday-moved) due date" test "$(json_field "[0]['id']" <<<"$out")" == REQ-2026-0003
run 0 "$DB" --as-of 2026-04-21 --format json request list --due-within 7d
check "due within 7 days" test "$(json_field "[0]['id']" <<<"$out")" == REQ-2026-0003
run 0 "$DB" --as-of 2026-04-20 --format json request list --due-within 7d
check "not yet due within 7 days" test "$(json_field ".__len__()" <<<"$out")" == 0
run 0 "$DB" --format json request list --status all
check "all lists three" test "$(json_field ".__len__()" <<<"$out")" == 3
run 0 "$DB" --format json request list --status closed
check "closed lists two" test "$(json_field ".__len__()" <<<"$out")" == 2

# ---- bad inputs change nothing -----------------------------------------------------------------
unchanged_after "unknown type" 2 "$DB" request open --type erasur --subject C-9
check "unknown type suggests the right one" grep -q "erasure" <<<"$err"
unchanged_after "bad date" 2 "$DB" request open --type access --subject C-9 --received 2026-02-30
unchanged_after "received in the future" 2 "$DB" --as-of 2026-01-01 request open --type access --subject C-9 --received 2026-02-01
unchanged_after "unknown subject kind" 2 "$DB" request open --type access --subject C-9 --subject-kind custmer
unchanged_after "unknown id: show" 2 "$DB" request show REQ-2026-0999
unchanged_after "unknown id: extend" 2 "$DB" request extend REQ-2026-0999 --reason x
unchanged_after "unknown id: close" 2 "$DB" request close REQ-2026-0999 --outcome fulfilled
unchanged_after "unknown id: task" 2 "$DB" request task REQ-2026-0999 crm --done
unchanged_after "unknown task" 2 "$DB" request task REQ-2026-0003 payroll --done
unchanged_after "task already done" 1 "$DB" request task REQ-2026-0001 crm --done
unchanged_after "closing a closed request" 1 "$DB" request close REQ-2026-0001 --outcome partial --reason "closing it again" --told-remedies
unchanged_after "refusal without reasons" 2 "$DB" request close REQ-2026-0003 --outcome refused
unchanged_after "unknown outcome" 2 "$DB" request close REQ-2026-0003 --outcome done
unchanged_after "bad --due-within" 2 "$DB" request list --due-within soon
unchanged_after "bad --status" 2 "$DB" request list --status pending
unchanged_after "bad --as-of" 2 "$DB" --as-of 2026-13-01 request open --type access --subject C-9
run 0 "$DB" --as-of 2026-03-30 request extend REQ-2026-0003 --reason "many systems" --backdate "$BACKDATE"
unchanged_after "double extension" 1 "$DB" --as-of 2026-03-31 request extend REQ-2026-0003 --reason "again, for more time" --backdate "$BACKDATE"
check "double extension names the first" grep -q "already extended" <<<"$err"
DB2=$(fresh_db)
run 0 "$DB2" --as-of 2026-01-31 request open --type objection --subject C-2001 --backdate "$BACKDATE"
unchanged_after "late extension" 1 "$DB2" --as-of 2026-03-03 request extend REQ-2026-0001 --reason "too late" --backdate "$BACKDATE"
check "late extension explains the first month" grep -q "first month ended on 2026-03-02" <<<"$err"
run 0 "$DB2" --as-of 2026-03-02 request extend REQ-2026-0001 --reason "on the last day of the month" --backdate "$BACKDATE"

# ---- concurrency: 20 opens at the same moment on a store that does not exist yet, then a task of
# each done by 20 parallel writers: distinct ids, one audit chain that verifies.
DB3=$(fresh_db)
for i in $(seq 20); do
    "$GDPRCTL" --workspace "$WS" --db "$DB3" --as-of 2026-05-04 --format json \
        request open --type erasure --subject "P-$i" --subject-kind customer --backdate "$BACKDATE" >"$WORK/par.$i" 2>"$WORK/par.$i.err" &
done
par_failures=0
for job in $(jobs -p); do wait "$job" || par_failures=$((par_failures + 1)); done
check "20 parallel opens all succeed" test "$par_failures" == 0
ids=$(for i in $(seq 20); do json_field "['id']" <"$WORK/par.$i"; done | sort -u | wc -l)
check "20 parallel opens get 20 distinct ids" test "$ids" == 20
check "20 rows in the store" test "$(store_sql "$DB3" 'SELECT count(*) FROM requests')" == 20
for i in $(seq 20); do
    "$GDPRCTL" --workspace "$WS" --db "$DB3" --as-of 2026-05-05 \
        request task "$(json_field "['id']" <"$WORK/par.$i")" crm --done --backdate "$BACKDATE" >"$WORK/task.$i" 2>"$WORK/task.$i.err" &
done
par_failures=0
for job in $(jobs -p); do wait "$job" || par_failures=$((par_failures + 1)); done
check "20 parallel task updates all succeed" test "$par_failures" == 0
check "20 tasks done" test "$(store_sql "$DB3" "SELECT count(*) FROM tasks WHERE target = 'crm' AND done_at IS NOT NULL")" == 20
check "40 events, numbered 1 to 40" test "$(store_sql "$DB3" 'SELECT count(DISTINCT seq), min(seq), max(seq) FROM audit_events')" == "40|1|40"
run 0 "$DB3" audit verify
check "chain intact after parallel writes" grep -q "40 event" <<<"$out"
check "no serialization failure shown" bash -c '! cat "$1"/par.*.err "$1"/task.*.err | grep -qi "serializ\|deadlock"' _ "$WORK"

# A read that works without a store (review) says there is none, on either backend, and creates none.
EMPTY=$(fresh_db)
"$GDPRCTL" --workspace "$WS" --db "$EMPTY" review >"$WORK/out" 2>"$WORK/err"
check "review without a store says so" grep -q "no operational store at $EMPTY" "$WORK/out"
if on_postgresql; then
    check "review creates no store" test "$(store_sql "$EMPTY" "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")" == 0
else
    check "review creates no store" test ! -e "$EMPTY"
fi

# ---- audit trail ---------------------------------------------------------------------------------
run 0 "$DB" audit verify
check "verify reports intact" grep -q "intact" <<<"$out"
check "audit never holds a subject id" test "$(store_sql "$DB" "SELECT count(*) FROM audit_events WHERE actor || action || target || details LIKE '%C-100%'")" == 0
run 0 "$DB" --format json audit log --since 2026-03-01
check "audit log --since filters" test "$(jpy "sum(e['at'] < '2026-03-01' for e in d)" <<<"$out")" == 0
check "audit log --since keeps later events" test "$(jpy "len(d) > 0" <<<"$out")" == True
check "audit records the actor" test "$(json_field "[0]['actor']" <<<"$out")" == tester
TAMPER=$(copy_db "$DB")
store_sql "$TAMPER" "UPDATE audit_events SET details = 'outcome=refused' WHERE seq = 4"
run 1 "$TAMPER" audit verify
check "tampered row named" grep -q "event 4" <<<"$out"
TAMPER=$(copy_db "$DB")
store_sql "$TAMPER" "DELETE FROM audit_events WHERE seq = 3"
run 1 "$TAMPER" --format json audit verify
check "removed row named" test "$(json_field "['broken_event']" <<<"$out")" == 3
TAMPER=$(copy_db "$DB")
store_sql "$TAMPER" "DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)"
run 1 "$TAMPER" audit verify

# ---- schema versions -------------------------------------------------------------------------------
NEWER=$(copy_db "$DB")
if on_postgresql; then
    store_sql "$NEWER" "UPDATE gdprctl_meta SET schema_version = 99"
else
    sqlite3 "$NEWER" "PRAGMA user_version = 99"
fi
before=$(dump "$NEWER")
run 2 "$NEWER" request list
check "newer store refused with a clear message" grep -q "newer gdprctl" <<<"$err"
run 2 "$NEWER" request open --type access --subject C-9
check "newer store left alone" test "$before" == "$(dump "$NEWER")"
if on_postgresql; then
    FOREIGN=$(fresh_db)
    store_sql "$FOREIGN" "CREATE TABLE t (x integer)"
else
    FOREIGN=$(mktemp -d "$WORK/f.XXXX")/other.db
    sqlite3 "$FOREIGN" "CREATE TABLE t (x); PRAGMA user_version = 1"
fi
before=$(dump "$FOREIGN")
run 2 "$FOREIGN" request list
check "a foreign database is refused" grep -q "not a gdprctl store" <<<"$err"
run 2 "$FOREIGN" request open --type access --subject C-9
check "a foreign database is left alone" test "$before" == "$(dump "$FOREIGN")"

# ---- subject show and erase ------------------------------------------------------------------------
DB4=$(fresh_db)
SUBJECT="ZQXJ-7731-SUBJECT"
run 0 "$DB4" --as-of 2026-06-01 request open --type erasure --subject "$SUBJECT" --subject-kind customer --note "called twice" --backdate "$BACKDATE"
run 0 "$DB4" --as-of 2026-06-02 request task REQ-2026-0001 crm --done --note "wiped" --backdate "$BACKDATE"
run 0 "$DB4" --as-of 2026-06-03 request open --type access --subject "$SUBJECT" --backdate "$BACKDATE"
run 0 "$DB4" --as-of 2026-06-03 request open --type access --subject OTHER-1 --backdate "$BACKDATE"
run 0 "$DB4" --format json subject show "$SUBJECT"
check "subject show lists both requests" test "$(json_field "['requests'].__len__()" <<<"$out")" == 2
check "subject show has tasks and audit references" test "$(json_field "['requests'][0]['audit'][0]['target']" <<<"$out")" == REQ-2026-0001
if on_postgresql; then
    check "identifier in the database before erasure" test "$(dump "$DB4" | grep -c -a "$SUBJECT")" -gt 0
    run 0 "$DB4" --as-of 2026-06-04 request open --type objection --subject "$SUBJECT" --backdate "$BACKDATE"
    unchanged_after "erasing a subject with open requests" 1 "$DB4" --as-of 2026-06-04 subject erase "$SUBJECT" --backdate "$BACKDATE"
    check "the refusal names the open requests" grep -q "REQ-2026-0001" <<<"$err"
    run 0 "$DB4" --as-of 2026-06-04 subject erase "$SUBJECT" --force --reason "account closed at the subject's request" --backdate "$BACKDATE"
    check "erase says what it kept and why" grep -q "Art. 5(2)" <<<"$out"
    check "no trace in the database" test "$(dump "$DB4" | grep -c -a "$SUBJECT")" == 0
    check "no trace of the note" test "$(dump "$DB4" | grep -c -a "called twice")" == 0
    check "other subjects kept" test "$(dump "$DB4" | grep -c -a "OTHER-1")" -gt 0
else
    check "identifier present in the file before erasure" test "$(grep -c -a "$SUBJECT" "$DB4")" -gt 0
    # A second connection keeps the -wal file alive while the erasure runs, as another reader would.
    mkfifo "$WORK/holder"
    sqlite3 "$DB4" <"$WORK/holder" >/dev/null 2>&1 &
    holder=$!
    exec 9>"$WORK/holder"
    echo "SELECT count(*) FROM requests;" >&9
    sleep 0.3
    # Written while the holder is connected, this request stays in the -wal file.
    run 0 "$DB4" --as-of 2026-06-04 request open --type objection --subject "$SUBJECT" --backdate "$BACKDATE"
    check "identifier present in the -wal file before erasure" test "$(grep -c -a "$SUBJECT" "$DB4-wal")" -gt 0
    unchanged_after "erasing a subject with open requests" 1 "$DB4" --as-of 2026-06-04 subject erase "$SUBJECT" --backdate "$BACKDATE"
    check "the refusal names the open requests" grep -q "REQ-2026-0001" <<<"$err"
    run 0 "$DB4" --as-of 2026-06-04 subject erase "$SUBJECT" --force --reason "account closed at the subject's request" --backdate "$BACKDATE"
    check "erase says what it kept and why" grep -q "Art. 5(2)" <<<"$out"
    check "no trace in the database file" test "$(grep -c -a "$SUBJECT" "$DB4")" == 0
    check "no trace in the -wal file" test "$(grep -c -a "$SUBJECT" "$DB4-wal")" == 0
    exec 9>&-
    wait "$holder"
    check "no trace once every connection closed" test "$(cat "$DB4" "$DB4-wal" 2>/dev/null | grep -c -a "$SUBJECT")" == 0
    check "no trace of the note" test "$(grep -c -a "called twice" "$DB4")" == 0
    check "other subjects kept" test "$(grep -c -a "OTHER-1" "$DB4")" -gt 0
fi
run 0 "$DB4" --format json subject show "$SUBJECT"
check "subject show finds nothing after erasure" test "$(json_field "['requests'].__len__()" <<<"$out")" == 0
run 0 "$DB4" --format json request show REQ-2026-0001
check "pseudonymous record kept" test "$(json_field "['subject']" <<<"$out")" == None
check "its outcome data kept" test "$(json_field "['type']" <<<"$out")" == erasure
run 0 "$DB4" audit verify

# ---- a store created in a hand-made workspace keeps itself out of git --------------------------
if ! on_postgresql; then
    handmade="$WORK/handmade"
    cp -r "$WS" "$handmade"
    rm -rf "$handmade/.gdprctl"
    "$GDPRCTL" --workspace "$handmade" request open --type access --subject C-9 >/dev/null 2>&1
    check "default store created under .gdprctl" test -f "$handmade/.gdprctl/state.db"
    check "the state folder is git-ignored" grep -qx '\*' "$handmade/.gdprctl/.gitignore"
    check "the state folder is private (0700)" test "$(stat -c %a "$handmade/.gdprctl")" = 700
    check "the store file is private (0600)" test "$(stat -c %a "$handmade/.gdprctl/state.db")" = 600
fi

finish
