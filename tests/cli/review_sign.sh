#!/usr/bin/env bash
# End-to-end: `gdprctl review sign` records the annual review in the audit trail and as
# policy.last_review in gdpr.yaml (in place, comments kept), refuses while error-level actions
# remain unless --accept-open with a note, and leaves file and store as they were when it fails.
# The sign-off is dated at the real time, so the expected dates are computed from the clock.
set -u
: "${GDPRCTL:?path to the gdprctl binary}" "${TEST_DATA:?}"
source "$(dirname "$0")/support.bash"
unset GDPRCTL_USER
cp -r "$TEST_DATA/review" "$tmp/ws"
WS="$tmp/ws"
DB="$tmp/store/state.db"
g() { "$GDPRCTL" --workspace "$WS" --db "$DB" "$@"; }
today=$(date -u +%F)
# What a failed command must leave exactly as it was: gdpr.yaml and the store's content, the main
# file and its write-ahead log (a read-only open may leave an empty -wal and the -shm index behind,
# as every read command does; an empty log is the same as none).
state() {
  sha256sum "$WS/gdpr.yaml"
  [ -e "$DB" ] && sha256sum < "$DB" || echo "no store"
  cat "$DB-wal" 2>/dev/null | sha256sum
}
expect_unchanged() {
  [ "$(state)" == "$before" ] && pass || fail "$1: gdpr.yaml or the store changed"
}

# A block-style policy with comments of its own: the sign-off must keep them.
/usr/bin/python3 - "$WS/gdpr.yaml" <<'EOF'
import sys
path = sys.argv[1]
text = open(path).read()
text = text.replace('policy: {version: "3", last_review: 2025-03-01, review_interval: P1Y}\n',
    'policy:\n  # The board approves this policy.\n  version: "3"\n  last_review: 2025-03-01  # the board\'s own note\n'
    '  review_interval: P1Y\n# settings follow\n')
open(path, "w").write(text)
EOF
original=$(cat "$WS/gdpr.yaml")

# Usage errors (exit 2) change nothing and create no store.
before=$(state)
expect_exit 2 "no --by" -- g review sign
expect_contains "$err" "--by NAME" "says who must sign"
expect_exit 2 "--as-of" -- g --by ISO --as-of "$today" review sign
expect_contains "$err" "real time" "explains why --as-of is refused"
expect_exit 2 "--accept-open without a note" -- g --by ISO review sign --accept-open
expect_contains "$err" "--note" "asks for the note"
expect_exit 2 "--accept-open with a non-reason" -- g --by ISO review sign --accept-open --note ok
expect_exit 2 "bad format" -- g --by ISO --format md review sign
expect_unchanged "usage errors"
[ ! -e "$DB" ] && pass || fail "a usage error created the store"

# An overdue request is an error-level action: the sign-off is refused and nothing changes.
expect_exit 0 "open R1" -- g --by tester --as-of 2026-01-12 request open --type access --subject C-1 \
    --received 2026-01-12 --note "MARKER-SIGN" --backdate "test fixture"
before=$(state)
expect_exit 1 "refused while an error remains" -- g --by ISO review sign --note "annual board meeting"
expect_contains "$err" "1 error-level action(s): request-overdue REQ-2026-0001" "names the open item"
expect_contains "$err" "--accept-open" "says how to sign anyway"
expect_unchanged "refused sign-off"
expect_exit 0 "audit log" -- g audit log
[[ "$out" != *"review.sign"* ]] && pass || fail "a refused sign-off reached the audit trail"

# A failure while the store records the sign-off leaves gdpr.yaml as it was: the trail's newest
# event is dated tomorrow (allowed within a day), so an event dated now would go back in time.
tomorrow=$(date -u -d tomorrow +%F)
expect_exit 0 "event dated tomorrow" -- g --by tester --as-of "${tomorrow}T00:00:00Z" request task REQ-2026-0001 crm \
    --done
before=$(state)
expect_exit 1 "store refuses the event" -- g --by ISO review sign --accept-open --note "signed over the late request"
expect_contains "$err" "before the newest audit event" "says why the store refused"
expect_unchanged "store refused"
# A gdpr.yaml that cannot be written safely (a link out of the workspace) is refused before
# anything is recorded.
rm -rf "$tmp/store" && expect_exit 0 "open R1 again" -- g --by tester --as-of 2026-01-12 request open --type access \
    --subject C-1 --received 2026-01-12 --backdate "test fixture"
