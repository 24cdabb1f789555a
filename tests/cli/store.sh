#!/usr/bin/env bash
# End-to-end: the `store` commands and what a team's PostgreSQL store adds. `store copy` in both
# directions (SQLite -> PostgreSQL -> SQLite) with every table compared row by row; refusals that
# leave the destination as it was; `store setup-roles`: the application role does every normal
# command but cannot change the audit trail, the read role only reads, and a superuser's edit is
# caught by `audit verify`; `subject erase` on PostgreSQL leaves the erased values in no file of
# the database (VACUUM FULL; pending, and said so, for a role that may not run it) and says what remains.
# Runs in the throwaway cluster of ctest's pg_cluster fixture (PGHOST, PGUSER); no server fails.
set -u
GDPRCTL=${GDPRCTL:?set GDPRCTL to the gdprctl binary}
TEST_DATA=${TEST_DATA:?set TEST_DATA to tests/data}
STORE_BACKEND=postgresql  # fresh_db, dump and store_sql speak PostgreSQL; SQLite files are made here
source "$(dirname "$0")/support.bash"
WS="$TEST_DATA/ledger"
BACKDATE="entered from the paper file afterwards"

run() {  # run EXPECTED_RC DB ARGS...
  local want=$1 db=$2
  shift 2
  expect_exit "$want" "gdprctl --db $db $*" -- "$GDPRCTL" --workspace "$WS" --db "$db" --by tester "$@"
}
psql_db() { local db=$1; shift; psql -XAtq -v ON_ERROR_STOP=1 -d "$(pg_database "$db")" "$@"; }

