#!/usr/bin/env bash
# Benchmark: `gdprctl consent import` of N consent events (CSV) against the sqlite3 shell's
# `.import` of the same CSV into a table with the same columns and the same index on
# (subject, purpose, at), side by side (interleaved, each into a fresh database), R runs.
# Reports wall time and CPU time (user + system) of each run, the best of each, and the ratios:
# on this shared machine CPU time is the steadier figure, wall time the one the budget names.
# Usage: bench/consent/run.sh [ROWS] [RUNS]   (defaults: 1000000 rows, 3 runs)
# Needs a built gdprctl (GDPRCTL, default build/apps/gdprctl/gdprctl), sqlite3 and /usr/bin/time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rows=${1:-1000000}
runs=${2:-3}
gdprctl=${GDPRCTL:-$root/build/apps/gdprctl/gdprctl}
ws=$root/tests/data/ledger
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 - "$rows" "$work/feed.csv" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
purposes = ["crm/newsletter", "website/newsletter", "website/analytics"]
with open(path, "w") as f:
    w = f.write
    w("subject,purpose,action,at,evidence,method\n")
    for i in range(rows):
        action = "withdrawn" if i % 10 == 9 else "given"
        evidence = "signup form v3, box ticked" if action == "given" else ""
        at = f"2026-{1 + i % 9:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z"
        w(f'C-{(i * 7919) % (rows // 2 + 1):07d},{purposes[i % 3]},{action},{at},"{evidence}",form\n')
PY
echo "input: $rows rows, $(du -h "$work/feed.csv" | cut -f1); sqlite3 $(sqlite3 --version | cut -d' ' -f1)"

# The peer: the sqlite3 shell, in one transaction like ours, with the pragmas that matter as in
# our store (WAL, synchronous=FULL) and the same index created before the import.
peer() {
  sqlite3 "$work/peer.db" <<SQL >/dev/null
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
CREATE TABLE consent_events (subject TEXT, purpose TEXT NOT NULL, action TEXT NOT NULL, at TEXT NOT NULL,
                             evidence TEXT NOT NULL, method TEXT NOT NULL);
CREATE INDEX consent_events_by_subject ON consent_events (subject, purpose, at);
BEGIN;
.import --csv --skip 1 $work/feed.csv consent_events
COMMIT;
SQL
}
ours() { "$gdprctl" --workspace "$ws" --db "$work/ours.db" -q consent import "$work/feed.csv" >/dev/null; }
export work gdprctl ws
export -f peer ours

timed() {  # timed NAME FUNCTION: appends "wall cpu rss" to $work/NAME.times
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.out" bash -c "$2"
  read -r wall user sys rss <"$work/time.out"
  echo "$wall $(/usr/bin/python3 -c "print(f'{$user + $sys:.2f}')") $rss" >>"$work/$1.times"
}

for run in $(seq "$runs"); do
  rm -f "$work/peer.db"* "$work/ours.db"*
  timed peer peer
  test "$(sqlite3 "$work/peer.db" 'SELECT count(*) FROM consent_events')" -eq "$rows"
  timed ours ours
  test "$(sqlite3 "$work/ours.db" 'SELECT count(*) FROM consent_events')" -eq "$rows"
  echo "run $run: sqlite3 shell $(tail -1 "$work/peer.times" | awk '{print $1 " s wall, " $2 " s CPU"}');" \
       "gdprctl $(tail -1 "$work/ours.times" | awk '{print $1 " s wall, " $2 " s CPU, peak RSS " $3 " KB"}')"
done
best() { cut -d' ' -f"$2" "$work/$1.times" | sort -n | head -1; }
pw=$(best peer 1) pc=$(best peer 2) ow=$(best ours 1) oc=$(best ours 2)
echo "best of $runs: sqlite3 .import ${pw} s wall (${pc} s CPU), $(/usr/bin/python3 -c "print(f'{$rows / $pw:,.0f}')") rows/s;" \
     "gdprctl import ${ow} s wall (${oc} s CPU), $(/usr/bin/python3 -c "print(f'{$rows / $ow:,.0f}')") rows/s"
echo "ratio (gdprctl's rate / the shell's): $(/usr/bin/python3 -c "print(f'{$pw / $ow:.2f}')")x wall," \
     "$(/usr/bin/python3 -c "print(f'{$pc / $oc:.2f}')")x CPU (budget: >= 2x)"
