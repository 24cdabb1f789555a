#!/usr/bin/env bash
# End-to-end: `retention schedule` in every format and `retention due` over CSV and JSONL exports
# (boundary dates, leap days, month ends, P50M / P1Y6M / P30D, bad rows, stdin, usage errors).
set -u
: "${GDPRCTL:?path to the gdprctl binary}" "${TEST_DATA:?}"
source "$(dirname "$0")/support.bash"
WS="$TEST_DATA/retention"
g() { "$GDPRCTL" --workspace "$WS" "$@"; }

# --- schedule ---------------------------------------------------------------------------------
expect_exit 0 "schedule text" -- g retention schedule
expect_contains "$out" "shop    contact.email           P50M          end-of-contract  delete     warranty claims" "text row"
expect_contains "$out" "1 row without a determined period" "text gap count"
expect_exit 0 "schedule json" -- g retention schedule --format json
[ "$(jpy '[r["period"] for r in d["rows"]]' <<<"$out")" = "['P1Y', 'P50M', 'P1Y6M', 'P30D', None]" ] && pass || fail "json periods: $out"
[ "$(jpy 'd["rows"][4]["status"], d["gaps"]' <<<"$out")" = "undetermined 1" ] && pass || fail "json status"
expect_exit 0 "schedule csv" -- g retention schedule --format csv
expect_contains "$out" "shop,contact.email,P50M,end-of-contract,delete,warranty claims,set" "csv row"
expect_exit 0 "schedule md" -- g retention schedule --format md
expect_contains "$out" '| `shop` | `financial.transactions` | `P1Y6M` | collection | anonymise | statistics |' "md row"
expect_exit 2 "schedule bad format" -- g retention schedule --format html
expect_contains "$err" "use one of: text, json, csv, md" "format hint"

# A register whose text would be a formula in a spreadsheet: neutralised in CSV.
mkdir -p "$tmp/ws/systems"
cp "$WS/gdpr.yaml" "$tmp/ws/"
cat >"$tmp/ws/systems/x.yaml" <<'YAML'
systems:
  - id: x
    name: X
    owner: IT
    data: [contact.email]
    purposes: [{id: p, basis: contract, description: d}]
    retention: [{data: [contact.email], period: P1Y, reason: "=HYPERLINK(\"http://evil\",\"x\")"}]
    security: [tls]
YAML
expect_exit 0 "schedule csv of hostile text" -- "$GDPRCTL" --workspace "$tmp/ws" retention schedule --format csv
expect_contains "$out" "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"" "formula neutralised"

# --- due: CSV -----------------------------------------------------------------------------------
# contact.email: P50M (the more specific rule beats P1Y on `contact`).
cat >"$tmp/customers.csv" <<'CSV'
customer_id,name,closed_at
c-end,"Last day, kept",2022-09-30
c-next,Day after,2022-10-01T08:00:00+02:00
c-leap,Leap,2022-07-31
c-old,"Quoted ""name""",2019-01-01
c-empty,No date,
c-bad,Bad date,2022-02-30
short
c-future,Future,2030-01-01
CSV
# as of 2026-12-01: 2022-09-30 + 50 months ends 2026-11-30 (due); 2022-10-01 ends 2026-12-01 (kept).
expect_exit 1 "due csv with bad rows" -- g --as-of 2026-12-01 retention due --system shop --data contact.email \
    --timestamp-column closed_at --id-column customer_id "$tmp/customers.csv"
[ "$out" = $'c-end\nc-leap\nc-old' ] && pass || fail "due ids as of 2026-12-01: $out"
expect_contains "$err" "$tmp/customers.csv:6: no timestamp in \`closed_at\`" "empty timestamp reported"
expect_contains "$err" "$tmp/customers.csv:7: the value of \`closed_at\` is not a date" "bad date reported"
expect_contains "$err" "$tmp/customers.csv:8: 1 field, but the header has 3" "short row reported"
[[ "$err" != *"Bad date"* && "$err" != *"2022-02-30"* ]] && pass || fail "values kept out of stderr: $err"
expect_exit 1 "due csv the next day" -- g -q --as-of 2026-12-02 retention due --system shop --data contact.email \
    --timestamp-column closed_at --id-column customer_id "$tmp/customers.csv"
[ "$out" = $'c-end\nc-next\nc-leap\nc-old' ] && pass || fail "due ids as of 2026-12-02: $out"
# Whole records, with the header, as they were written.
expect_exit 1 "due whole rows" -- g -q --as-of 2026-12-01 retention due --system shop --data contact.email \
    --timestamp-column closed_at "$tmp/customers.csv"
[ "$out" = $'customer_id,name,closed_at\nc-end,"Last day, kept",2022-09-30\nc-leap,Leap,2022-07-31\nc-old,"Quoted ""name""",2019-01-01' ] \
    && pass || fail "whole rows: $out"

