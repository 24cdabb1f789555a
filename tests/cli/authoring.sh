#!/usr/bin/env bash
# End-to-end: authoring a register from scripts (stdin is never a terminal here), refusing bad
# input without touching any file, and editing hand-written files in place.
set -u
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}"
G="$GDPRCTL"
source "$(dirname "$0")/support.bash"
work=$tmp
cd "$work" || exit 1

# On a failure, show what the last command printed.
on_fail() { [ -s out ] && sed 's/^/  out: /' out; [ -s err ] && sed 's/^/  err: /' err; }

# run EXPECTED_RC NAME -- ARGS...: runs gdprctl with stdin from /dev/null, output in ./out and ./err.
run() {
    local expected=$1 name=$2
    shift 3
    "$G" "$@" </dev/null >out 2>err
    local rc=$?
    if [ "$rc" -eq "$expected" ]; then pass; else fail "$name: exit $rc, expected $expected"; fi
}
expect_in() {  # FILE TEXT NAME
    if grep -qF -- "$2" "$1"; then pass; else fail "$3: \`$2\` not in $1"; fi
}
tree_sum() { find acme -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum; }
# unchanged EXPECTED_RC NAME -- ARGS...: like run, and every file of the workspace stays byte-identical.
unchanged() {
    local before after
    before=$(tree_sum)
    run "$@"
    after=$(tree_sum)
    if [ "$before" == "$after" ]; then pass; else fail "$2: files changed"; fi
}

# Dates are pinned so that the suite gives the same answers on any day.
W=(--workspace acme --as-of 2026-11-25)

# --- the scripted session of the documentation -----------------------------------------------
run 0 "init" -- --as-of 2026-11-25 init acme --org "Acme B.V." --country NL --contact privacy@acme.example \
    --responsible "Information Security Officer" --authority "Autoriteit Persoonsgegevens"
[ -f acme/gdpr.yaml ] && [ -d acme/systems ] && pass || fail "init made gdpr.yaml and systems/"
[ "$(stat -c %a acme/.gdprctl)" = 700 ] && pass || fail ".gdprctl/ has mode 0700"
grep -qx '\*' acme/.gdprctl/.gitignore && pass || fail ".gdprctl/.gitignore ignores everything"
expect_in acme/gdpr.yaml '# yaml-language-server: $schema=' "gdpr.yaml modeline"
expect_in acme/gdpr.yaml 'gdpr.schema.json' "gdpr.yaml modeline names the schema"
run 0 "fresh workspace passes check" -- "${W[@]}" check
run 0 "recipient add" -- "${W[@]}" recipient add --id mailer --name "Mailer Co" --role processor --country NL \
    --agreement-signed 2025-01-01
run 0 "register add crm" -- "${W[@]}" register add --id crm --name CRM --owner Sales --subject customer \
    --data contact.email --data identity.name --purpose service-delivery:contract \
    --retention contact.email,identity.name:P2Y --security tls --security access-control --recipient mailer
expect_in acme/systems/crm.yaml 'register.schema.json' "system file modeline"
run 0 "register review crm" -- --workspace acme --as-of 2026-11-25 register review crm --by "ISO" \
    --backdate "the suite pins its dates"
expect_in acme/systems/crm.yaml 'last_review: 2026-11-25 # reviewed by ISO' "review stamp"
run 0 "check after the session" -- "${W[@]}" check

# --- more entries ------------------------------------------------------------------------------
run 0 "recipient add outside the EEA" -- "${W[@]}" recipient add --id stats-co --name "Stats Co" --role processor \
    --country US --agreement-signed 2025-03-01 --agreement-ref DPA-7 --transfer scc --description "Web analytics"
run 0 "register add website" -- "${W[@]}" register add --id website --name "Public website" --owner Marketing \
    --subject visitor --data online.cookie-id,online.ip-address --purpose analytics:consent \
    --purpose security:legitimate-interests --consent-evidence analytics=cookie-banner-log \
    --consent-withdrawal analytics=cookie-settings-link --lia security=LIA-2026-01 \
    --retention online.cookie-id:P13M --retention online.ip-address:P30D:collection --security tls --recipient stats-co
