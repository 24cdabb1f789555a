#!/usr/bin/env bash
# Benchmark: `gdprctl consent import` of N consent events (CSV) against the sqlite3 shell's
# `.import` of the same CSV into a table with the same columns and the same index on
# (subject, purpose, at), side by side, each into a fresh database, best of R runs.
# Usage: bench/consent/run.sh [ROWS] [RUNS]   (defaults: 1000000 rows, 3 runs)
# Needs a built gdprctl (GDPRCTL, default build/apps/gdprctl/gdprctl) and sqlite3 on PATH.
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
echo "input: $rows rows, $(du -h "$work/feed.csv" | cut -f1)"

best() { sort -n | head -1; }
seconds() { /usr/bin/python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }

peer_times=()
ours_times=()
for run in $(seq "$runs"); do
  rm -f "$work/peer.db" "$work/ours.db"*
  # The peer: the sqlite3 shell, in one transaction like ours, with the same pragmas that matter
  # (WAL, synchronous=FULL) and the same index created before the import.
  start=$(seconds)
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
  end=$(seconds)
  peer_times+=("$(/usr/bin/python3 -c "print(f'{$end - $start:.3f}')")")
  test "$(sqlite3 "$work/peer.db" 'SELECT count(*) FROM consent_events')" -eq "$rows"

  start=$(seconds)
  "$gdprctl" --workspace "$ws" --db "$work/ours.db" --as-of 2026-11-20T00:00:00Z -q consent import "$work/feed.csv" >/dev/null
  end=$(seconds)
  ours_times+=("$(/usr/bin/python3 -c "print(f'{$end - $start:.3f}')")")
  test "$(sqlite3 "$work/ours.db" 'SELECT count(*) FROM consent_events')" -eq "$rows"
done
peer=$(printf '%s\n' "${peer_times[@]}" | best)
ours=$(printf '%s\n' "${ours_times[@]}" | best)
echo "sqlite3 .import: ${peer_times[*]} s (best $peer s, $(/usr/bin/python3 -c "print(f'{$rows / $peer:,.0f}')") rows/s)"
echo "gdprctl import:  ${ours_times[*]} s (best $ours s, $(/usr/bin/python3 -c "print(f'{$rows / $ours:,.0f}')") rows/s)"
echo "ratio (rate of gdprctl / rate of sqlite3 shell): $(/usr/bin/python3 -c "print(f'{$peer / $ours:.2f}')")x (budget: >= 2x)"
