#!/usr/bin/env bash
# End-to-end tests of hostile input, hostile files and hostile repositories (issue 15): links out of
# the workspace, FIFOs and devices, alias bombs, CSV formula injection, terminal escapes, foreign
# databases, invalid UTF-8, output errors, unreadable folders. Each block names the item it covers.
set -uo pipefail
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}" "${TEST_DATA:?}"
source "$(dirname "$0")/support.bash"
export NO_COLOR=1
unset GITHUB_ACTIONS GDPRCTL_WORKSPACE GDPRCTL_DB
# Changes are dated today: the audit trail refuses an unexplained change dated more than a day ago.
readonly AS_OF=$(date -u +%F)

# A fresh copy of the clean fixture workspace.
new_ws() {
    local ws
    ws=$(mktemp -d "$tmp/ws.XXXX")
    cp -r "$TEST_DATA/check/valid/." "$ws/"
    echo "$ws"
}
# Runs with a time limit: a hang is a failure (exit 124), never a stuck suite.
g() { timeout 20 "$GDPRCTL" "$@"; }
not_contains() {
    if [[ "$1" != *"$2"* ]]; then pass; else fail "$3: output has [$2]"; fi
}
# As an unprivileged user when run as root, for permission tests (root reads everything).
as_user() {
    if [[ $(id -u) -eq 0 ]]; then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; else "$@"; fi
}

# ---- 1. writes: never through a link out of the workspace, never onto a device ---------------
ws=$(new_ws)
outside=$(mktemp -d "$tmp/outside.XXXX")
echo "precious" >"$outside/target.txt"
ln -s "$outside/target.txt" "$ws/ropa.md"
expect_exit 2 "report -o through a link out of the folder" -- g --workspace "$ws" --as-of $AS_OF report ropa -o "$ws/ropa.md"
expect_contains "$(cat "$outside/target.txt")" "precious" "linked target untouched"
expect_contains "$err" "outside" "link refusal says why"
expect_exit 2 "report -o /dev/null is refused" -- g --workspace "$ws" --as-of $AS_OF report ropa -o /dev/null
[[ -c /dev/null ]] && pass || fail "/dev/null is still a character device"
mkfifo "$ws/pipe.md"
expect_exit 2 "report -o onto a FIFO is refused without blocking" -- g --workspace "$ws" --as-of $AS_OF report ropa -o "$ws/pipe.md"
expect_exit 0 "report -o - writes to standard output" -- g --workspace "$ws" --as-of $AS_OF report ropa -o -
expect_contains "$out" "Record of processing" "report -o - content"
expect_exit 0 "report -o /dev/stdout writes to standard output" -- g --workspace "$ws" --as-of $AS_OF report ropa -o /dev/stdout
expect_contains "$out" "Record of processing" "report -o /dev/stdout content"
out=$(g --workspace "$ws" --as-of $AS_OF report ropa -o /dev/stdout | cat) && pass || fail "report -o /dev/stdout into a pipe"
# An authoring command never writes through a symlinked register file that leaves the workspace.
ws=$(new_ws)
victim=$(mktemp -d "$tmp/victim.XXXX")
printf 'recipients: []\n' >"$victim/recipients.yaml"
before=$(cat "$victim/recipients.yaml")
ln -s "$victim/recipients.yaml" "$ws/recipients.yaml"
expect_exit 2 "recipient add into a register whose file links out" -- g --workspace "$ws" --as-of $AS_OF \
    recipient add --id rx-new --name "New" --role controller --country NL
[[ "$(cat "$victim/recipients.yaml")" == "$before" ]] && pass || fail "file outside the workspace was modified"
expect_contains "$err" "outside" "authoring refusal says why"

# ---- 2 and 4. reads: no links out of the workspace, no FIFOs or devices, never blocking --------
ws=$(new_ws)
ln -s /proc/self/environ "$ws/systems/env.yaml"
export GDPRCTL_TEST_SECRET=hunter2-token
for format in text junit json sarif github; do
    expect_exit 1 "check with a link to /proc/self/environ ($format)" -- g --workspace "$ws" --as-of $AS_OF check --format $format
    not_contains "$out" "hunter2-token" "environment leaked in $format"
