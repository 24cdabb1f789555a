#!/usr/bin/env bash
# End-to-end tests of `gdprctl check`: every fixture under tests/data/check/ against its golden
# output (text format, no colour, paths relative to the fixtures folder) and exit code; the
# options (--fail-on, --disable, settings.disable, --format json|junit|github|sarif,
# GITHUB_ACTIONS); usage errors (exit 2); the day in settings.timezone; and the two example workspaces.
#
# UPDATE_GOLDEN=1 bash tests/cli/check.sh   rewrites tests/data/check/*/expected.txt.
set -uo pipefail
: "${GDPRCTL:?set GDPRCTL to the gdprctl binary}" "${SOURCE_DIR:?}" "${TEST_DATA:?}"
export NO_COLOR=1
unset GITHUB_ACTIONS GDPRCTL_WORKSPACE
readonly AS_OF=2026-11-25
readonly FIXTURES="$TEST_DATA/check"
source "$(dirname "$0")/support.bash"

scratch=$tmp

# Runs gdprctl with the given arguments from folder $1; output in $scratch/out, status in $rc.
rc=0
run_in() {
    local dir=$1
    shift
    (cd "$dir" && "$GDPRCTL" "$@") >"$scratch/out" 2>&1
    rc=$?
}
expect_rc() {  # expected, description
    if [[ $rc == "$1" ]]; then pass; else fail "$2: exit $rc, expected $1"; sed 's/^/    | /' "$scratch/out" | head -20; fi
}
expect_output() {  # grep pattern (fixed string), description
    if grep -qF -- "$1" "$scratch/out"; then pass; else fail "$2: output lacks '$1'"; sed 's/^/    | /' "$scratch/out" | head -20; fi
}
expect_no_output() {
    if grep -qF -- "$1" "$scratch/out"; then fail "$2: output has '$1'"; else pass; fi
}

# ---- golden files ---------------------------------------------------------------------------
# Exit code per fixture: 0 when it has only warnings (or nothing), 2 for a configuration error.
declare -A expected_status=(
    [valid]=0 [settings-disable]=0 [consent-for-everything]=0 [cookie-expiry-mismatch]=0
    [cookie-lifetime-too-long]=0 [data-unused]=0 [policy-review-overdue]=0 [system-review-overdue]=0
    [system-never-reviewed]=0 [multi-document]=0 [settings-disable-unknown]=2
    [purpose-without-description]=0 [schema-outdated]=0 [holiday-calendar-gap]=0
    [missing-responsible-person]=0 [transfer-scc-without-tia]=0 [dpo-not-designated]=0 [dpia-missing]=0
    [consent-for-necessary-processing]=0 [suppression-unused]=0
    [settings-severity-unknown]=2
)
for dir in "$FIXTURES"/*/; do
    name=$(basename "$dir")
    status=${expected_status[$name]:-1}
    [[ $name == *-clean ]] && status=0  # a near miss of its rule: no findings of it, and no errors
    run_in "$FIXTURES" check --as-of "$AS_OF" "$name"
    golden="$dir/expected.txt"
    if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then cp "$scratch/out" "$golden"; fi
    if [[ ! -f $golden ]]; then
        fail "$name: no golden file (run with UPDATE_GOLDEN=1)"
    elif diff -u "$golden" "$scratch/out" >"$scratch/diff"; then
        pass
    else
        fail "$name: output differs from expected.txt"
        sed 's/^/    | /' "$scratch/diff" | head -40
    fi
    expect_rc "$status" "$name"
done

# Every lint rule that can fire has a fixture whose golden output shows it.
for rule in $("$GDPRCTL" rules --format json | "$PYTHON" -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))'); do
    [[ $rule == file-unreadable ]] && continue  # needs an unreadable file: tested below
    # Hostile files (FIFOs, links out, bombs, bad bytes, unlistable folders): tests/cli/hardening.sh
    [[ $rule =~ ^(file-not-regular|file-outside-workspace|file-too-large|folder-unreadable|yaml-expansion-too-large|invalid-utf8|stale-temp-file)$ ]] && continue
    if grep -qF "[$rule]" "$FIXTURES"/*/expected.txt; then pass; else fail "no fixture shows rule $rule"; fi
