#!/usr/bin/env bash
# The command line itself: help, version, exit codes for usage and environment errors.
set -u
source "$(dirname "$0")/support.bash"

expect_exit 0 "--version" -- "$GDPRCTL" --version
expect_contains "$out" "gdprctl " "--version prints the name and version"

expect_exit 0 "--help" -- "$GDPRCTL" --help
expect_contains "$out" "Exit codes" "--help explains exit codes"
expect_contains "$out" "check" "--help lists check"

expect_exit 0 "check --help" -- "$GDPRCTL" check --help
expect_contains "$out" "--fail-on" "check --help lists --fail-on"
expect_contains "$out" "Examples:" "check --help teaches with examples"

expect_exit 2 "no subcommand" -- "$GDPRCTL"
expect_exit 2 "unknown subcommand" -- "$GDPRCTL" chekc
expect_exit 2 "unknown flag" -- "$GDPRCTL" check --frobnicate

mkdir -p "$tmp/empty"
expect_exit 2 "no workspace" -- bash -c "cd '$tmp/empty' && '$GDPRCTL' check"
expect_contains "$err" "no gdprctl workspace here" "no workspace: says what is wrong"
expect_contains "$err" "gdprctl init" "no workspace: says what to do"

expect_exit 2 "--workspace without gdpr.yaml" -- "$GDPRCTL" --workspace "$tmp/empty" check
expect_contains "$err" "is not a gdprctl workspace" "--workspace without gdpr.yaml is explained"
expect_exit 2 "GDPRCTL_WORKSPACE missing folder" -- env GDPRCTL_WORKSPACE="$tmp/nope" "$GDPRCTL" check
expect_contains "$err" "does not exist" "missing workspace folder is explained"

ws="$TEST_DATA/sarif/ws"
expect_exit 2 "bad --as-of" -- "$GDPRCTL" --as-of 2026-02-30 check "$ws"
expect_contains "$err" "--as-of \`2026-02-30\` is not a date" "bad --as-of is explained"
expect_exit 2 "bad --format" -- "$GDPRCTL" --format yaml check "$ws"
expect_contains "$err" "use one of: text, json, sarif, junit, github" "bad --format lists the choices"
expect_exit 2 "bad --fail-on" -- "$GDPRCTL" check "$ws" --fail-on errors
expect_exit 2 "unknown --disable" -- "$GDPRCTL" check "$ws" --disable retention-undetermind
expect_contains "$err" "did you mean \`retention-undetermined\`?" "unknown --disable suggests a rule"
expect_exit 2 "missing path" -- "$GDPRCTL" check "$tmp/does-not-exist"

# Global options are accepted after the subcommand too.
expect_exit 1 "global options after the subcommand" -- "$GDPRCTL" check "$ws" --as-of 2026-11-25 --no-color

expect_exit 0 "rules" -- "$GDPRCTL" rules
expect_contains "$out" "retention-undetermined" "rules lists the catalogue"
expect_exit 0 "rules ID" -- "$GDPRCTL" rules consent-without-withdrawal
expect_contains "$out" "GDPR Art. 7(3)" "rules ID shows the article"
expect_contains "$out" "How to fix:" "rules ID shows the fix"
expect_exit 2 "rules unknown ID" -- "$GDPRCTL" rules consent-without-withdrawl
expect_contains "$err" "did you mean \`consent-without-withdrawal\`?" "rules suggests an id"
expect_exit 0 "rules --format json" -- "$GDPRCTL" rules --format json
if python3 -c 'import json,sys; rules=json.load(sys.stdin); assert all(r["article"] and r["id"] for r in rules); assert len(rules) > 30' <<<"$out"; then pass; else fail "rules --format json is a list of rules with articles"; fi

finish