done
unset GDPRCTL_TEST_SECRET
expect_exit 1 "check reports the link" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "error[file-outside-workspace]" "file-outside-workspace finding"
ws=$(new_ws)
mkfifo "$ws/systems/fifo.yaml"
expect_exit 1 "check with a FIFO named *.yaml does not hang" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "error[file-not-regular]" "file-not-regular finding"
expect_contains "$out" "FIFO" "the finding names the file type"
expect_exit 1 "register list with a FIFO does not hang, and says what it left out" -- g --workspace "$ws" --as-of $AS_OF register list
expect_exit 0 "report with a FIFO does not hang" -- g --workspace "$ws" --as-of $AS_OF report ropa
expect_exit 0 "request open with a FIFO does not hang" -- g --workspace "$ws" --db "$tmp/fifo.db" --by t \
    --as-of $AS_OF request open --type access --subject a@example.org
ws=$(new_ws)
ln -s /dev/zero "$ws/systems/zero.yaml"
expect_exit 1 "a link to /dev/zero is refused" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "error[file-" "link to /dev/zero reported"
ws=$(new_ws)
ln -s loop.yaml "$ws/systems/loop.yaml"
expect_exit 1 "a symbolic link loop" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "symbolic link loop" "link loop named (item 16)"

# ---- 3. alias bombs and the file-size cap ------------------------------------------------------
ws=$(new_ws)
{
    echo 'systems:'
    echo '  - id: bomb'
    echo '    a0: &a0 [x, x, x, x, x, x, x, x, x, x]'
    for i in 1 2 3 4 5 6 7; do
        p=$((i - 1))
        echo "    a$i: &a$i [*a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p]"
    done
} >"$ws/systems/bomb.yaml"
# A memory limit stops an unbounded expansion quickly (not under ASan, which reserves far more).
limit=2000000
[[ -n ${ASAN_OPTIONS:-} ]] && limit=unlimited
out=$( (ulimit -v $limit; timeout 20 "$GDPRCTL" --workspace "$ws" --as-of $AS_OF check) 2>&1) && code=0 || code=$?
[[ $code -eq 1 ]] && pass || fail "alias bomb: exit $code, expected 1"
expect_contains "$out" "error[yaml-expansion-too-large]" "alias bomb reported"
ws=$(new_ws)
truncate -s 65M "$ws/systems/huge.yaml"
expect_exit 1 "a file over the cap is not read" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "error[file-too-large]" "file-too-large finding"

