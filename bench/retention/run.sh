#!/usr/bin/env bash
# `gdprctl retention due` over a 1,000,000-row CSV export against Python's csv module doing the
# same comparison on the same file, side by side in one hyperfine run; then peak memory of both on
# 1,000,000 and 4,000,000 rows (the budget: >= 5x the peer's rate, memory flat, <= 20 MB).
# Usage: run.sh GDPRCTL_BINARY
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gdprctl=$(realpath "${1:?usage: run.sh GDPRCTL_BINARY}")
dir=${TMPDIR:-/tmp}/gdprctl-bench-retention
mkdir -p "$dir/ws/systems"
[[ -e "$dir/1m.csv" ]] || "$here/generate.py" "$dir/1m.csv" 1000000
[[ -e "$dir/4m.csv" ]] || "$here/generate.py" "$dir/4m.csv" 4000000
cat >"$dir/ws/gdpr.yaml" <<'YAML'
organization: {name: Bench B.V., country: NL, contact: {email: privacy@example.nl}}
YAML
cat >"$dir/ws/systems/shop.yaml" <<'YAML'
systems:
  - id: shop
    name: Shop
    data: [contact.email]
    retention: [{data: [contact.email], period: P50M, after: end-of-contract}]
YAML
as_of=2026-11-25
latest=2022-09-24  # the last date whose 50 months end before 2026-11-25
due() { "$gdprctl" -q --workspace "$dir/ws" --as-of $as_of retention due --system shop --data contact.email \
            --timestamp-column closed_at --id-column id "$1"; }
peer() { /usr/bin/python3 "$here/peer_csv.py" "$1" $latest id closed_at; }

# Same answer first: the ids, and the bad rows (by line number).
due "$dir/1m.csv" >"$dir/gdprctl.out" 2>"$dir/gdprctl.err" || true
peer "$dir/1m.csv" >"$dir/peer.out" 2>"$dir/peer.err"
cmp "$dir/gdprctl.out" "$dir/peer.out"
cmp <(cut -d: -f2 "$dir/gdprctl.err") <(cut -d: -f2 "$dir/peer.err")
echo "rows: 1,000,000; due: $(wc -l <"$dir/gdprctl.out"); bad: $(wc -l <"$dir/gdprctl.err"); same ids and lines: yes"
echo "file: $(du -m "$dir/1m.csv" | cut -f1) MB"

hyperfine -i --warmup 2 --runs "${RUNS:-10}" -N --export-markdown "$dir/results.md" \
    -n "gdprctl retention due" "$gdprctl -q --workspace $dir/ws --as-of $as_of retention due --system shop --data contact.email --timestamp-column closed_at --id-column id $dir/1m.csv" \
    -n "python3 csv module" "/usr/bin/python3 $here/peer_csv.py $dir/1m.csv $latest id closed_at" 2>&1 | tee "$dir/hyperfine.txt" || true

for rows in 1m 4m; do
    /usr/bin/time -f "$rows rows, gdprctl: %e s elapsed, %U s user, peak RSS %M KB" "$gdprctl" -q --workspace "$dir/ws" \
        --as-of $as_of retention due --system shop --data contact.email --timestamp-column closed_at --id-column id \
        "$dir/$rows.csv" >/dev/null 2>"$dir/time.err" || true
    tail -1 "$dir/time.err"
    /usr/bin/time -f "$rows rows, python3 csv: %e s elapsed, %U s user, peak RSS %M KB" /usr/bin/python3 \
        "$here/peer_csv.py" "$dir/$rows.csv" $latest id closed_at >/dev/null 2>"$dir/time.err" || true
    tail -1 "$dir/time.err"
done