cp "$WS/gdpr.yaml" "$tmp/outside.yaml"
mv "$WS/gdpr.yaml" "$tmp/gdpr.yaml.kept" && ln -s "$tmp/outside.yaml" "$WS/gdpr.yaml"
before=$(state)
expect_exit 2 "gdpr.yaml links out" -- g --by ISO review sign --accept-open --note "signed over the late request"
expect_unchanged "link out"
[ "$(cat "$tmp/outside.yaml")" == "$original" ] && pass || fail "the file outside the workspace was written"
rm "$WS/gdpr.yaml" && mv "$tmp/gdpr.yaml.kept" "$WS/gdpr.yaml"

# --accept-open with a note: signed, and the open item recorded with the sign-off.
expect_exit 0 "accept-open" -- g --by "J. Jansen" --format json review sign --accept-open \
    --note "REQ-2026-0001 answered late; see the minutes"
/usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["signed"] == sys.argv[1] and d["by"] == "J. Jansen" and d["file"] == "gdpr.yaml", d
assert d["errors"] == 1 and [a["rule"] + " " + a["ref"] for a in d["accepted_open"]] == ["request-overdue REQ-2026-0001"], d
' "$today" <<<"$out" && pass || fail "accept-open json: $out"
expect_exit 0 "audit log after" -- g audit log
expect_contains "$out" "J. Jansen review.sign policy annual review of $today signed by J. Jansen: errors=1" \
    "the sign-off is in the audit trail"
expect_contains "$out" "accepted open items (1): [request-overdue REQ-2026-0001: request REQ-2026-0001 (access) is overdue" \
    "with the list of open items"
expect_contains "$out" "note: REQ-2026-0001 answered late; see the minutes" "with the note"
# The event is dated at the real time (no backdate), and its recorded time is the clock's.
expect_exit 0 "audit log json" -- g --format json audit log
/usr/bin/python3 -c '
import json, sys, datetime
events = [e for e in json.load(sys.stdin) if e["action"] == "review.sign"]
assert len(events) == 1, events
e = events[0]
now = datetime.datetime.now(datetime.timezone.utc)
at = datetime.datetime.fromisoformat(e["at"].replace("Z", "+00:00"))
assert abs((now - at).total_seconds()) < 300, (e["at"], now)
assert e.get("backdate_reason", "") == "", e
' <<<"$out" && pass || fail "sign-off dated at the real time: $out"
expect_exit 0 "audit verify" -- g audit verify

# gdpr.yaml: only last_review changed, the user's comments kept, the signer in a trailing comment.
expected=$(/usr/bin/python3 -c '
import sys
print(sys.stdin.read().replace("last_review: 2025-03-01  # the board'"'"'s own note",
      "last_review: " + sys.argv[1] + "  # the board'"'"'s own note"), end="")' "$today" <<<"$original")
[ "$(cat "$WS/gdpr.yaml")" == "$expected" ] && pass || fail "gdpr.yaml edit: $(diff <(echo "$expected") "$WS/gdpr.yaml")"
expect_exit 0 "check after" -- "$GDPRCTL" --workspace "$WS" check --fail-on error

# The policy review is no longer due; signing again with nothing open needs no --accept-open.
expect_exit 0 "task crm" -- g --by tester request task REQ-2026-0001 crm --done
expect_exit 0 "task web" -- g --by tester request task REQ-2026-0001 web --done
expect_exit 0 "close R1" -- g --by tester request close REQ-2026-0001 --outcome fulfilled
expect_exit 1 "review after" -- g --format json review
[[ "$out" != *"policy-review"* ]] && pass || fail "the policy review is still listed: $out"
sed -i 's/^  last_review: [0-9-]*  # .*$/  last_review: 2025-03-01/' "$WS/gdpr.yaml"
expect_exit 0 "sign with nothing open" -- g --by ISO review sign --note "annual board meeting"
expect_contains "$out" "signed the annual review of $today by ISO: 0 errors" "text output"
expect_contains "$(cat "$WS/gdpr.yaml")" "  last_review: $today # reviewed by ISO: annual board meeting" \
    "a new trailing comment names the signer"
expect_contains "$(cat "$WS/gdpr.yaml")" "# The board approves this policy." "other comments kept"

finish
