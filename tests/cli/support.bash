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

# check NAME COMMAND...: passes when COMMAND succeeds.
check() { local name=$1; shift; if "$@"; then pass; else fail "$name"; fi; }

# The Python of the suites' JSON, XML and schema checks: Debian's, which has python3-jsonschema and
# python3-yaml (scripts/install-deps.sh), rather than whichever comes first on PATH.
PYTHON=/usr/bin/python3
[[ -x $PYTHON ]] || PYTHON=python3
# jpy EXPR: evaluates a Python expression over the JSON document on stdin, bound to `d`.
jpy() { "$PYTHON" -c "import json,sys; d = json.load(sys.stdin); print($1)"; }

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# Every suite's scratch folder, removed when the suite exits (with the suite's PostgreSQL databases:
# drop_stores is defined before the trap is set, so that a suite that stops early, e.g. below when
# no PostgreSQL server answers, still cleans up).
drop_stores() {
  [ -f "$tmp/databases" ] || return 0
  local name
  while read -r name; do dropdb --if-exists --force "$name" 2>/dev/null; done <"$tmp/databases"
}
tmp=$(mktemp -d)
trap 'drop_stores; rm -rf "$tmp"' EXIT

# ---- the store backend -------------------------------------------------------------------------
# The store suites run once per backend (tests/CMakeLists.txt): STORE_BACKEND=sqlite (the default)
# or postgresql, in the throwaway cluster ctest starts (PGHOST, PGUSER and PGDATABASE are set by the
# fixture). Without a server the PostgreSQL run fails; it never skips.
STORE_BACKEND=${STORE_BACKEND:-sqlite}
case $STORE_BACKEND in
  sqlite) ;;
  postgresql)
    if ! psql -XAtqc 'SELECT 1' >/dev/null 2>"$tmp/psql.err"; then
      echo "FAIL: STORE_BACKEND=postgresql but no PostgreSQL server answers (PGHOST=${PGHOST:-unset}): $(cat "$tmp/psql.err")" >&2
      exit 1
    fi
    ;;
  *)
    echo "FAIL: unknown STORE_BACKEND=$STORE_BACKEND (sqlite or postgresql)" >&2
    exit 1
    ;;
esac
on_postgresql() { [ "$STORE_BACKEND" = postgresql ]; }

# fresh_db: prints the location of a new, empty store: a file path in a new folder of $tmp (that
# does not exist yet), or the URI of a new database (no password: the socket's trust suffices).
fresh_db() {
  local dir
  dir=$(mktemp -d "$tmp/db.XXXXXX")
  if on_postgresql; then
    local name
    name="gdprctl_cli_$(basename "$dir" | tr 'A-Z.' 'a-z_')_$$"
    createdb "$name" || { echo "FAIL: createdb $name" >&2; exit 1; }
    echo "$name" >>"$tmp/databases"
    echo "postgresql:///$name"
  else
    echo "$dir/store/state.db"
  fi
}

# The database name of a postgresql:///NAME location.
pg_database() { local name=${1#postgresql:///}; echo "${name%%\?*}"; }

# store_sql LOCATION SQL: runs SQL on the store under gdprctl (bare values, one row a line).
store_sql() {
  if on_postgresql; then psql -XAtq -v ON_ERROR_STOP=1 -d "$(pg_database "$1")" -c "$2"; else sqlite3 "$1" "$2"; fi
}

# dump LOCATION: every row of the store, to compare before and after a refused change. (Not the
# position of PostgreSQL's sequence of consent ids: a rolled-back insert advances it, and no row
# holds it; nor pg_dump's \restrict line, which carries a random key.)
dump() {
  if on_postgresql; then
    pg_dump --data-only --no-owner -d "$(pg_database "$1")" |
      grep -v -e '^SELECT pg_catalog.setval(' -e '^\\restrict ' -e '^\\unrestrict '
  else
    sqlite3 "$1" .dump
  fi
}

# store_files LOCATION: the files that hold the store's data, one a line: the SQLite file and its
# write-ahead log when there is one; on PostgreSQL the files of its database in the cluster's data
# directory (tables, indexes, TOAST, catalogs), once a CHECKPOINT has written every changed page out
# (the suites connect as the cluster's superuser and run as the owner of its files, or as root).
# pg_wal/ is not among them: it keeps copies until its segments are recycled, as gdprctl says.
store_files() {
  if on_postgresql; then
    local folder
    folder=$(psql -XAtq -v ON_ERROR_STOP=1 -d "$(pg_database "$1")" -c CHECKPOINT \
        -c "SELECT current_setting('data_directory') || '/base/' || oid FROM pg_database WHERE datname = current_database()")
    printf '%s\n' "$folder"/*
  else
    local file
    for file in "$1" "$1-wal"; do [ -e "$file" ] && echo "$file"; done
    return 0
  fi
}

# unchanged_after NAME EXPECTED_RC DB ARGS...: a bad input, through the suite's own
# `run EXPECTED_RC DB ARGS...`: the exit code as expected, a message on stderr, the store unchanged.
unchanged_after() {
  local name=$1 want=$2 db=$3
  shift 3
  local before after
  before=$(dump "$db")
  run "$want" "$db" "$@" || return
  after=$(dump "$db")
  check "$name: says why" test -n "$err"
  check "$name: database unchanged" test "$before" == "$after"
}

# copy_db LOCATION: prints the location of a new store that is a copy of LOCATION.
copy_db() {
  local copy
  if on_postgresql; then
    copy=$(fresh_db)
    dropdb "$(pg_database "$copy")"
    createdb -T "$(pg_database "$1")" "$(pg_database "$copy")"
  else
    copy=$(mktemp -d "$tmp/copy.XXXXXX")/state.db
    cp "$1" "$copy"
  fi
  echo "$copy"
}