done

# A fixture RULE-clean is the near miss of RULE: the rule exists and does not fire on it.
for dir in "$FIXTURES"/*-clean/; do
    name=$(basename "$dir")
    rule=${name%-clean}
    if ! grep -qF "[$rule]" "$FIXTURES/$rule/expected.txt" 2>/dev/null; then
        fail "$name: no fixture $rule that fires the rule"
    elif grep -qF "[$rule]" "$dir/expected.txt"; then
        fail "$name: rule $rule fires on its near miss"
    else
        pass
    fi
done

# A malformed file never hides the findings of the others.
run_in "$FIXTURES" check --as-of "$AS_OF" malformed-and-lint
expect_output "broken.yaml:5:10: error[yaml-syntax]" "malformed file reported"
expect_output "crm.yaml:12:56: error[retention-undetermined]" "lint finding of the other file reported"

# A register file that cannot be read is a finding too, and the rest is still checked.
cp -r "$FIXTURES/retention-undetermined" "$scratch/unreadable"
ln -s does-not-exist.yaml "$scratch/unreadable/systems/gone.yaml"
run_in "$scratch" check --as-of "$AS_OF" unreadable
expect_rc 1 "unreadable file"
expect_output "unreadable/systems/gone.yaml: error[file-unreadable]: cannot read \`systems/gone.yaml\`" "file-unreadable"
expect_output "error[retention-undetermined]" "other files checked despite an unreadable one"

# ---- --fail-on, --disable, settings.disable ----------------------------------------------
run_in "$FIXTURES" check --as-of "$AS_OF" --fail-on warning data-unused
expect_rc 1 "--fail-on warning with a warning"
run_in "$FIXTURES" check --as-of "$AS_OF" --fail-on error data-unused
expect_rc 0 "--fail-on error with only a warning"
run_in "$FIXTURES" check --as-of "$AS_OF" --fail-on never mixed-severities
expect_rc 0 "--fail-on never with an error"
expect_output "error[missing-security-measures]" "--fail-on never still reports"
expect_output "1 error, 1 warning in 2 register files" "--fail-on never summary"
run_in "$FIXTURES" check --as-of "$AS_OF" --fail-on warning valid
expect_rc 0 "--fail-on warning with no findings"
run_in "$FIXTURES" check --as-of "$AS_OF" --disable missing-security-measures mixed-severities
expect_rc 0 "--disable the only error"
expect_no_output "missing-security-measures" "--disable hides the rule"
expect_output "warning[data-unused]" "--disable keeps other rules"
run_in "$FIXTURES" check --as-of "$AS_OF" --disable missing-security-measures --disable data-unused --fail-on warning mixed-severities
expect_rc 0 "--disable twice"
expect_output "2 register files checked: no findings" "--disable twice leaves nothing"
# settings.disable in gdpr.yaml silences the same finding the data-unused fixture shows.
run_in "$FIXTURES" check --as-of "$AS_OF" --fail-on warning settings-disable
expect_rc 0 "settings.disable"
expect_no_output "data-unused" "settings.disable hides the rule"
# An id settings.disable names that the catalogue lacks: a configuration error at its line and column,
# with the suggestions `gdprctl rules ID` gives (a typo's nearest id, a topic's rules).
mkdir -p "$scratch/disable-topic"
sed 's/^  disable: \[data-unsued\]$/  disable:\n    - data-unused\n    - consent/' \
    "$FIXTURES/settings-disable-unknown/gdpr.yaml" >"$scratch/disable-topic/gdpr.yaml"
run_in "$scratch" check --as-of "$AS_OF" disable-topic
expect_rc 2 "settings.disable with a topic word"
expect_output "disable-topic/gdpr.yaml:11:7: settings.disable names unknown rule \`consent\`" "position of the unknown id"
expect_output "hint: rules about \`consent\`: consent-without-evidence," "topic hint"
disable_hint=$(grep -F "hint: " "$scratch/out")
# The same word in an inline suppression, and `gdprctl rules consent`: the same hint, word for word
# (one owner: rules::suggest_rule), for a topic word and for a typo.
mkdir -p "$scratch/suppress-topic"
cp -r "$FIXTURES/valid/." "$scratch/suppress-topic/"
sed -i 's/^  - id: crm$/  - id: crm  # gdprctl: ignore[consent] kept for a reason/' "$scratch/suppress-topic/systems/crm.yaml"
run_in "$scratch" check --as-of "$AS_OF" suppress-topic
expect_rc 1 "a suppression with a topic word"
expect_output "error[suppression-invalid]: a suppression names unknown rule \`consent\`" "the suppression's finding"
suppression_hint=$(grep -F "hint: " "$scratch/out")
run_in "$scratch" rules consent
expect_rc 2 "rules with a topic word"
[[ -n $disable_hint && $suppression_hint == "$disable_hint" && $(grep -F "hint: " "$scratch/out") == "$disable_hint" ]] \
    && pass || fail "one hint for \`consent\` in settings.disable, a suppression and rules: [$disable_hint] [$suppression_hint] [$(cat "$scratch/out")]"
sed -i 's/ignore\[consent\]/ignore[data-unusd]/' "$scratch/suppress-topic/systems/crm.yaml"
run_in "$scratch" check --as-of "$AS_OF" suppress-topic
suppression_hint=$(grep -F "hint: " "$scratch/out")
run_in "$scratch" rules data-unusd
[[ $suppression_hint == "  hint: did you mean \`data-unused\`?" && $(grep -F "hint: " "$scratch/out") == "$suppression_hint" ]] \
    && pass || fail "one hint for a typo in a suppression and rules: [$suppression_hint] [$(cat "$scratch/out")]"
run_in "$FIXTURES" check --as-of "$AS_OF" -q mixed-severities
expect_no_output "register files" "-q drops the summary"
expect_output "error[missing-security-measures]" "-q keeps findings"

# ---- usage, configuration and environment errors: exit 2 ----------------------------------
run_in "$FIXTURES" check --as-of "$AS_OF" no-such-folder
expect_rc 2 "missing path"
expect_output "no such file or folder: \`no-such-folder\`" "missing path message"
run_in "$FIXTURES" check --as-of "$AS_OF" --fail-on sometimes valid
expect_rc 2 "bad --fail-on"
expect_output "use one of: error, warning, never" "bad --fail-on hint"
run_in "$FIXTURES" check --as-of "$AS_OF" --disable data-unsued valid
expect_rc 2 "unknown --disable rule"
expect_output "did you mean \`data-unused\`?" "unknown --disable hint"
mkdir -p "$scratch/nowhere/systems"
cp "$FIXTURES/valid/systems/crm.yaml" "$scratch/nowhere/systems/"
run_in "$scratch/nowhere" check --as-of "$AS_OF"
expect_rc 2 "no workspace"
expect_output "no gdprctl workspace here" "no workspace message"
run_in "$FIXTURES" check --as-of "$AS_OF" --format xml valid
expect_rc 2 "unknown --format"
run_in "$FIXTURES" check --as-of 2026-13-01 valid
expect_rc 2 "bad --as-of"

# ---- where check looks --------------------------------------------------------------------
run_in "$FIXTURES/mixed-severities/systems" check --as-of "$AS_OF"
expect_rc 1 "workspace found from a subfolder"
expect_output "error[missing-security-measures]" "findings from a subfolder"
run_in "$FIXTURES" check --as-of "$AS_OF" duplicate-id/systems/crm-copy.yaml
expect_rc 0 "a path limits the findings reported"
expect_output "1 register file checked: no findings" "only the named file is reported"
run_in "$FIXTURES" check --as-of "$AS_OF" --workspace mixed-severities
expect_rc 1 "--workspace"

# ---- --format json --------------------------------------------------------------------------
run_in "$FIXTURES" check --as-of "$AS_OF" --format json mixed-severities
expect_rc 1 "json exit code"
if "$PYTHON" - "$scratch/out" <<'EOF'; then pass; else fail "json fields"; fi
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["files_checked"] == 2, doc["files_checked"]
assert doc["summary"] == {"errors": 1, "warnings": 1, "notes": 0}, doc["summary"]
# Paths are relative to the repository root (the git top level, else the current folder).
assert doc["workspace"].split("/")[-1] == "mixed-severities", doc["workspace"]
by_rule = {d["rule"]: d for d in doc["diagnostics"]}
assert set(by_rule) == {"missing-security-measures", "data-unused"}, by_rule
d = by_rule["data-unused"]
assert d.pop("path") == doc["workspace"] + "/systems/crm.yaml", d
assert d == {"rule": "data-unused", "severity": "warning", "line": 6, "column": 11,
             "message": "system `crm` holds `contact.email` but none of its purposes uses it",
             "article": "GDPR Art. 5(1)(c)", "hint": "name it in a purpose's `data`, or stop collecting it"}, d
assert by_rule["missing-security-measures"]["severity"] == "error"
EOF
run_in "$FIXTURES" check --as-of "$AS_OF" --format json valid
if "$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["diagnostics"]==[] and d["summary"]=={"errors":0,"warnings":0,"notes":0}' "$scratch/out"; then pass; else fail "json with no findings"; fi

# ---- --format junit -------------------------------------------------------------------------
run_in "$SOURCE_DIR" check --as-of "$AS_OF" --format junit examples/unexus
expect_rc 1 "junit exit code"
if "$PYTHON" - "$scratch/out" <<'EOF'; then pass; else fail "junit structure"; fi
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suites = root.findall("testsuite")
names = {s.get("name") for s in suites}
assert "examples/unexus/cookies.yaml" in names and "examples/unexus/systems/crm.yaml" in names, names
total_failures = 0
for suite in suites:
    cases = suite.findall("testcase")
    assert cases and int(suite.get("tests")) == len(cases), suite.get("name")
    failures = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("failures")) == len(failures), suite.get("name")
    total_failures += len(failures)
assert int(root.get("failures")) == total_failures > 0
cookies = next(s for s in suites if s.get("name") == "examples/unexus/cookies.yaml")
failure = next(c for c in cookies if c.get("name") == "invalid-duration").find("failure")
assert failure.get("type") == "error" and "1 jaar" in failure.get("message"), failure.attrib
assert "did you mean `P1Y`?" in failure.text, failure.text
# Warnings do not fail at the default --fail-on error: they are kept as system-out.
mismatch = next(c for c in cookies if c.get("name") == "cookie-expiry-mismatch")
assert mismatch.find("failure") is None and "_ga" in mismatch.find("system-out").text
EOF
run_in "$FIXTURES" check --as-of "$AS_OF" --format junit --fail-on warning mixed-severities
if "$PYTHON" -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.get("failures") == "2", root.get("failures")' "$scratch/out"; then pass; else fail "junit --fail-on warning"; fi

# ---- --format github ------------------------------------------------------------------------
# Property values escape % , : and newlines; message data escapes % and newlines.
mkdir -p "$scratch/gh/systems"
cp "$FIXTURES/valid/gdpr.yaml" "$scratch/gh/"
sed -e 's/id: crm/id: "crm 100%"/' -e 's/    security: \[tls, access-control\]//' \
    "$FIXTURES/valid/systems/crm.yaml" >"$scratch/gh/systems/a,b:c.yaml"
run_in "$scratch" check --as-of "$AS_OF" --format github gh
expect_rc 1 "github exit code"
expect_output '::error file=gh/systems/a%2Cb%3Ac.yaml,line=2,col=5,title=missing-security-measures (GDPR Art. 32%2C Art. 30(1)(g))::system `crm 100%25` lists no security measures%0Ahint: add `security: [tls, access-control, ...]`' "github annotation escaping"
if [[ $(wc -l <"$scratch/out") == 1 ]]; then pass; else fail "github: one line per finding"; fi
GITHUB_ACTIONS=true run_in "$scratch" check --as-of "$AS_OF" gh
expect_output '::error file=gh/systems/a%2Cb%3Ac.yaml,line=2' "GITHUB_ACTIONS=true chooses github"
GITHUB_ACTIONS=true run_in "$scratch" check --as-of "$AS_OF" --format text gh
expect_output "gh/systems/a,b:c.yaml:2:5: error[missing-security-measures]" "--format text overrides GITHUB_ACTIONS"
run_in "$FIXTURES" check --as-of "$AS_OF" --format github data-unused
expect_output "data-unused/systems/crm.yaml,line=6,col=11,title=data-unused" "github warning"

# ---- --format sarif -------------------------------------------------------------------------
run_in "$FIXTURES" check --as-of "$AS_OF" --format sarif mixed-severities
if "$PYTHON" -c '
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0"
run = doc["runs"][0]
results = run["results"]
assert sorted(r["ruleId"] for r in results) == ["data-unused", "missing-security-measures"], results
rules = run["tool"]["driver"]["rules"]
for r in results:
    assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("mixed-severities/systems/crm.yaml")' "$scratch/out"; then pass; else fail "sarif"; fi

# ---- the example workspaces -----------------------------------------------------------------
run_in "$SOURCE_DIR" check --as-of "$AS_OF" examples/unexus
expect_rc 1 "examples/unexus"
for expected in \
    "error[retention-undetermined]: system \`crm\` keeps identity.name, contact.phone, contact.email for an undetermined period" \
    "error[transfer-without-safeguard]: recipient \`google-analytics\` is in US" \
    "error[transfer-without-safeguard]: recipient \`microsoft-clarity\` is in US" \
    "error[transfer-without-safeguard]: recipient \`microsoft-bing\` is in US" \
    "error[processor-without-agreement]" \
    "error[invalid-duration]: \`expiry\` is not an ISO 8601 duration: \`1 jaar\`" \
    "hint: did you mean \`P1Y\`?" \
    "examples/unexus/cookies.yaml:16:5: error[schema-required]: cookie is missing required field \`provider\`" \
    "warning[cookie-expiry-mismatch]: cookie \`_ga\` is declared as a session cookie, but by default it lives P2Y" \
    "warning[consent-for-everything]: all 9 purposes in the register rest on consent" \
    "error[consent-without-evidence]: purpose \`newsletter\` of \`newsletter\`" \
    "error[cookie-without-consent]: marketing cookie \`SRM_B\`" \
    "error[retention-missing]: system \`billing\` holds \`financial.bank-account\`" \
    "warning[policy-review-overdue]: the policy was last reviewed on 2023-04-26" \
    "warning[system-review-overdue]: system \`telephony\` was last reviewed on 2023-04-26" \
    "warning[data-unused]: system \`website\` holds \`location.approximate\`" \
    "warning[consent-for-necessary-processing]: purpose \`service-delivery\` of \`crm\` rests on consent" \
    "47 errors, 12 warnings in 9 register files"; do
    expect_output "$expected" "examples/unexus"
done
run_in "$SOURCE_DIR" check --as-of "$AS_OF" examples/unexus-fixed
expect_rc 0 "examples/unexus-fixed"
expect_output "9 register files checked: no findings" "examples/unexus-fixed"
run_in "$SOURCE_DIR" check --as-of "$AS_OF" --fail-on warning examples/unexus-fixed
expect_rc 0 "examples/unexus-fixed --fail-on warning"


# ---- "today" is the day in settings.timezone ---------------------------------------------------
# crm was reviewed on 26 November. At 2026-11-25T23:30Z that is already today in Amsterdam but a
# date after today in a UTC workspace; just after midnight UTC it is still the 25th in the Azores
# (UTC-1). A bare --as-of date is that day in the workspace's zone. `register review` stamps the
# same day. An unknown zone is a configuration error at its line.
zoned() {  # folder, zone (empty: none)
    rm -rf "$scratch/$1"; cp -r "$FIXTURES/valid" "$scratch/$1"; rm -f "$scratch/$1/expected.txt"
    sed -i 's/last_review: 2026-06-01$/last_review: 2026-11-26/' "$scratch/$1/systems/crm.yaml"
    [[ -z $2 ]] || printf 'settings:\n  timezone: %s\n' "$2" >>"$scratch/$1/gdpr.yaml"
}
zoned tz-utc ""
run_in "$scratch/tz-utc" check --as-of 2026-11-25T23:30Z
expect_rc 1 "UTC at 23:30Z on the 25th"
expect_output "error[review-date-in-future]: system \`crm\` records a review on 2026-11-26, after today (2026-11-25)" \
    "UTC at 23:30Z on the 25th"
zoned tz-ams Europe/Amsterdam
run_in "$scratch/tz-ams" check --as-of 2026-11-25T23:30Z
expect_rc 0 "Amsterdam at 23:30Z on the 25th is the 26th"
zoned tz-azores Atlantic/Azores
run_in "$scratch/tz-azores" check --as-of 2026-11-26T00:30Z
expect_rc 1 "the Azores at 00:30Z on the 26th"
expect_output "after today (2026-11-25)" "the Azores at 00:30Z on the 26th is still the 25th"
run_in "$scratch/tz-azores" check --as-of 2026-11-26
expect_rc 0 "a bare --as-of date is that day in the Azores, not the evening before"
run_in "$scratch/tz-ams" --as-of 2026-11-25T23:30Z --db "$scratch/tz-ams.db" register review crm --by ISO
expect_rc 0 "register review in Amsterdam at 23:30Z"
grep -q 'last_review: 2026-11-26 # reviewed by ISO' "$scratch/tz-ams/systems/crm.yaml" && pass ||
    fail "register review stamps the day in Amsterdam: $(grep last_review "$scratch/tz-ams/systems/crm.yaml")"
zoned tz-typo Europe/Amsterdm
cp -r "$scratch/tz-typo" "$scratch/tz-typo.before"
for args in "check" "--as-of 2026-11-25 check" "report ropa" "register list"; do
    # shellcheck disable=SC2086  # the arguments are split on purpose
    run_in "$scratch/tz-typo" $args
    expect_rc 2 "unknown zone: $args"
    expect_output "gdpr.yaml:9:13: settings.timezone \`Europe/Amsterdm\` is not a known IANA time zone" \
        "unknown zone at its line: $args"
    expect_output "did you mean \`Europe/Amsterdam\`?" "unknown zone hint: $args"
done
zoned tz-escape 'Eu\e]0;x\arope'
sed -i 's/timezone: .*/timezone: "Eu\\e]0;x\\arope"/' "$scratch/tz-escape/gdpr.yaml"
run_in "$scratch/tz-escape" check
expect_rc 2 "a zone name holding a terminal escape"
expect_output "gdpr.yaml:9:13: settings.timezone is not an IANA time zone name" "a zone name holding a terminal escape"
if grep -q $'\x1b' "$scratch/out"; then fail "the escape reached the terminal"; else pass; fi
diff -r "$scratch/tz-typo.before" "$scratch/tz-typo" >/dev/null && pass || fail "an unknown zone changed the workspace"

finish