run 0 "register add hr with a legal obligation" -- "${W[@]}" register add --id hr --name "HR files" --owner HR \
    --subject employee --data identity,employment.contract --purpose payroll:legal-obligation \
    --law "payroll=Wet op de loonbelasting 1964" --retention identity,employment.contract:P7Y:end-of-employment \
    --security access-control
run 0 "cookie add analytics" -- "${W[@]}" cookie add --name _sa --provider stats-co --category analytics \
    --expiry P13M --system website --purpose analytics
run 0 "cookie add session" -- "${W[@]}" cookie add --name session --provider first-party \
    --category strictly-necessary --expiry session --description "Keeps a visitor signed in"
run 0 "register review website" -- "${W[@]}" register review website --by ISO --note "banner checked" --backdate "the suite pins its dates"
expect_in acme/systems/website.yaml '# reviewed by ISO: banner checked' "review note"
run 0 "check with everything" -- "${W[@]}" check

# --- reading -----------------------------------------------------------------------------------
run 0 "list" -- "${W[@]}" register list
expect_in out "crm" "list shows crm"
run 0 "list --basis consent" -- "${W[@]}" register list --basis consent --format json
expect_in out '"id": "website"' "consent filter finds website"
grep -q '"id": "crm"' out && fail "consent filter leaves crm out" || pass
run 0 "list --data parent" -- "${W[@]}" register list --data contact
expect_in out "crm" "a parent key matches its children"
grep -q "^website" out && fail "--data contact leaves website out" || pass
run 0 "list --recipient" -- "${W[@]}" register list --recipient stats-co
expect_in out "website" "recipient filter"
run 0 "list --review-due" -- --workspace acme --as-of 2028-06-01 register list --review-due
expect_in out "crm" "review due in 2028"
run 0 "list --review-due now" -- "${W[@]}" register list --review-due
expect_in out "no systems match" "nothing due today"
unchanged 2 "list --basis typo" -- "${W[@]}" register list --basis contrat
expect_in err 'did you mean `contract`?' "list basis did-you-mean"
run 0 "show json" -- "${W[@]}" register show crm --format json
expect_in out '"last_review": "2026-11-25"' "show json"
run 0 "recipient show" -- "${W[@]}" recipient show stats-co
expect_in out "website" "recipient show lists its systems"
run 0 "recipient list json" -- "${W[@]}" recipient list --format json
expect_in out '"id": "mailer"' "recipient list json"
run 0 "cookie list" -- "${W[@]}" cookie list
expect_in out "_sa" "cookie list"

# --- bad input changes nothing -------------------------------------------------------------------
unchanged 2 "add with missing fields" -- "${W[@]}" register add --name Nameless
for flag in --id --owner --subject --data --purpose; do expect_in err "$flag" "missing $flag listed"; done
grep -q -- "--name" err && fail "--name was given, not missing" || pass
unchanged 2 "unknown basis" -- "${W[@]}" register add --id x --name X --owner O --subject s --data contact.email \
    --purpose p:contrat
expect_in err 'did you mean `contract`?' "basis did-you-mean"
unchanged 2 "duplicate id" -- "${W[@]}" register add --id crm --name CRM --owner Sales --subject customer \
    --data contact.email --purpose p:contract --retention contact.email:P1Y --security tls
expect_in err "already exists" "duplicate id message"
unchanged 1 "system failing check" -- "${W[@]}" register add --id loose --name Loose --owner Ops --subject customer \
    --data contact.phone --purpose calls:contract
[ -e acme/systems/loose.yaml ] && fail "refused system not written" || pass
expect_in err "retention-missing" "refusal shows the finding"
expect_in err "missing-security-measures" "refusal shows every finding"
unchanged 2 "bad retention period" -- "${W[@]}" register add --id y --name Y --owner O --subject s \
    --data contact.email --purpose p:contract --retention contact.email:2years
