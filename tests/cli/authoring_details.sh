#!/usr/bin/env bash
# End-to-end: the smaller promises of the authoring commands and of check/report/rules (issue 14):
# alignment by display width, country codes in any case, footers of their own, an empty register,
# init's next steps, one finding per mistake, article text, rule suggestions, review sign-offs in
# the audit trail, and the notice for one audience.
set -u
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}"
: "${SOURCE_DIR:?set SOURCE_DIR to the source tree}"
source "$SOURCE_DIR/tests/cli/support.bash"
G="$GDPRCTL"
cd "$tmp" || exit 1
W=(--workspace ws --as-of 2026-11-25)

# --- init: next steps include changing into the folder; an existing workspace refused first ------
expect_exit 0 "init" -- "$G" --as-of 2026-11-25 init ws --org "Acme B.V." --country nl \
    --contact privacy@acme.example --responsible ISO --authority "Autoriteit Persoonsgegevens"
expect_contains "$out" "  cd ws" "init's next steps change into the new folder"
expect_contains "$(cat ws/gdpr.yaml)" "country: NL" "a lower-case country is written upper-case"
expect_exit 2 "init on an existing workspace" -- "$G" init ws -i
expect_contains "$err" "already holds a gdprctl workspace" "init says so before asking anything"
[[ "$err" != *"Organisation name"* ]] && pass || fail "init asked a question before refusing"

# --- an empty register says so --------------------------------------------------------------------
expect_exit 0 "register list on an empty register" -- "$G" "${W[@]}" register list
expect_contains "$out" "the register has no systems yet" "an empty register says so"

# --- country codes in any case; display-width alignment -------------------------------------------
expect_exit 0 "recipient add with a lower-case country" -- "$G" "${W[@]}" recipient add --id tokyo \
    --name "東京ペイロール" --role processor --country jp --agreement-signed 2025-01-01 --transfer adequacy
expect_exit 0 "recipient add" -- "$G" "${W[@]}" recipient add --id muller --name "Müller GmbH" \
    --role processor --country DE --agreement-signed 2025-01-01
expect_contains "$(cat ws/recipients.yaml)" "country: JP" "the country code is written upper-case"
expect_exit 0 "recipient list" -- "$G" "${W[@]}" recipient list
columns=$(python3 -c '
import sys, unicodedata
def width(s): return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
starts = set()
for line in sys.stdin.read().splitlines():
    at = line.find("processor")
    if at >= 0:
        starts.add(width(line[:at]))
print(len(starts))' <<<"$out")
[ "$columns" = 1 ] && pass || fail "the ROLE column starts at one display column: $out"

# --- a system with a unicode name, and the review sign-off in the audit trail -----------------------
expect_exit 0 "register add" -- "$G" "${W[@]}" register add --id crm --name "Kundenverwaltung Ä" --owner Sales \
    --subject customer --data contact.email --purpose service:contract \
    --purpose-description "service=Deliver the service" --retention contact.email:P2Y --security tls
expect_exit 0 "register review" -- "$G" "${W[@]}" --by ISO register review crm --note "checked" \
    --backdate "the suite pins its dates"
expect_exit 0 "audit log" -- "$G" --workspace ws audit log
expect_contains "$out" "system.review" "the sign-off reaches the audit trail"
expect_contains "$out" "crm" "the audit event names the system"

# --- one mistake, one finding; article text not nested twice ----------------------------------------
mkdir -p ws/more
cat > ws/more/tls.yaml <<'YAML'
systems:
  - id: web
    name: Website
    owner: Marketing
    subjects: [website-visitor]
    data: [online.ip-address]
    purposes: [{id: stats, description: Count visits, basis: consent, consent: {evidence: banner-log, withdrawal: banner}}]
    retention: [{data: [online.ip-address], period: P1M}]
    security: tls
    last_review: 2026-11-01
YAML
expect_exit 1 "check a system with security: tls" -- "$G" "${W[@]}" check
count=$(grep -c 'more/tls.yaml:' <<<"$out")
[ "$count" = 1 ] && pass || fail "security: tls gives one finding, got $count: $out"
expect_contains "$out" "error[schema-type]" "the finding is the type error"
[[ "$out" != *"(gdprctl register format))"* ]] && pass || fail "article text nested twice: $out"
rm -r ws/more

# --- rules NAME suggests the nearest rule, or the rules about a word --------------------------------
expect_exit 2 "rules with a typo" -- "$G" rules retention-undetrmined
expect_contains "$err" 'did you mean `retention-undetermined`?' "the nearest rule id"
expect_exit 2 "rules with a word" -- "$G" rules consent
expect_contains "$err" "consent-without-evidence" "the rules about a word"

# --- footers belong to their own subcommand --------------------------------------------------------
expect_exit 0 "cookie remove --help" -- "$G" cookie remove --help
[[ "$out" != *"New cookies are appended"* ]] && pass || fail "cookie remove shows its group's footer"
expect_exit 0 "audit verify --help" -- "$G" audit verify --help
[[ "$out" != *"gdprctl audit log --since"* ]] && pass || fail "audit verify shows its group's footer"

# --- the notice for one audience; purposes without description ------------------------------------
cat > ws/systems/hr.yaml <<'YAML'
systems:
  - id: hr
    name: HR
    owner: People
    subjects: [employee]
    data: [identity.name, special.health]
    purposes: [{id: sick-leave, description: Handle sick leave, basis: legal-obligation, law: Wet verbetering poortwachter, special_condition: 9(2)(b)}]
    retention: [{data: [identity.name, special.health], period: P2Y}]
    security: [tls]
    last_review: 2026-11-01
YAML
expect_exit 0 "notice for customers" -- "$G" "${W[@]}" report notice --subjects customer
expect_contains "$out" "Deliver the service" "the customers' notice has the customers' purposes"
[[ "$out" != *"sick leave"* && "$out" != *"health"* ]] && pass || fail "employees' health data in the customers' notice"
expect_exit 0 "notice for employees" -- "$G" "${W[@]}" report notice --subjects employee
expect_contains "$out" "Handle sick leave" "the employees' notice"
expect_exit 2 "notice for an unknown audience" -- "$G" "${W[@]}" report notice --subjects custmer
expect_contains "$err" 'did you mean `customer`?' "an unknown audience is refused with a suggestion"
expect_exit 2 "--subjects is for the notice" -- "$G" "${W[@]}" report ropa --subjects customer

finish