# ---- 5. CSV formula injection --------------------------------------------------------------------
ws=$(new_ws)
sed -i "0,/owner: .*/s//owner: \"=HYPERLINK(\\\\\"http:\/\/evil\\\\\",\\\\\"x\\\\\")\"/" "$ws"/systems/*.yaml
expect_exit 0 "report ropa csv" -- g --workspace "$ws" --as-of $AS_OF report ropa --format csv
expect_contains "$out" "\"'=HYPERLINK" "formula cell neutralised with a quote"
not_contains "$out" ",=HYPERLINK" "raw formula cell"

# ---- 6. terminal escapes, bidi controls and newlines ---------------------------------------------
ws=$(new_ws)
printf 'systems:\n  - id: "evil\\e]0;pwned\\a"\n    name: "a\\u202eb"\n' >"$ws/systems/esc.yaml"
nl_name=$'bad\n::error file=x::forged.yaml'
printf 'systems: [\n' >"$ws/systems/$nl_name"
expect_exit 1 "check of escape sequences" -- g --workspace "$ws" --as-of $AS_OF check
not_contains "$out" $'\e' "ESC reached the terminal"
not_contains "$out" $'\a' "BEL reached the terminal"
not_contains "$out" $'\u202e' "bidi control reached the terminal"
not_contains "$out" $'\n::error' "a file name forged a line"
expect_exit 1 "register list of escape sequences (one file does not parse)" -- g --workspace "$ws" --as-of $AS_OF register list
not_contains "$out" $'\e' "ESC in register list"
db="$tmp/esc.db"
expect_exit 0 "request open with escapes in --by and the note" -- g --workspace "$ws" --db "$db" --by $'mallory\e[2J' \
    --as-of $AS_OF request open --type access --subject x@example.org --note $'line1\nline2\e[2J'
expect_exit 0 "audit log" -- g --db "$db" audit log
not_contains "$out" $'\e' "ESC in audit log"
expect_exit 0 "request list" -- g --db "$db" --as-of $AS_OF request list
not_contains "$out" $'\e' "ESC in request list"

# ---- 7. foreign databases, 0600, read commands never create a store -----------------------------
foreign="$tmp/foreign.db"
sqlite3 "$foreign" "CREATE TABLE accounts(id INTEGER, secret TEXT); INSERT INTO accounts VALUES (1, 's');"
sum=$(sha256sum "$foreign")
expect_exit 2 "request list on another application's database" -- g --db "$foreign" request list
expect_contains "$err" "not a gdprctl store" "foreign database named"
expect_exit 2 "request open on another application's database" -- g --workspace "$(new_ws)" --db "$foreign" --by t \
    request open --type access --subject a@example.org
[[ "$(sha256sum "$foreign")" == "$sum" ]] && pass || fail "foreign database was changed"
expect_exit 2 "a read command on a missing store" -- g --db "$tmp/no/such/dir/state.db" request list
expect_contains "$err" "no store at" "missing store named"
[[ ! -e "$tmp/no" ]] && pass || fail "a read command created folders"
expect_exit 2 "audit verify on a missing store" -- g --db "$tmp/missing.db" audit verify
[[ ! -e "$tmp/missing.db" ]] && pass || fail "audit verify created a store"
loose="$tmp/loose.db"
: >"$loose"
chmod 644 "$loose"
expect_exit 0 "request open into an existing loose file" -- g --workspace "$(new_ws)" --db "$loose" --by t \
    --as-of $AS_OF request open --type access --subject a@example.org
[[ $(stat -c %a "$loose") == 600 ]] && pass || fail "store mode is $(stat -c %a "$loose"), expected 600"
# A store its reader may not write can still be listed (opened read-only).
rodir=$(mktemp -d "$tmp/ro.XXXX")
cp "$loose" "$rodir/state.db"
chmod 755 "$rodir" "$tmp"
chmod 644 "$rodir/state.db"
chmod 555 "$rodir"
expect_exit 0 "request list of a read-only store" -- as_user "$GDPRCTL" --db "$rodir/state.db" request list
expect_contains "$out" "access" "read-only store listed"

# ---- 9. invalid UTF-8 ----------------------------------------------------------------------------
ws=$(new_ws)
printf 'systems:\n  - id: latin\n    name: "caf\xe9"\n' >"$ws/systems/latin1.yaml"
expect_exit 1 "invalid UTF-8 is a finding" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "latin1.yaml:3:15: error[invalid-utf8]" "invalid-utf8 with its position"
for format in json sarif junit text github; do
    g --workspace "$ws" --as-of $AS_OF check --format $format >"$tmp/utf8.$format"
    if iconv -f utf-8 -t utf-8 "$tmp/utf8.$format" >/dev/null 2>&1; then pass; else fail "$format output is not UTF-8"; fi
done
$PYTHON -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/utf8.sarif" && pass || fail "SARIF is not JSON"
$PYTHON -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" "$tmp/utf8.junit" && pass || fail "JUnit is not XML"

# ---- 12. output errors are errors ----------------------------------------------------------------
ws=$(new_ws)
db="$tmp/full.db"
g --workspace "$ws" --db "$db" --by t --as-of $AS_OF request open --type access --subject a@example.org >/dev/null
for command in "report ropa" "register list" "audit log" "request list" "check --format sarif"; do
    # shellcheck disable=SC2086
    g --workspace "$ws" --db "$db" --as-of $AS_OF $command >/dev/full 2>"$tmp/full.err" && code=0 || code=$?
    [[ $code -eq 2 ]] && pass || fail "$command > /dev/full: exit $code, expected 2"
done

# ---- 14. silent omissions ------------------------------------------------------------------------
ws=$(new_ws)
mkdir "$ws/locked"
cp "$ws"/systems/*.yaml "$ws/locked/"
chmod -R a+rX "$ws" "$tmp"
chmod 000 "$ws/locked"
expect_exit 1 "an unreadable folder is a finding" -- as_user "$GDPRCTL" --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "error[folder-unreadable]" "folder-unreadable finding"
chmod 755 "$ws/locked"
chmod 000 "$ws"/systems/*.yaml
expect_exit 1 "an unreadable file is a finding" -- as_user "$GDPRCTL" --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "error[file-unreadable]" "file-unreadable finding"
expect_exit 1 "register list with an unreadable file says so" -- as_user "$GDPRCTL" --workspace "$ws" --as-of $AS_OF register list
expect_contains "$err" "could not be read" "register list names what it left out"
chmod 644 "$ws"/systems/*.yaml

# ---- 8. the audit trail against a determined editor ----------------------------------------------
ws=$(new_ws)
trail() {  # trail DB: a store with 3 requests, one of them closed
    local db=$1 i
    for i in 1 2 3; do
        g --workspace "$ws" --db "$db" --by officer --as-of $AS_OF request open --type access --subject "s$i@example.org" >/dev/null
    done
}
db="$tmp/audit1.db"; trail "$db"
expect_exit 0 "verify of an untouched trail" -- g --db "$db" audit verify
sqlite3 "$db" "DELETE FROM audit_events; DELETE FROM audit_head;"
expect_exit 1 "every event and the head deleted while requests remain" -- g --db "$db" audit verify
db="$tmp/audit2.db"; trail "$db"
sqlite3 "$db" "DELETE FROM audit_events WHERE seq = 3; UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_events WHERE seq = 2);"
expect_exit 1 "newest event deleted and the head moved back" -- g --db "$db" audit verify
db="$tmp/audit3.db"; trail "$db"
sqlite3 "$db" "UPDATE requests SET due = '2099-01-01' WHERE number = 2;"
expect_exit 1 "a request edited in the database" -- g --db "$db" audit verify
expect_contains "$out" "changed since event" "request edit named"
db="$tmp/audit4.db"; trail "$db"
sqlite3 "$db" "UPDATE tasks SET done_at = '2026-11-25T00:00:00Z', done_by = 'x' WHERE rowid IN (SELECT rowid FROM tasks LIMIT 1);" 2>/dev/null ||
    sqlite3 "$db" "UPDATE tasks SET note = 'forged' WHERE request_id = (SELECT MIN(request_id) FROM tasks);"
expect_exit 1 "a task edited in the database" -- g --db "$db" audit verify
db="$tmp/audit5.db"; trail "$db"
sqlite3 "$db" "DELETE FROM requests WHERE number = 1;"
expect_exit 1 "a request deleted" -- g --db "$db" audit verify
# Keyed chain: an edited event with a recomputed (unkeyed) chain is caught with the key.
key="$tmp/audit.key"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$key"
chmod 600 "$key"
db="$tmp/audit6.db"
GDPRCTL_AUDIT_KEY_FILE="$key" trail "$db"
GDPRCTL_AUDIT_KEY_FILE="$key" expect_exit 0 "keyed trail verifies with the key" -- g --db "$db" audit verify
expect_contains "$out" "3 keyed" "keyed events counted"
expect_exit 2 "keyed trail without the key cannot be verified" -- g --db "$db" audit verify
$PYTHON - "$db" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT seq, at, actor, action, target, details, records FROM audit_events ORDER BY seq").fetchall()
prev = "0" * 64
for seq, at, actor, action, target, details, records in rows:
    if seq == 2:
        actor = "someone-else"
    fields = [str(seq), at, actor, action, target, details] + ([records] if records else [])
    content = "".join(f"{len(f.encode())}:{f}\n" for f in fields)
    h = hashlib.sha256((prev + content).encode()).hexdigest()
    db.execute("UPDATE audit_events SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?", (actor, prev, h, seq))
    prev = h
db.execute("UPDATE audit_head SET hash = ?", (prev,))
db.commit()
PY
GDPRCTL_AUDIT_KEY_FILE="$key" expect_exit 1 "an event edited and the chain recomputed without the key" -- g --db "$db" audit verify
chmod 644 "$key"
GDPRCTL_AUDIT_KEY_FILE="$key" expect_exit 2 "a key file readable by others is refused" -- g --db "$db" audit verify
# The anchor: audit head, then verify --expect.
db="$tmp/audit7.db"; trail "$db"
expect_exit 0 "audit head" -- g --db "$db" audit head
anchor=$out
[[ $anchor =~ ^3:[0-9a-f]{64}$ ]] && pass || fail "audit head prints SEQ:HASH, got [$anchor]"
g --workspace "$ws" --db "$db" --by officer --as-of $AS_OF request open --type access --subject s4@example.org >/dev/null
expect_exit 0 "verify --expect an older anchor" -- g --db "$db" audit verify --expect "$anchor"
expect_exit 1 "verify --expect an anchor the trail no longer holds" -- g --db "$db" audit verify --expect "3:$(printf '0%.0s' {1..64})"
expect_exit 2 "verify --expect garbage" -- g --db "$db" audit verify --expect nonsense

# ---- 10. dates 0001-9999, durations capped ---------------------------------------------------------
ws=$(new_ws)
db="$tmp/dates.db"
# A change dated 9999-12-31 is refused before anything is computed from it (it lies in the future);
# nothing out of range reaches the store.
expect_exit 1 "a change dated 9999-12-31 is refused" -- g --workspace "$ws" --db "$db" --by t --as-of 9999-12-31 \
    request open --type access --subject a@example.org
not_contains "$out$err" "10000-" "no date past 9999 is printed"
expect_exit 2 "--as-of 0000-01-01 is refused" -- g --workspace "$ws" --as-of 0000-01-01 check
if [[ -e "$db" ]]; then
    expect_exit 0 "the store stays readable after the refusal" -- g --db "$db" --as-of 2026-11-25 request list
fi
sed -i 's/review_interval: P1Y/review_interval: P100000Y/' "$ws/gdpr.yaml"
expect_exit 1 "P100000Y is an invalid duration, not a wrapped year" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "error[invalid-duration]" "huge duration reported"

# ---- 16. clearer errors -------------------------------------------------------------------------
ws=$(new_ws)
$PYTHON -c "print('systems: ' + '[' * 5000 + ']' * 5000)" >"$ws/systems/deep.yaml"
expect_exit 1 "deep nesting" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "nested more than 256 levels" "deep nesting named"
[[ ${#out} -lt 4000 ]] && pass || fail "a finding on a very long line prints ${#out} bytes"
expect_exit 2 "--as-of \"\" is an error, not the clock" -- g --workspace "$(new_ws)" --as-of "" check
expect_contains "$err" "--as-of" "empty --as-of named"
ws=$(new_ws)
printf 'systems:\0\n' >"$ws/systems/nul.yaml"
expect_exit 1 "a NUL byte" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "NUL byte" "NUL byte named"
ws=$(new_ws)
printf 'systems:\r  - id: a\r    name: b\r' >"$ws/systems/cr.yaml"
expect_exit 1 "CR-only line endings" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "CR only" "CR-only line endings named"
expect_exit 2 "--workspace naming a file" -- g --workspace "$ws/gdpr.yaml" check
expect_contains "$err" "is a file" "--workspace naming a file says so"
ws=$(new_ws)
printf 'systems:\n  - id: quoted\n    name: "unterminated\n    owner: x\n' >"$ws/systems/quote.yaml"
expect_exit 1 "an unterminated double quote" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "quote.yaml:3:11: error[yaml-syntax]" "unterminated quote at its opening"

# ---- 11. a workspace lock across multi-file edits ----------------------------------------------------
ws=$(new_ws)
dangling=0
for trial in $(seq 1 12); do
    g --workspace "$ws" --as-of $AS_OF recipient add --id "rx$trial" --name "Rx $trial" --role controller --country NL >/dev/null 2>&1
    g --workspace "$ws" --as-of $AS_OF recipient remove "rx$trial" >/dev/null 2>&1 &
    g --workspace "$ws" --as-of $AS_OF register add --id "sys$trial" --name "S" --owner o --subject customer \
        --data contact.email --purpose "p:contract" --retention "contact.email:P1Y" --security tls \
        --recipient "rx$trial" >/dev/null 2>&1 &
    wait
done
g --workspace "$ws" --as-of $AS_OF check --format json >"$tmp/race.json"
if grep -q '"unknown-reference"' "$tmp/race.json"; then
    fail "a recipient removed while a system was added with a reference to it"
else
    pass
fi

# ---- 15. interrupted work: stale temporary files ----------------------------------------------------
ws=$(new_ws)
echo "half-written" >"$ws/systems/.crm.yaml.tmp-Ab12Cd"
touch -d '1 hour ago' "$ws/systems/.crm.yaml.tmp-Ab12Cd"
echo "in progress" >"$ws/systems/.crm.yaml.tmp-Live01"
expect_exit 0 "a stale temporary file is a warning" -- g --workspace "$ws" --as-of $AS_OF check
expect_contains "$out" "systems/.crm.yaml.tmp-Ab12Cd: warning[stale-temp-file]" "stale-temp-file finding"
not_contains "$out" "tmp-Live01" "a fresh temporary file (a live writer's) is not reported"
expect_exit 0 "a write of the file" -- g --workspace "$ws" --as-of $AS_OF register review crm --by officer
[[ ! -e "$ws/systems/.crm.yaml.tmp-Ab12Cd" ]] && pass || fail "the stale temporary file was not removed"
[[ -e "$ws/systems/.crm.yaml.tmp-Live01" ]] && pass || fail "a fresh temporary file was removed"

# An erasure blocked by a reader: not done while the bytes remain; the next change completes it.
ws=$(new_ws)
db="$tmp/purge.db"
g --workspace "$ws" --db "$db" --by t --as-of $AS_OF request open --type erasure --subject victim-4711@example.org >/dev/null
(echo "BEGIN; SELECT count(*) FROM requests;"; sleep 20) | sqlite3 "$db" >/dev/null &
reader=$!
sleep 0.5
out=$(timeout 60 "$GDPRCTL" --workspace "$ws" --db "$db" --by t --as-of $AS_OF subject erase victim-4711@example.org \
    --force --reason "erasure request answered by this erasure" 2>"$tmp/err") && code=0 || code=$?
err=$(cat "$tmp/err")
[[ $code -eq 2 ]] && pass || fail "an erasure that cannot purge the log exits $code, expected 2"
expect_contains "$err" "purge is pending" "pending purge said"
[[ -e "$db-purge-pending" ]] && pass || fail "no pending purge recorded"
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
expect_exit 0 "the next change" -- g --workspace "$ws" --db "$db" --by t --as-of $AS_OF request open --type access --subject other@example.org
[[ ! -e "$db-purge-pending" ]] && pass || fail "the pending purge was not completed"
if cat "$db" "$db-wal" 2>/dev/null | grep -qa "victim-4711"; then fail "erased bytes remain in the store files"; else pass; fi

finish
