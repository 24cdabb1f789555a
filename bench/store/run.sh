#!/usr/bin/env bash
# Issue 10 item 8, the PostgreSQL store beside the SQLite file, in a throwaway cluster
# (scripts/pg-cluster.sh: a Unix socket in a temporary folder, no network port, removed at the end):
#  1. CLIENTS parallel clients each run OPENS `gdprctl request open`, on a SQLite file and on
#     PostgreSQL: wall time, failures (must be none), distinct ids (must be CLIENTS x OPENS) and
#     `audit verify` afterwards.
#  2. `request list --overdue` over ROWS requests on PostgreSQL against `psql` running the same
#     query on the same database (requests generated in SQL with bench/requests/generate.sh's spread).
#  3. `subject erase` on those ROWS requests: the purge (VACUUM FULL) is what it costs.
# Usage: bench/store/run.sh GDPRCTL_BINARY [CLIENTS] [OPENS] [ROWS]   (defaults 8 1000 1000000;
#        CLIENTS 0 runs only part 2). Run it on a copy of the binary, not one a build may relink.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
gdprctl=$(realpath "${1:?usage: run.sh GDPRCTL_BINARY [CLIENTS] [OPENS] [ROWS]}")
clients=${2:-8}
opens=${3:-1000}
rows=${4:-1000000}
work=$(mktemp -d "${TMPDIR:-/tmp}/gdprctl-bench-store.XXXXXX")
link="$work/pg"
bash "$root/scripts/pg-cluster.sh" start "$link"
trap 'bash "$root/scripts/pg-cluster.sh" stop "$link"; rm -rf "$work"' EXIT
export PGHOST="$link" PGUSER=gdprctl PGDATABASE=postgres
ws="$root/tests/data/requests"
today=2026-11-25
echo "machine: $(nproc) cores; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- 1. parallel writers -------------------------------------------------------------------------------
parallel_opens() {  # parallel_opens LABEL DB COUNT_SQL_COMMAND...
  local label=$1 db=$2 start end failures
  shift 2
  : >"$work/failures"
  start=$(date +%s.%N)
  for client in $(seq "$clients"); do
    (
      for i in $(seq "$opens"); do
        "$gdprctl" -q --workspace "$ws" --db "$db" --by "client$client" request open \
            --type access --subject "C-$client-$i" >/dev/null 2>>"$work/errors" || echo "$client $i" >>"$work/failures"
      done
    ) &
  done
  wait
  end=$(date +%s.%N)
  failures=$(wc -l <"$work/failures")
  local distinct verify
  distinct=$("$@")
  verify=$("$gdprctl" --workspace "$ws" --db "$db" audit verify 2>&1) || true
  printf '%-10s %d clients x %d opens: %6.1f s wall, %7.1f opens/s, %d failures, %d distinct ids; %s\n' \
      "$label" "$clients" "$opens" "$(echo "$end - $start" | bc)" "$(echo "$clients * $opens / ($end - $start)" | bc -l)" \
      "$failures" "$distinct" "$verify"
}
if [ "$clients" -gt 0 ]; then
  sqlite_db="$work/parallel/state.db"
  parallel_opens sqlite "$sqlite_db" sqlite3 "$sqlite_db" "SELECT count(DISTINCT id) FROM requests"
  createdb parallel
  parallel_opens postgresql "postgresql:///parallel" psql -XAtq -d parallel -c "SELECT count(DISTINCT id) FROM requests"
  echo "load average after the writers: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# ---- 2. request list --overdue over ROWS requests on PostgreSQL ----------------------------------------
createdb rows
db="postgresql:///rows"
# setup-roles creates the store's tables (migrations) as the owner; SQL then generates the requests
# with the spread of bench/requests/generate.sh: received 2019-01-01..2026-11-25, mostly access and
# erasure, nearly everything older than two months closed, a small overdue backlog.
"$gdprctl" --db "$db" store setup-roles --app-role bench_app --read-role bench_read >/dev/null
psql -XAtq -v ON_ERROR_STOP=1 -d rows <<SQL
INSERT INTO requests (id, year, number, type, subject, subject_kind, received, due, channel, note, status,
                      opened_at, opened_by, outcome, closed_at)
