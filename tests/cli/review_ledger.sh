#!/usr/bin/env bash
# End-to-end: the breach and consent areas of `gdprctl review` (issue 9, item 1) on a copy of the
# ledger workspace with known problems, at four --as-of dates: the exact actions of those areas
# (area, severity, rule, ref, due) and the exit code at each. The store is written at the real
# time; the facts carry their own dates (--aware-at, --at) and a late-recorded filing --backdate.
set -u
: "${GDPRCTL:?path to the gdprctl binary}" "${TEST_DATA:?}"
source "$(dirname "$0")/support.bash"
WS="$tmp/ws"
cp -r "$TEST_DATA/ledger" "$WS"
DB="$tmp/store/state.db"
g() { "$GDPRCTL" --workspace "$WS" --db "$DB" --by tester "$@"; }
# The actions of the breach and consent areas as "area severity rule ref due" lines, in the
# review's order.
ledger_actions() { /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
for a in d["actions"]:
    if a["area"] in ("breaches", "consent"):
        print(a["area"], a["severity"], a["rule"], a["ref"], a["due"] or "-")'; }
same() {  # same NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then pass; else fail "$1: expected
$2
got
$3"; fi
}

# Breaches. B1: aware 2026-11-02, never assessed or notified. B2: aware 2026-11-10, high risk,
# the authority notified on time (recorded afterwards), the people affected not informed. B3:
# aware 2026-11-16, no risk (the decision not to notify recorded).
expect_exit 0 "B1" -- g breach open --summary "laptop stolen" --aware-at 2026-11-02T09:00Z
expect_exit 0 "B2" -- g breach open --summary "customer database copied" --aware-at 2026-11-10T08:00Z
expect_exit 0 "B3" -- g breach open --summary "e-mail to the wrong customer" --aware-at 2026-11-16T10:00Z
expect_exit 0 "B2 assessed" -- g breach assess BR-2026-0002 --risk high --consequences "phishing" --measures "reset"
expect_exit 0 "B2 notified" -- g breach notify BR-2026-0002 --authority --at 2026-11-12T08:00Z \
  --backdate "filed on the AP portal on time; recorded afterwards"
expect_exit 0 "B3 assessed" -- g breach assess BR-2026-0003 --risk none --consequences "recalled unread" --measures "training"

# Consent: C-1 consents to crm/newsletter (2026-05-01) and website/analytics (2026-05-03), and
# withdraws crm/newsletter on 2026-05-20: four propagation tasks, of which crm's is done now.
expect_exit 0 "consent 1" -- g consent record --subject C-1 --purpose crm/newsletter --evidence "form v3" --at 2026-05-01T10:00Z
expect_exit 0 "consent 2" -- g consent record --subject C-1 --purpose website/analytics --evidence "banner" --at 2026-05-03T10:00Z
expect_exit 0 "withdrawal" -- g consent withdraw --subject C-1 --purpose crm/newsletter --at 2026-05-20T09:00Z
expect_exit 0 "crm task done" -- g consent task CON-3 crm

# Date 1, 2026-04-30: no breach known yet, no consent recorded: nothing in these areas.
expect_exit 0 "2026-04-30" -- g --as-of 2026-04-30 --format json review
same "2026-04-30 actions" "" "$(ledger_actions <<<"$out")"

# The register no longer bases website/analytics on consent (check adds its own finding: no
# balancing test; the areas compared here are the breaches and consent ones).
sed -i '/id: analytics/,/basis:/ s/basis: consent/basis: legitimate-interests/' "$WS/systems/website.yaml"
grep -q "basis: legitimate-interests" "$WS/systems/website.yaml" && pass || fail "fixture: the basis was not changed"

# Date 2, 2026-05-25: the withdrawal's four tasks are open (crm's was done later); one consent
# recorded for a purpose no longer based on consent.
expect_exit 1 "2026-05-25" -- g --as-of 2026-05-25 --format json review
same "2026-05-25 actions" \
"consent error consent-purpose-not-consent-based website/analytics -
consent warning withdrawal-not-propagated crm 2026-05-20
consent warning withdrawal-not-propagated notify:analytics-co 2026-05-20
consent warning withdrawal-not-propagated notify:mailer-co 2026-05-20
consent warning withdrawal-not-propagated website 2026-05-20" "$(ledger_actions <<<"$out")"

# Date 3, 2026-11-11T12:00Z: B1 is past its 72 hours; B2's deadline (2026-11-13T08:00Z) is to
# come and it was not yet assessed then; B3 was not yet known.
expect_exit 1 "2026-11-11" -- g --as-of 2026-11-11T12:00:00Z --format json review
same "2026-11-11 actions" \
"breaches error breach-notification-late BR-2026-0001 2026-11-05
breaches warning breach-notification-due BR-2026-0002 2026-11-13
consent error consent-purpose-not-consent-based website/analytics -
consent warning withdrawal-not-propagated crm 2026-05-20
consent warning withdrawal-not-propagated notify:analytics-co 2026-05-20
consent warning withdrawal-not-propagated notify:mailer-co 2026-05-20
consent warning withdrawal-not-propagated website 2026-05-20" "$(ledger_actions <<<"$out")"
/usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
acts = {(a["rule"], a["ref"]): a for a in d["actions"] if a["area"] in ("breaches", "consent")}
late = acts[("breach-notification-late", "BR-2026-0001")]
assert late["article"] == "GDPR Art. 33(1), 33(5)", late
assert late["owner"] == "Information Security Officer", late
assert "past its 72 hours (deadline 2026-11-05T09:00:00Z)" in late["what"], late
due = acts[("breach-notification-due", "BR-2026-0002")]
assert "by 2026-11-13T08:00:00Z" in due["what"], due
crm = acts[("withdrawal-not-propagated", "crm")]
assert crm["article"] == "GDPR Art. 7(3)" and crm["owner"] == "Sales", crm
assert "CON-3" in crm["what"], crm
assert acts[("withdrawal-not-propagated", "website")]["owner"] == "Marketing"
basis = acts[("consent-purpose-not-consent-based", "website/analytics")]
assert basis["owner"] == "Marketing" and "legitimate-interests" in basis["what"], basis
assert basis["article"].startswith("GDPR Art. 6(1)(a)"), basis
assert d["summary"]["breaches"] == {"error": 1, "warning": 1}, d["summary"]
assert d["summary"]["consent"] == {"error": 1, "warning": 4}, d["summary"]
assert "2026-11-13" in [u["due"] for u in d["upcoming"]], d["upcoming"]
' <<<"$out" && pass || fail "2026-11-11: articles, owners, texts, summary, timeline"

# Date 4, now: B1 still late; B2 notified, but the people affected are not informed; crm's task
# is done.
expect_exit 1 "now" -- g --format json review
same "now actions" \
"breaches error breach-notification-late BR-2026-0001 2026-11-05
breaches error breach-subjects-not-informed BR-2026-0002 $(date -u +%F)
consent error consent-purpose-not-consent-based website/analytics -
consent warning withdrawal-not-propagated notify:analytics-co 2026-05-20
consent warning withdrawal-not-propagated notify:mailer-co 2026-05-20
consent warning withdrawal-not-propagated website 2026-05-20" "$(ledger_actions <<<"$out")"
/usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
a = [a for a in d["actions"] if a["rule"] == "breach-subjects-not-informed"][0]
assert a["article"] == "GDPR Art. 34(1)", a
' <<<"$out" && pass || fail "now: Art. 34(1)"

# Once everything is done, these areas are empty.
expect_exit 0 "B1 assessed" -- g breach assess BR-2026-0001 --risk risk --consequences "theft" --measures "remote wipe"
expect_exit 0 "B1 notified late" -- g breach notify BR-2026-0001 --authority --delay-reason "the theft was reported to us late"
expect_exit 0 "B2 people informed" -- g breach notify BR-2026-0002 --subjects
for target in website notify:mailer-co notify:analytics-co; do
  expect_exit 0 "task $target" -- g consent task CON-3 "$target"
done
sed -i '/id: analytics/,/basis:/ s/basis: legitimate-interests/basis: consent/' "$WS/systems/website.yaml"
expect_exit 0 "all done" -- g --format json review
same "all done: no actions in these areas" "" "$(ledger_actions <<<"$out")"

# The text report names them with the escaped summary; a summary with a terminal escape is shown
# escaped.
expect_exit 0 "B4" -- g breach open --summary $'printer \e[31mred' --aware-at 2026-11-01T00:00Z
expect_exit 1 "text" -- g review
expect_contains "$out" 'breach BR-2026-0004 ("printer \x1b[31mred")' "text: the summary escaped"
expect_contains "$out" "breaches (1 error" "text: the breaches area"

finish
