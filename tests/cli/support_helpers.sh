#!/usr/bin/env bash
# The shared helpers of the shell suites (tests/cli/support.bash) when a suite stops early: a run on
# PostgreSQL without a server, or with an unknown backend, fails at once with the reason, and its
# cleanup runs without a shell error and leaves no scratch folder behind.
set -u
support="$(cd "$(dirname "$0")" && pwd)/support.bash"
source "$support"

# A suite that only sources the helpers, then would run its tests.
suite="$tmp/suite.sh"
printf 'set -u\nsource %q\necho "the tests ran"\n' "$support" >"$suite"
early_stop() {  # early_stop NAME REASON ENV...: runs the suite with ENV; it must stop with REASON
  local name=$1 reason=$2 scratch code
  shift 2
  scratch=$(mktemp -d "$tmp/scratch.XXXXXX")
  out=$(env "$@" TMPDIR="$scratch" bash "$suite" 2>"$tmp/err") && code=0 || code=$?
  err=$(cat "$tmp/err")
  check "$name: exit 1 (got $code)" test "$code" == 1
  expect_contains "$err" "$reason" "$name: says why"
  check "$name: no shell error in its cleanup: $err" bash -c '! grep -qE "command not found|\.bash: line [0-9]+:" <<<"$1"' _ "$err"
  check "$name: the tests did not run" test -z "$out"
  check "$name: its scratch folder is removed" test -z "$(ls -A "$scratch")"
}
early_stop "no server" "no PostgreSQL server answers" STORE_BACKEND=postgresql PGHOST="$tmp/no-server" PGUSER=nobody
early_stop "unknown backend" "unknown STORE_BACKEND=mysql" STORE_BACKEND=mysql

# One owner for each helper: no suite defines again a function support.bash defines, nor sets PYTHON
# (last session breach.sh and consent.sh carried their own jpy, check and unchanged_after, and five
# suites chose their Python themselves).
helpers=$(sed -n 's/^\([a-z_][a-z_0-9]*\)() *{.*/\1/p' "$support")
check "support.bash defines check, jpy and unchanged_after" test "$(grep -cxE 'check|jpy|unchanged_after' <<<"$helpers")" == 3
for suite in "$(dirname "$support")"/*.sh; do
  again=$(grep -oE '^[[:space:]]*[a-z_][a-z_0-9]*\(\)' "$suite" | tr -d ' \t()' | grep -xF -f <(echo "$helpers") | tr '\n' ' ')
  check "$(basename "$suite") defines no helper of support.bash again: $again" test -z "$again"
  check "$(basename "$suite") leaves PYTHON to support.bash" bash -c '! grep -qE "^[[:space:]]*PYTHON=" "$1"' _ "$suite"
done

finish