# rows LOCATION: every row of every table, columns in name order, sorted: the same text for a
# SQLite file and a PostgreSQL database that hold the same store.
TABLES="requests tasks consent_events consent_tasks breaches breach_notifications retired_numbers audit_events audit_head"
rows() {
  local location=$1 table columns
  for table in $TABLES; do
    if [[ $location == postgresql://* ]]; then
      columns=$(psql_db "$location" -c "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY column_name)
                                        FROM information_schema.columns
                                        WHERE table_schema = current_schema() AND table_name = '$table'")
      psql_db "$location" -F '|' -c "SELECT '$table', $columns FROM $table" | LC_ALL=C sort
    else
      columns=$(sqlite3 "$location" "SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_table_info('$table') ORDER BY name)")
      sqlite3 -separator '|' "$location" "SELECT '$table', $columns FROM $table" | LC_ALL=C sort
    fi
  done
}

# ---- a store with a row in every table, on SQLite ---------------------------------------------------
src="$tmp/source/state.db"
run 0 "$src" --as-of 2026-03-02 request open --type erasure --subject C-7001 --subject-kind customer \
    --channel e-mail --note "asked by phone, then in writing" --backdate "$BACKDATE"
run 0 "$src" --as-of 2026-03-03 request open --type access --subject C-7002 --backdate "$BACKDATE"
run 0 "$src" --as-of 2026-03-04 request task REQ-2026-0001 crm --done --note "removed from CRM" --backdate "$BACKDATE"
run 0 "$src" consent record --subject C-7001 --purpose crm/newsletter --evidence "signup form v3, box ticked" \
    --at 2026-03-01T10:00Z
run 0 "$src" consent withdraw --subject C-7001 --purpose crm/newsletter --channel "unsubscribe link" \
    --at 2026-03-05T10:00Z
run 0 "$src" breach open --summary "laptop with CRM export lost" --aware-at 2026-03-05T12:00Z --nature confidentiality
run 0 "$src" breach notify BR-2026-0001 --authority --phase initial --at 2026-03-06T09:00Z --backdate "$BACKDATE" --reference AP-1
run 0 "$src" audit head
head=$out
for table in requests tasks consent_events consent_tasks breaches breach_notifications audit_events; do
  n=$(sqlite3 "$src" "SELECT count(*) FROM $table")
  check "the source has rows in $table ($n)" test "$n" -gt 0
done

# ---- SQLite -> PostgreSQL -> SQLite ------------------------------------------------------------------
pg=$(fresh_db)
run 0 "$src" store copy --from "$src" --to "$pg"
expect_contains "$out" "The audit trail verifies on both sides" "copy says the chain verified"
expect_contains "$out" "head $head" "copy names the head"
check "sqlite -> postgresql: every row the same" test "$(rows "$src")" == "$(rows "$pg")"
run 0 "$pg" audit head
check "the PostgreSQL store has the same head" test "$out" == "$head"
run 0 "$pg" audit verify
# --db as libpq keywords names the same database; a password among them is refused, and not printed.
kv="host=$PGHOST dbname=$(pg_database "$pg")"
run 0 "$kv" audit head
check "--db 'host=... dbname=...' reads the store of the URI" test "$out" == "$head"
run 2 "$kv password=kv-s3cret" audit head
expect_contains "$err" "carries a password" "a password among the keywords is refused"
check "the refused password is not printed" bash -c '! grep -q kv-s3cret <<<"$1"' _ "$out$err"
check "no file is made of the keywords" test ! -e "host=$PGHOST dbname=$(pg_database "$pg")"
back="$tmp/back/state.db"
run 0 "$pg" --format json store copy --from "$pg" --to "$back"
expect_contains "$out" '"verified": true' "json says verified"
check "postgresql -> sqlite: every row the same" test "$(rows "$pg")" == "$(rows "$back")"
check "the round trip gives the SQLite rows back" test "$(rows "$src")" == "$(rows "$back")"
# The copy goes on: the next consent id follows the copied ones on PostgreSQL.
run 0 "$pg" --format json consent record --subject C-7004 --purpose crm/newsletter --evidence "paper form" \
    --at 2026-03-07T10:00Z
expect_contains "$out" '"CON-3"' "the next consent id after a copy"
run 0 "$pg" audit verify

# ---- refusals leave the destination as it was ------------------------------------------------------
before=$(dump "$pg")
run 1 "$src" store copy --from "$src" --to "$pg"
expect_contains "$err" "not empty" "a non-empty destination is refused"
check "the refused destination is unchanged" test "$before" == "$(dump "$pg")"
run 2 "$src" store copy --from "$src" --to "$src"
run 1 "$src" store copy --from "$src" --to "$back"
# A source whose trail was edited outside gdprctl is refused; the new file it would have made is gone.
tampered="$tmp/tampered.db"
cp "$src" "$tampered"
sqlite3 "$tampered" "UPDATE audit_events SET details = 'rewritten' WHERE seq = 2"
run 1 "$src" store copy --from "$tampered" --to "$tmp/never/state.db"
expect_contains "$err" "does not verify" "a broken source trail is refused"
check "no file is left by a refused copy" test ! -e "$tmp/never/state.db"
empty_pg=$(fresh_db)
run 1 "$src" store copy --from "$tampered" --to "$empty_pg"
check "a refused copy leaves the PostgreSQL destination without rows" \
    test "$(psql_db "$empty_pg" -c "SELECT count(*) FROM audit_events")" == 0
run 2 "$src" store copy --from "$tmp/missing.db" --to "$tmp/missing-copy.db"
check "a missing source makes no destination" test ! -e "$tmp/missing-copy.db"

# ---- setup-roles: an application role that cannot rewrite the trail, a read role -------------------
app_role="gdprctl_app_$$"
read_role="gdprctl_read_$$"
clerk="clerk_$$"
auditor="auditor_$$"
cleanup_roles() {
  drop_stores
  for role in "$clerk" "$auditor" "$app_role" "$read_role"; do
    psql -XAtq -d postgres -c "DROP ROLE IF EXISTS $role" 2>/dev/null
  done
}
trap 'cleanup_roles; rm -rf "$tmp"' EXIT
run 2 "$src" store setup-roles
expect_contains "$err" "PostgreSQL" "setup-roles on a SQLite store is a usage error"
team=$(fresh_db)
run 2 "$team" store setup-roles --app-role "Bad Name"
run 0 "$team" store setup-roles --app-role "$app_role" --read-role "$read_role"
expect_contains "$out" "$app_role" "setup-roles names the application role"
run 0 "$team" --format json store setup-roles --app-role "$app_role" --read-role "$read_role"  # again: idempotent
expect_contains "$out" '"append_only": [' "json lists the append-only tables"
psql -XAtq -d postgres -c "CREATE ROLE $clerk LOGIN IN ROLE $app_role" -c "CREATE ROLE $auditor LOGIN IN ROLE $read_role"
as_clerk="$team?user=$clerk"
as_auditor="$team?user=$auditor"

# Every normal command works as the application role.
run 0 "$as_clerk" --as-of 2026-03-02 request open --type erasure --subject ZZ-SUBJ-8001 --note "ZZ-ERASE-ME-8001" \
    --backdate "$BACKDATE"
run 0 "$as_clerk" --as-of 2026-03-02 request open --type access --subject C-8002 --backdate "$BACKDATE"
run 0 "$as_clerk" request task REQ-2026-0001 crm --done --note "removed"
run 0 "$as_clerk" consent record --subject ZZ-SUBJ-8001 --purpose crm/newsletter --evidence "ZZ-ERASE-ME-8001 form" \
    --at 2026-03-01T10:00Z
run 0 "$as_clerk" breach open --summary "mail sent to the wrong list" --aware-at 2026-03-05T12:00Z
run 0 "$as_clerk" breach notify BR-2026-0001 --authority --phase initial --at 2026-03-06T09:00Z --backdate "$BACKDATE"
run 0 "$as_auditor" audit verify
run 0 "$as_auditor" request list
# ... and cannot change or remove an audit event, nor truncate the trail; the read role writes nothing.
before=$(dump "$team")
for sql in "UPDATE audit_events SET details = 'rewritten' WHERE seq = 1" \
           "UPDATE audit_events SET records = '', hash = 'x' WHERE seq = 1" \
           "DELETE FROM audit_events WHERE seq = 1" \
           "TRUNCATE audit_events" \
           "UPDATE audit_head SET seq = 1" \
           "DELETE FROM audit_head"; do
  if psql -XAtq -v ON_ERROR_STOP=1 -U "$clerk" -d "$(pg_database "$team")" -c "$sql" 2>"$tmp/psql.err"; then
    fail "the application role could run: $sql"
  else
    pass
  fi
done
expect_contains "$(psql -XAtq -U "$clerk" -d "$(pg_database "$team")" \
    -c "UPDATE audit_events SET records = '' WHERE seq = 1" 2>&1)" "append-only" "the trigger says why"
if psql -XAtq -v ON_ERROR_STOP=1 -U "$auditor" -d "$(pg_database "$team")" \
    -c "INSERT INTO audit_head VALUES (1, 99, 'x')" 2>/dev/null; then
  fail "the read role could write"
else
  pass
fi
run 2 "$as_auditor" request open --type access --subject C-8003
check "refused changes leave the database unchanged" test "$before" == "$(dump "$team")"
run 0 "$as_clerk" audit verify

# ---- erasure on PostgreSQL: the erased values leave the database's files --------------------------
# files_with LOCATION TEXT: how many files of the database (support.bash's store_files: tables,
# indexes, TOAST, catalogs, after a CHECKPOINT) hold TEXT.
check "the cluster's files can be read here" test -r "$(psql -XAtq -d postgres -c "SHOW data_directory")/PG_VERSION"
files_with() { store_files "$1" | xargs -r -d '\n' grep -laF -- "$2" | wc -l; }
# no_file_holds NAME DB TEXT: a check that no file of the store holds TEXT, naming those that do.
no_file_holds() {
  local holding
  holding=$(store_files "$2" | xargs -r -d '\n' grep -laF -- "$3" | tr '\n' ' ')
  [ -z "$holding" ] && { pass; return; }
  fail "$1 (still in: $holding$(psql_db "$2" -c "SELECT string_agg(relname, ' ') FROM pg_class WHERE relfilenode::text IN ($(for f in $holding; do printf "'%s'," "$(basename "$f" | cut -d. -f1 | cut -d_ -f1)"; done)'')"))"
}
# A promise of a message that points at a document: the document exists and says it.
doc_says() {  # doc_says MESSAGE TEXT...
  local message=$1 doc text
  shift
  doc=$(grep -o 'docs/[a-z-]*\.md' <<<"$message" | head -1)
  [ -n "$doc" ] || { fail "the message points at no document: $message"; return; }
  check "$doc exists" test -f "$SOURCE_DIR/$doc"
  for text in "$@"; do check "$doc says: $text" grep -qF -- "$text" "$SOURCE_DIR/$doc"; done
}

# As the application role: PostgreSQL lets only a table's owner rewrite it, so the purge is left
# pending (exit 2) and the message names what the owner runs; until then the bytes are there.
psql_db "$team" -c "ANALYZE"  # as autovacuum does on a store in use: statistics sample the values too
check "before the erasure the subject is in the database's files" test "$(files_with "$team" ZZ-SUBJ-8001)" -gt 0
run 2 "$as_clerk" subject erase ZZ-SUBJ-8001 --force --reason "the erasure request is answered by it"
expect_contains "$out" "erased" "the application role's erasure is done in SQL"
expect_contains "$err" "purge is pending" "the application role's erasure says the purge is pending"
expect_contains "$err" "VACUUM (FULL, ANALYZE) breach_notifications, breaches, consent_events, consent_tasks, requests, tasks" \
    "it names the tables the owner rewrites"
expect_contains "$err" "VACUUM (FULL) pg_statistic" "it names the statistics"
expect_contains "$err" "write-ahead log" "the erasure says the WAL keeps copies"
expect_contains "$err" "backups" "the erasure says backups keep copies"
doc_says "$err" "VACUUM (FULL, ANALYZE) breach_notifications, breaches, consent_events, consent_tasks, requests, tasks" \
    "VACUUM (FULL) pg_statistic" "pg_wal" "WAL archives" "base backups" \
    "pg_dump" "replicas"
check "the erased note is gone from what SQL reads" \
    test "$(psql_db "$team" -c "SELECT count(*) FROM requests WHERE note LIKE '%ZZ-ERASE-ME%'")" == 0
check "the erased consent evidence is gone" \
    test "$(psql_db "$team" -c "SELECT count(*) FROM consent_events WHERE evidence LIKE '%ZZ-ERASE-ME%'")" == 0
check "until the owner purges, the database's files still hold the subject (as the message says)" \
    test "$(files_with "$team" ZZ-SUBJ-8001)" -gt 0
# The owner runs what the message names (psql sends each statement on its own: VACUUM needs that).
# A session that began before a rewrite keeps the old versions it may still read in the new files
# (docs/deployment.md: run the statements again once it ends), and other suites share this
# cluster: the owner runs them until no file holds the values, at most five times.
for attempt in 1 2 3 4 5; do
  psql_db "$team" <<<"$(grep -o '`VACUUM[^`]*`' <<<"$err" | tr -d '`');"
  [ "$(files_with "$team" ZZ-SUBJ-8001)" == 0 ] && [ "$(files_with "$team" ZZ-ERASE-ME-8001)" == 0 ] && break
  sleep 1
done
no_file_holds "after the owner's statements no file of the database holds the subject" "$team" ZZ-SUBJ-8001
no_file_holds "nor the erased note" "$team" ZZ-ERASE-ME-8001
check "the other subject is kept" test "$(files_with "$team" C-8002)" -gt 0
# Other messages that point at the deployment guide.
run 2 "$as_auditor" request open --type access --subject C-8003
doc_says "$err" "gdprctl_read" "read everything" "write anything"
run 0 "$team" store setup-roles --app-role "$app_role" --read-role "$read_role"
doc_says "$out" "again after every upgrade of gdprctl"
run 0 "$as_clerk" audit verify
# A superuser can switch the trigger off; audit verify catches the edit.
psql -XAtq -v ON_ERROR_STOP=1 -d "$(pg_database "$team")" \
    -c "ALTER TABLE audit_events DISABLE TRIGGER gdprctl_audit_events_append_only" \
    -c "UPDATE audit_events SET details = 'rewritten by a superuser' WHERE seq = 2" \
    -c "ALTER TABLE audit_events ENABLE TRIGGER gdprctl_audit_events_append_only"
run 1 "$as_auditor" audit verify
expect_contains "$out" "BROKEN at event 2" "a superuser's edit is caught"

# As the owner: the tables and the statistics are rewritten at once, and no file keeps the values.
owned=$(fresh_db)
run 0 "$owned" --as-of 2026-03-02 request open --type erasure --subject ZZ-SUBJ-9001 --note "ZZ-ERASE-ME-9001" \
    --backdate "$BACKDATE"
run 0 "$owned" --as-of 2026-03-02 request open --type access --subject C-9002 --backdate "$BACKDATE"
run 0 "$owned" consent record --subject ZZ-SUBJ-9001 --purpose crm/newsletter --evidence "ZZ-ERASE-ME-9001" \
    --at 2026-03-01T10:00Z
psql_db "$owned" -c "ANALYZE"
check "before the erasure the subject is in the database's files" test "$(files_with "$owned" ZZ-SUBJ-9001)" -gt 0
check "before the erasure the note is in the database's files" test "$(files_with "$owned" ZZ-ERASE-ME-9001)" -gt 0
run 0 "$owned" --format json subject erase ZZ-SUBJ-9001 --force --reason "the erasure request is answered by it"
expect_contains "$out" '"history_purged": true' "the owner's erasure purged"
expect_contains "$out" "write-ahead log" "json says what remains"
no_file_holds "after the erasure no file of the database holds the subject" "$owned" ZZ-SUBJ-9001
no_file_holds "nor the erased note or evidence" "$owned" ZZ-ERASE-ME-9001
check "the other subject is kept" test "$(files_with "$owned" C-9002)" -gt 0
check "the erased subject's requests are kept without it" \
    test "$(psql_db "$owned" -c "SELECT count(*) FROM requests WHERE subject IS NULL AND erased_at IS NOT NULL")" == 1
run 0 "$owned" audit verify

# A session that began before the erasure and stays open could still read the erased rows, so a
# rewrite would copy them: the purge waits for it 15 s, then says the purge is pending and names it.
held=$(fresh_db)
run 0 "$held" --as-of 2026-03-02 request open --type erasure --subject ZZ-SUBJ-7001 --backdate "$BACKDATE"
psql_db "$held" -c "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM requests; SELECT pg_sleep(60); COMMIT" \
    >/dev/null 2>&1 &
reader=$!
for _ in $(seq 50); do
  [ "$(psql_db "$held" -c "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()")" == 1 ] && break
  sleep 0.1
done
reader_pid=$(psql_db "$held" -c "SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()")
started=$SECONDS
run 2 "$held" subject erase ZZ-SUBJ-7001 --force --reason "the erasure request is answered by it"
check "the purge waited for the older session (15 s)" test $((SECONDS - started)) -ge 14
expect_contains "$err" "purge is pending" "a session older than the erasure leaves the purge pending"
expect_contains "$err" "sessions $reader_pid could still read" "the message names the session"
check "the erasure itself is committed" \
    test "$(psql_db "$held" -c "SELECT count(*) FROM requests WHERE subject = 'ZZ-SUBJ-7001'")" == 0
psql_db "$held" -c "SELECT pg_terminate_backend($reader_pid)" >/dev/null
wait "$reader" 2>/dev/null || true

finish