unchanged 2 "consent evidence for an unknown purpose" -- "${W[@]}" register add --id y --name Y --owner O --subject s \
    --data contact.email --purpose news:consent --consent-evidence newz=form
expect_in err 'did you mean `news`?' "purpose did-you-mean"
unchanged 2 "recipient add missing fields" -- "${W[@]}" recipient add --id r
expect_in err "--name, --role, --country" "recipient missing fields"
unchanged 2 "recipient bad role" -- "${W[@]}" recipient add --id r --name R --role procesor --country NL
expect_in err 'did you mean `processor`?' "role did-you-mean"
unchanged 1 "processor without agreement" -- "${W[@]}" recipient add --id r --name R --role processor --country NL
expect_in err "processor-without-agreement" "recipient refusal finding"
unchanged 2 "duplicate recipient" -- "${W[@]}" recipient add --id mailer --name M --role processor --country NL
unchanged 2 "cookie bad category" -- "${W[@]}" cookie add --name c --provider first-party --category analitics --expiry P1D
expect_in err 'did you mean `analytics`?' "category did-you-mean"
unchanged 1 "cookie for an unknown system" -- "${W[@]}" cookie add --name c --provider first-party \
    --category strictly-necessary --expiry P1D --system nowhere
unchanged 2 "set unknown field" -- "${W[@]}" register set crm onwer X
expect_in err 'did you mean `owner`?' "field did-you-mean"
unchanged 2 "set bad date" -- "${W[@]}" register set crm last_review 2026-02-30
unchanged 2 "set unknown system" -- "${W[@]}" register set crn owner X
expect_in err 'did you mean `crm`?' "system did-you-mean"
unchanged 1 "remove referenced system" -- "${W[@]}" register remove website
expect_in err "cookie \`_sa\`" "refusal names the cookie"
unchanged 1 "remove referenced recipient" -- "${W[@]}" recipient remove mailer
expect_in err "system \`crm\`" "refusal names the system"
unchanged 2 "init over a workspace" -- init acme --org A --country NL --contact a@b.example --responsible R --authority AP
run 2 "init without flags and terminal" -- init fresh
for flag in --org --country --contact --responsible --authority; do expect_in err "$flag" "init lists $flag"; done
[ -e fresh/gdpr.yaml ] && fail "init refused writes nothing" || pass

# --- --force and --cascade ---------------------------------------------------------------------
run 0 "force writes a failing system" -- "${W[@]}" register add --id loose --name Loose --owner Ops \
    --subject customer --data contact.phone --purpose calls:contract --force
[ -f acme/systems/loose.yaml ] && pass || fail "--force wrote the file"
run 1 "check finds the forced system" -- "${W[@]}" check
run 0 "remove the forced system" -- "${W[@]}" register remove loose
[ -e acme/systems/loose.yaml ] && fail "remove deleted the file" || pass
printf 'cookies: [{name: flowc, provider: first-party, category: strictly-necessary, expiry: session, system: crm}]\n' \
    > acme/flow-cookies.yaml
unchanged 2 "cascade into a flow list changes nothing" -- "${W[@]}" register remove crm --cascade
expect_in err "flow list" "flow list refusal explains"
rm acme/flow-cookies.yaml
run 0 "remove --cascade" -- "${W[@]}" register remove website --cascade
[ -e acme/systems/website.yaml ] && fail "cascade removed the system" || pass
grep -q "_sa" acme/cookies.yaml && fail "cascade removed the cookie" || pass
expect_in acme/cookies.yaml "name: session" "cascade kept the other cookie"
run 0 "cookie remove" -- "${W[@]}" cookie remove session
run 0 "recipient remove" -- "${W[@]}" recipient remove stats-co
run 0 "check after removals" -- "${W[@]}" check