SELECT 'REQ-' || y || '-' || CASE WHEN number < 10000 THEN lpad(number::text, 4, '0') ELSE number::text END, y, number,
       CASE WHEN t < 45 THEN 'access' WHEN t < 70 THEN 'erasure' WHEN t < 80 THEN 'rectification'
            WHEN t < 90 THEN 'objection' WHEN t < 95 THEN 'restriction' ELSE 'portability' END,
       'C-' || lpad(who::text, 7, '0'), 'customer', to_char(received, 'YYYY-MM-DD'),
       to_char(received + interval '1 month', 'YYYY-MM-DD'),
       CASE WHEN s % 3 = 0 THEN 'web form' ELSE 'e-mail' END, '',
       CASE WHEN open THEN 'open' ELSE 'closed' END, to_char(received, 'YYYY-MM-DD') || 'T09:00:00Z', 'bench',
       CASE WHEN open THEN NULL WHEN s < 950 THEN 'fulfilled' WHEN s < 980 THEN 'partial' ELSE 'refused' END,
       CASE WHEN open THEN NULL ELSE to_char(received + (s % 28) * interval '1 day', 'YYYY-MM-DD') || 'T15:00:00Z' END
FROM (SELECT *, extract(year FROM received)::int AS y,
             row_number() OVER (PARTITION BY extract(year FROM received) ORDER BY received, n) AS number,
             CASE WHEN date '$today' - received <= 30 THEN s < 950
                  WHEN date '$today' - received <= 60 THEN s < 100 ELSE s < 2 END AS open
      FROM (SELECT n, date '2019-01-01' + (random() * 2886)::int AS received, (random() * 99)::int AS t,
                   (random() * 999)::int AS s, (random() * 399999)::int AS who
            FROM generate_series(1, $rows) n) g) shaped;
SQL
psql -XAtq -d rows -c "ANALYZE"
echo "PostgreSQL: $(psql -XAtq -d rows -c "SELECT count(*) || ' requests, ' || count(*) FILTER (WHERE status = 'open')
    || ' open, ' || count(*) FILTER (WHERE status = 'open' AND due < '$today') || ' overdue on $today' FROM requests")"
# The same query as gdprctl's (store/sql_session.hpp: for_each_request with due_until = yesterday).
cols="id, year, number, type, subject, subject_kind, received, due, channel, note, status, opened_at, opened_by,
      extended_on, extension_reason, subject_informed_on, outcome, close_reason, closed_at, erased_at, informed_via,
      identity_asked_on, identity_verified_on, refusal_ground, fee, remedies_told, audit_seq"
cols=$(tr -s ' \n' ' ' <<<"$cols")
yesterday=$(date -d "$today - 1 day" +%F)
list_sql="SELECT $cols FROM requests WHERE status = 'open' AND due <= '$yesterday' ORDER BY due, id"
echo "plan: $(psql -XAtq -d rows -c "EXPLAIN $list_sql" | head -3 | tr -s ' \n' ' ')"
hyperfine --warmup 3 --runs 20 -N --export-markdown "$work/list.md" \
    -n "gdprctl request list --overdue (PostgreSQL)" \
    "$gdprctl --db $db --as-of $today --format json request list --overdue" \
    -n "psql, same query (PostgreSQL)" "psql -XAtq -d rows -c \"$list_sql\""
cat "$work/list.md"

# ---- 3. the purge after an erasure on the same ROWS requests (as the owner: VACUUM FULL) ---------------
# One subject whose requests are all closed; the whole command, then its purge statement alone and a
# plain VACUUM for comparison (which leaves the erased bytes in the files: docs/deployment.md).
subject=$(psql -XAtq -d rows -c "SELECT subject FROM requests WHERE status = 'closed' EXCEPT
                                 SELECT subject FROM requests WHERE status = 'open' LIMIT 1")
tables="breach_notifications, breaches, consent_events, consent_tasks, requests, tasks"
timed() { local label=$1 start; shift; start=$(date +%s.%N); "$@" >/dev/null; printf '%-40s %6.2f s\n' "$label" "$(echo "$(date +%s.%N) - $start" | bc)"; }
echo "requests with indexes: $(psql -XAtq -d rows -c "SELECT pg_size_pretty(pg_total_relation_size('requests'))")"
timed "gdprctl subject erase (one subject)" "$gdprctl" --workspace "$ws" --db "$db" --by bench subject erase "$subject"
timed "VACUUM (FULL, ANALYZE) of the six tables" psql -XAtq -d rows -c "VACUUM (FULL, ANALYZE) $tables"
timed "VACUUM (FULL) pg_statistic" psql -XAtq -d rows -c "VACUUM (FULL) pg_statistic"
timed "plain VACUUM of the six tables" psql -XAtq -d rows -c "VACUUM $tables"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
