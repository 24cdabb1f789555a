#!/usr/bin/env bash
# Times `gdprctl request list --overdue` and `request show` against the sqlite3 shell running the
# same queries on the same file, side by side in one hyperfine run.
# Usage: run.sh GDPRCTL_BINARY [DB]   (DB default: a fresh 1,000,000-request store from generate.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gdprctl=$(realpath "${1:?usage: run.sh GDPRCTL_BINARY [DB]}")
db=${2:-${TMPDIR:-/tmp}/gdprctl-bench-requests.db}
[[ -e "$db" ]] || "$here/generate.sh" "$gdprctl" "$db"
today=2026-11-25
cols="id, type, subject, subject_kind, received, due, status, channel, note, opened_at, opened_by, extended_on,
      extension_reason, subject_informed_on, outcome, close_reason, closed_at, erased_at"
cols=$(tr -s ' \n' ' ' <<<"$cols")
# The shell's equivalent of --overdue on $today: open requests due before it, in due order.
list_sql="SELECT $cols FROM requests WHERE status = 'open' AND due <= date('$today', '-1 day') ORDER BY due, id"
# The 101st open request by due date (or the last, in a small store: a missing id fails `request show`).
id=$(sqlite3 "$db" "SELECT id FROM requests WHERE status = 'open' ORDER BY due
                    LIMIT 1 OFFSET min(100, (SELECT count(*) - 1 FROM requests WHERE status = 'open'))")
[[ -n "$id" ]] || { echo "run.sh: $db has no open request for \`request show\`" >&2; exit 2; }
show_sql="SELECT $cols FROM requests WHERE id = '$id';
SELECT request_id, kind, target, via, done_at, done_by, note FROM tasks WHERE request_id = '$id' ORDER BY kind DESC, target;
SELECT seq, at, actor, action, target, details, hash FROM audit_events WHERE target = '$id' ORDER BY seq;"

if command -v hyperfine >/dev/null; then
    hyperfine --warmup 5 --runs 40 -N --export-markdown "${TMPDIR:-/tmp}/bench-requests.md" \
        -n "gdprctl request list --overdue" "$gdprctl --db $db --as-of $today --format json request list --overdue" \
        -n "sqlite3 shell, same query" "sqlite3 -json $db \"$list_sql\"" \
        -n "gdprctl request show" "$gdprctl --db $db --as-of $today --format json request show $id" \
        -n "sqlite3 shell, same queries" "sqlite3 -json $db \"$show_sql\""
else
    for command in "$gdprctl --db $db --as-of $today --format json request list --overdue" \
                   "sqlite3 -json $db \"$list_sql\""; do
        echo "$command"
        for _ in 1 2 3 4 5; do /usr/bin/time -f "%e s %M KB" bash -c "$command >/dev/null"; done
    done
fi
echo "overdue rows: $(sqlite3 "$db" "SELECT count(*) FROM requests WHERE status = 'open' AND due < '$today'")"
