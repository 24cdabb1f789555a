#!/usr/bin/env bash
# Fills a fresh gdprctl store with 1,000,000 data-subject requests received between 2019-01-01
# and 2026-11-25, with a realistic spread: mostly access and erasure; nearly everything older
# than two months answered; a small backlog of overdue ones; recent ones mostly open, each with
# its tasks and opening audit event.
# Usage: generate.sh GDPRCTL_BINARY OUT.db [COUNT]
set -euo pipefail
gdprctl=${1:?usage: generate.sh GDPRCTL_BINARY OUT.db [COUNT]}
db=${2:?usage: generate.sh GDPRCTL_BINARY OUT.db [COUNT]}
count=${3:-1000000}
rm -f "$db" "$db-wal" "$db-shm"
# gdprctl creates the file and applies its migrations; the shell then bulk-loads rows. A store is
# created by its first change (a read command refuses: "no store at PATH"), and a retention sweep of
# the empty store is the change that adds no row but its own audit event (seq 1), so the generated
# requests are the same as ever; their audit events follow it.
"$gdprctl" --db "$db" --by bench retention sweep >/dev/null

sqlite3 "$db" <<SQL
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE gen AS
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $count)
SELECT n,
       date('2019-01-01', '+' || (abs(random()) % 2886) || ' days') AS received,
       abs(random()) % 100 AS t,
       abs(random()) % 1000 AS s,
       abs(random()) % 400000 AS who
FROM seq;

CREATE TEMP TABLE shaped AS
SELECT n, received, t, s, who,
       julianday('2026-11-25') - julianday(received) AS age,
       -- one month (Regulation 1182/71): same day next month, or that month's last day
       CASE WHEN strftime('%d', date(received, '+1 month')) = strftime('%d', received)
            THEN date(received, '+1 month')
            ELSE date(received, '+1 month', 'start of month', '-1 day') END AS month_end
FROM gen;

INSERT INTO requests (id, year, number, type, subject, subject_kind, received, due, channel, note, status,
                      opened_at, opened_by, outcome, closed_at)
SELECT printf('REQ-%s-%04d', substr(received, 1, 4), number),
       CAST(substr(received, 1, 4) AS INTEGER), number,
       CASE WHEN t < 45 THEN 'access' WHEN t < 70 THEN 'erasure' WHEN t < 80 THEN 'rectification'
            WHEN t < 90 THEN 'objection' WHEN t < 95 THEN 'restriction' ELSE 'portability' END,
       printf('C-%07d', who), 'customer', received,
       CASE strftime('%w', month_end) WHEN '6' THEN date(month_end, '+2 days')
                                      WHEN '0' THEN date(month_end, '+1 day') ELSE month_end END,
       CASE WHEN s % 3 = 0 THEN 'web form' ELSE 'e-mail' END, '',
       CASE WHEN open THEN 'open' ELSE 'closed' END,
       received || 'T09:00:00Z', 'bench',
       CASE WHEN open THEN NULL WHEN s < 950 THEN 'fulfilled' WHEN s < 980 THEN 'partial' ELSE 'refused' END,
       CASE WHEN open THEN NULL ELSE date(received, '+' || (s % 28) || ' days') || 'T15:00:00Z' END
FROM (SELECT *, row_number() OVER (PARTITION BY substr(received, 1, 4) ORDER BY received, n) AS number,
             CASE WHEN age <= 30 THEN s < 950 WHEN age <= 60 THEN s < 100 ELSE s < 2 END AS open
      FROM shaped);

INSERT INTO tasks (request_id, kind, target)
SELECT id, 'system', system FROM requests, (SELECT 'crm' AS system UNION ALL SELECT 'billing' UNION ALL SELECT 'support')
WHERE status = 'open';

INSERT INTO audit_events (seq, at, actor, action, target, details, prev_hash, hash)
SELECT (SELECT max(seq) FROM audit_events) + row_number() OVER (ORDER BY opened_at, id), opened_at, 'bench', 'request.open', id,
       'type=' || type || ' received=' || received || ' due=' || due || ' tasks=3', '', ''
FROM requests WHERE status = 'open';
COMMIT;
ANALYZE;
SQL
sqlite3 "$db" "SELECT count(*) || ' requests, ' || sum(status = 'open') || ' open, ' ||
               sum(status = 'open' AND due < '2026-11-25') || ' overdue on 2026-11-25' FROM requests"