# --- hand-written files keep every byte outside the changed value ------------------------------
cat > acme/systems/billing.yaml <<'YAML'
# Billing: written by hand, reviewed in pull request 12
systems:
  # the invoicing system
  - name: 'Billing'          # display name
    id: billing
    owner: "Finance"   # team
    data:
      - financial.bank-account
    subjects: [customer]
    purposes:
      - {id: invoicing, basis: contract}   # Art. 6(1)(b)

    retention:
      - data: [financial.bank-account]
        period: P7Y
        after: end-of-contract
        reason: "tax law"
    security: [tls, access-control]
    last_review: 2026-06-01  # initial
  - id: ledger
    name: Ledger
    owner: Finance
    subjects: [customer]
    data: [financial.invoices]
    purposes: [{id: bookkeeping, basis: legal-obligation, law: Civil Code 2:10}]
    retention: [{data: [financial.invoices], period: P7Y}]
    security: [backups]
    # no last_review yet
YAML
cp acme/systems/billing.yaml before.yaml
check_diff() {  # NAME EXPECTED-DIFF
    local actual
    actual=$(diff before.yaml acme/systems/billing.yaml)
    if [ "$actual" == "$2" ]; then pass; else fail "$1: diff was"$'\n'"$actual"; fi
    cp acme/systems/billing.yaml before.yaml
}
run 0 "set a double-quoted scalar" -- "${W[@]}" register set billing owner "Finance Ops"
check_diff "set owner" '6c6
<     owner: "Finance"   # team
---
>     owner: "Finance Ops"   # team'
run 0 "set a single-quoted scalar" -- "${W[@]}" register set billing name "Billing & invoicing"
check_diff "set name" "4c4
<   - name: 'Billing'          # display name
---
>   - name: 'Billing & invoicing'          # display name"
run 0 "review keeps the user's comment" -- "${W[@]}" register review billing --by ISO --backdate "the suite pins its dates"
check_diff "review billing" '19c19
<     last_review: 2026-06-01  # initial
---
>     last_review: 2026-11-25  # initial'
run 0 "review inserts a missing last_review" -- "${W[@]}" register review ledger --by ISO --backdate "the suite pins its dates"
check_diff "review ledger" '27a28
>     last_review: 2026-11-25 # reviewed by ISO'
run 0 "set review_interval inserts it" -- "${W[@]}" register set ledger review_interval P6M
check_diff "set review_interval" '28a29
>     review_interval: P6M'
run 0 "check after hand edits" -- "${W[@]}" check

# A CRLF file without a final line break stays so.
printf 'systems:\r\n  - id: crlf\r\n    name: CRLF\r\n    owner: Ops\r\n    subjects: [customer]\r\n    data: [contact.email]\r\n    purposes: [{id: p, basis: contract}]\r\n    retention: [{data: [contact.email], period: P1Y}]\r\n    security: [tls]\r\n    last_review: 2026-01-01' > acme/systems/crlf.yaml
run 0 "review a CRLF file" -- "${W[@]}" register review crlf --backdate "the suite pins its dates"
expected=$(printf 'systems:\r\n  - id: crlf\r\n    name: CRLF\r\n    owner: Ops\r\n    subjects: [customer]\r\n    data: [contact.email]\r\n    purposes: [{id: p, basis: contract}]\r\n    retention: [{data: [contact.email], period: P1Y}]\r\n    security: [tls]\r\n    last_review: 2026-11-25' | sha256sum)
[ "$(sha256sum < acme/systems/crlf.yaml)" == "$expected" ] && pass || fail "CRLF file edited in place"

# A hand-written cookies list gets its new entry appended in place.
printf '# our cookies\ncookies:\n  - name: lang   # language choice\n    provider: first-party\n    category: functional\n    expiry: P1Y\n\n# end of table\n' > acme/cookies.yaml
cp acme/cookies.yaml cookies-before.yaml
run 0 "append to a hand-written list" -- "${W[@]}" cookie add --name csrf --provider first-party \
    --category strictly-necessary --expiry session
actual=$(diff cookies-before.yaml acme/cookies.yaml)
[ "$actual" == '6a7,10
>   - name: csrf
>     provider: first-party
>     category: strictly-necessary
>     expiry: session' ] && pass || fail "cookie append diff: $actual"

finish
