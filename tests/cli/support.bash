# Shared helpers for the end-to-end suites (sourced by tests/cli/*.sh; not a suite itself).
# Each suite counts its own results and ends with `finish`.
passed=0
failed=0

pass() { passed=$((passed + 1)); }
# A suite may define on_fail (e.g. to show the captured output of the failed command).
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*" >&2
  if declare -F on_fail >/dev/null; then on_fail >&2; fi
}

# expect_exit CODE DESCRIPTION -- COMMAND...: runs COMMAND, captures stdout/stderr in $out/$err.
expect_exit() {
  local want=$1 what=$2
  shift 3
  out=$("$@" 2>"$tmp/stderr") && code=0 || code=$?
  err=$(cat "$tmp/stderr")
  if [ "$code" -eq "$want" ]; then pass; else fail "$what: exit $code, expected $want; stderr: $err"; fi
}

# expect_contains HAYSTACK NEEDLE DESCRIPTION
expect_contains() {
  if [[ "$1" == *"$2"* ]]; then pass; else fail "$3: output lacks [$2]; got: $1"; fi
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# Every suite's scratch folder, removed when the suite exits.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