# P1Y6M from a month end (financial.transactions); P30D (online.device); P1Y from a leap day (contact.phone).
printf 'id,at\nm1,2025-08-31\nm2,2025-09-01\n' >"$tmp/orders.csv"
expect_exit 0 "P1Y6M last day" -- g -q --as-of 2027-02-28 retention due --system shop --data financial.transactions \
    --timestamp-column at --id-column id "$tmp/orders.csv"
[ -z "$out" ] && pass || fail "P1Y6M: nothing due on 2027-02-28: $out"
expect_exit 0 "P1Y6M day after" -- g -q --as-of 2027-03-01 retention due --system shop --data financial.transactions \
    --timestamp-column at --id-column id "$tmp/orders.csv"
[ "$out" = "m1" ] && pass || fail "P1Y6M: m1 due on 2027-03-01: $out"
printf 'id,at\nd1,2026-01-31\nd2,2026-02-01\n' >"$tmp/devices.csv"
expect_exit 0 "P30D" -- g -q --as-of 2026-03-03 retention due --system shop --data online.device \
    --timestamp-column at --id-column id "$tmp/devices.csv"
[ "$out" = "d1" ] && pass || fail "P30D: 2026-01-31 ends 2026-03-02: $out"
printf 'id,at\np1,2024-02-29\n' >"$tmp/phones.csv"
expect_exit 0 "P1Y leap day, last day" -- g -q --as-of 2025-02-28 retention due --system shop --data contact.phone \
    --timestamp-column at --id-column id "$tmp/phones.csv"
[ -z "$out" ] && pass || fail "leap: kept on 2025-02-28: $out"
expect_exit 0 "P1Y leap day, day after" -- g -q --as-of 2025-03-01 retention due --system shop --data contact.phone \
    --timestamp-column at --id-column id "$tmp/phones.csv"
[ "$out" = "p1" ] && pass || fail "leap: due on 2025-03-01: $out"

# --- due: JSONL and stdin ---------------------------------------------------------------------
cat >"$tmp/events.jsonl" <<'JSONL'
{"id": "e1", "at": "2024-02-29T12:00:00Z"}
{"id": 2, "at": "2024-03-01"}
{"id": "e3"}
not json
{"id": "e4", "at": "2024-02-28", "extra": {"at": "2030-01-01"}}
JSONL
expect_exit 1 "due jsonl" -- g --as-of 2025-03-01 retention due --system shop --data contact.phone \
    --timestamp-column at --id-column id "$tmp/events.jsonl"
[ "$out" = $'e1\ne4' ] && pass || fail "jsonl ids: $out"
expect_contains "$err" "events.jsonl:3: no timestamp in \`at\`" "jsonl missing timestamp"
expect_contains "$err" "events.jsonl:4: unreadable JSON line" "jsonl bad line"
out=$(g -q --as-of 2025-03-02 retention due --system shop --data contact.phone --timestamp-column at --id-column id \
    --input-format jsonl - <"$tmp/events.jsonl" 2>"$tmp/stderr")
[ "$out" = $'e1\n2\ne4' ] && pass || fail "jsonl from stdin: $out"
expect_contains "$(cat "$tmp/stderr")" "<stdin>:3:" "stdin named in messages"

# --- due: usage errors (exit 2) ---------------------------------------------------------------
due_usage() {  # due_usage WHAT EXPECTED-TEXT ARGS...
    local what=$1 text=$2
    shift 2
    expect_exit 2 "$what" -- g retention due "$@"
    expect_contains "$err" "$text" "$what: message"
}
due_usage "unknown system" 'did you mean `shop`?' --system shp --data contact.email --timestamp-column at "$tmp/orders.csv"
due_usage "unknown category" 'did you mean `contact.email`?' --system shop --data contact.emial --timestamp-column at "$tmp/orders.csv"
due_usage "no rule" 'no retention rule for `financial`' --system shop --data financial --timestamp-column at "$tmp/orders.csv"
due_usage "undetermined" "undetermined, so nothing can be due" --system shop --data identity.name --timestamp-column at "$tmp/orders.csv"
due_usage "unknown column" 'did you mean `closed_at`?' --system shop --data contact.email --timestamp-column closed "$tmp/customers.csv"
due_usage "unknown id column" "(--id-column)" --system shop --data contact.email --timestamp-column closed_at --id-column idd "$tmp/customers.csv"
due_usage "missing file" "cannot open" --system shop --data contact.email --timestamp-column at "$tmp/nope.csv"
due_usage "a folder" "is a folder" --system shop --data contact.email --timestamp-column at "$tmp"
due_usage "empty export" "the export is empty" --system shop --data contact.email --timestamp-column at /dev/null
due_usage "bad input format" "use one of: csv, jsonl" --system shop --data contact.email --timestamp-column at --input-format xml "$tmp/orders.csv"
due_usage "missing option" "timestamp-column is required" --system shop --data contact.email "$tmp/orders.csv"

finish
