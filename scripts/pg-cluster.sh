#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (Debian's `postgresql` package): initdb into a
# new temporary folder as an unprivileged user (Debian's `postgres` system user when run as root,
# as CI does), trust authentication on a Unix socket in that folder only (listen_addresses='': no
# network port), removed with everything in it when stopped.
#
#   scripts/pg-cluster.sh start LINK      start a cluster; LINK becomes a symlink to its folder, so
#                                         that PGHOST=LINK PGUSER=gdprctl reach it (ctest's fixture)
#   scripts/pg-cluster.sh stop LINK       stop the cluster LINK points at, remove its folder and LINK
#   scripts/pg-cluster.sh run -- CMD...   start a cluster, run CMD with PGHOST, PGUSER and PGDATABASE
#                                         set, stop it whatever happens; exits with CMD's status
set -euo pipefail

bindir=${GDPRCTL_PG_BINDIR:-/usr/lib/postgresql/15/bin}
superuser=gdprctl  # the cluster's superuser role; the tests connect as it

die() {
  echo "pg-cluster: $*" >&2
  exit 2
}

# Runs a server program as the cluster's owner: the postgres system user under root (the server
# refuses to run as root), else the caller.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local link=$1 dir
  [ -x "$bindir/initdb" ] || die "no PostgreSQL server in $bindir; scripts/install-deps.sh installs Debian's postgresql"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "no postgres system user; scripts/install-deps.sh installs Debian's postgresql"
  fi
  # A cluster left behind by a run that was killed before its cleanup.
  [ -L "$link" ] && stop "$link"
  dir=$(mktemp -d "${TMPDIR:-/tmp}/gdprctl-pg.XXXXXX")
  # The socket path (folder + /.s.PGSQL.5432) must fit a sockaddr_un, as the link's must.
  [ ${#link} -le 90 ] || die "the socket folder $link is too long for a Unix socket; build in a shorter path"
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  if ! as_owner "$bindir/initdb" -D "$dir/data" -U "$superuser" --auth=trust --no-sync -E UTF8 \
      >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed"
  fi
  # fsync off: the cluster lives for one test run. The server's output goes to its log only (ctest
  # waits for every process that holds a test's output open).
  if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      start </dev/null >/dev/null 2>&1; then
    cat "$dir/server.log" >&2 || true
    rm -rf "$dir"
    die "the server did not start"
  fi
  ln -sfn "$dir" "$link"
}

stop() {
  local link=$1 dir
  [ -L "$link" ] || return 0
  dir=$(readlink "$link")
  if [ -d "$dir/data" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop </dev/null >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$link"
}

case ${1:-} in
  start)
    [ $# -eq 2 ] || die "usage: $0 start LINK"
    start "$2"
    ;;
  stop)
    [ $# -eq 2 ] || die "usage: $0 stop LINK"
    stop "$2"
    ;;
  run)
    shift
    [ "${1:-}" = "--" ] && shift
    [ $# -ge 1 ] || die "usage: $0 run -- COMMAND..."
    holder=$(mktemp -d "${TMPDIR:-/tmp}/gdprctl-pgrun.XXXXXX")
    trap 'stop "$holder/pg"; rm -rf "$holder"' EXIT
    trap 'exit 130' INT TERM
    start "$holder/pg"
    status=0
    PGHOST="$holder/pg" PGUSER=$superuser PGDATABASE=postgres "$@" || status=$?
    exit "$status"
    ;;
  *)
    die "usage: $0 start LINK | stop LINK | run -- COMMAND..."
    ;;
esac
