#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# postgres.sh [start|stop [--purge]] — a PostgreSQL server for the tests; prints (stdout, one line)
# a base URL such as postgres://postgres@127.0.0.1:5432/postgres whose role may CREATE DATABASE.
#   1. OTKLIK_TEST_PG_URL set: checks it (connects, role may create databases) and prints it.
#   2. else 127.0.0.1:5432 answers: uses role `postgres`, then the current OS user's name.
#   3. else (or OTKLIK_PG_FORCE_OWN=1): installs Debian `postgresql` when missing and runs a private
#      throwaway cluster (trust auth, 127.0.0.1 only) in OTKLIK_PG_DIR (default
#      ${TMPDIR:-/tmp}/otklik-pg) on OTKLIK_PG_PORT (default 54329); a later call reuses it.
# `stop` stops that private cluster (`--purge` also deletes its directory). Sourcing the script
# instead of running it also exports OTKLIK_TEST_PG_URL. Exit status non-zero on failure.

_otklik_postgres_main() (
  set -euo pipefail
  SVC_NAME=postgres
  # shellcheck source=_lib.sh
  . "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"

  local port=${OTKLIK_PG_PORT:-54329}
  local dir=${OTKLIK_PG_DIR:-${TMPDIR:-/tmp}/otklik-pg}
  local data=$dir/data
  local own_url="postgres://postgres@127.0.0.1:$port/postgres"
  export PGCONNECT_TIMEOUT=5
  local as=() # the command prefix that runs the server's tools as its OS user
  if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi

  need_psql() { command -v psql >/dev/null 2>&1 || svc_need_pkg postgresql-client; }

  can_create() { # URL -> true when it connects and its role may create databases
    [ "$(psql "$1" -XAtqc 'select rolsuper or rolcreatedb from pg_roles where rolname = current_user' 2>/dev/null)" = t ]
  }

  pg_bindir() { # the newest /usr/lib/postgresql/*/bin with a server, or nothing
    local d
    for d in /usr/lib/postgresql/*/bin; do
      if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
    done | sort -V | tail -n 1
  }

  stop_own() {
    if [ ! -f "$data/postmaster.pid" ]; then
      svc_info "no private cluster running in $dir"
    else
      local bin
      bin="/usr/lib/postgresql/$(cat "$data/PG_VERSION" 2>/dev/null)/bin"
      [ -x "$bin/pg_ctl" ] || bin=$(pg_bindir)
      [ -n "$bin" ] || svc_die "no pg_ctl found to stop the cluster in $data"
      "${as[@]}" "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null ||
        svc_die "pg_ctl could not stop the cluster in $data (log: $dir/postgres.log)"
      svc_info "stopped private cluster in $dir"
    fi
    if [ "${1:-}" = --purge ]; then rm -rf "$dir" "$dir.lock"; fi
  }

  case "${1:-start}" in
    start) ;;
    stop) stop_own "${2:-}"; return 0 ;;
    *) svc_die "unknown argument '$1'" "usage: postgres.sh [start|stop [--purge]]" ;;
  esac

  # 1. A URL given by the caller.
  if [ -n "${OTKLIK_TEST_PG_URL:-}" ]; then
    need_psql
    can_create "$OTKLIK_TEST_PG_URL" ||
      svc_die "OTKLIK_TEST_PG_URL=$OTKLIK_TEST_PG_URL does not connect, or its role may not create databases" \
        "check it with: psql \"\$OTKLIK_TEST_PG_URL\" -c 'select 1'; or unset it to use a local server"
    svc_info "using OTKLIK_TEST_PG_URL (${OTKLIK_TEST_PG_URL%%\?*})"
    echo "$OTKLIK_TEST_PG_URL"
    return 0
  fi

  # 2. The machine's server on 127.0.0.1:5432.
  if [ "${OTKLIK_PG_FORCE_OWN:-0}" != 1 ]; then
    local up=no
    if command -v pg_isready >/dev/null 2>&1; then
      pg_isready -q -U postgres -h 127.0.0.1 -p 5432 && up=yes
    elif svc_port_open 5432; then
      up=yes
    fi
    if [ "$up" = yes ]; then
      need_psql
      local role me
      me=$(id -un)
      for role in postgres "$me"; do
        if can_create "postgres://$role@127.0.0.1:5432/postgres"; then
          svc_info "using the server on 127.0.0.1:5432 as role $role"
          echo "postgres://$role@127.0.0.1:5432/postgres"
          return 0
        fi
      done
      svc_info "127.0.0.1:5432 answers, but neither role postgres nor $me can log in without a password and create databases; starting a private cluster"
    fi
  fi

  # 3. A private cluster.
  local bin
  bin=$(pg_bindir)
  if [ -z "$bin" ]; then
    svc_need_pkg postgresql
    bin=$(pg_bindir)
    [ -n "$bin" ] || svc_die "package postgresql is installed but no /usr/lib/postgresql/*/bin/initdb exists" \
      "apt-get install --reinstall postgresql"
  fi
  local version=${bin%/bin}
  version=${version##*/}
  need_psql
  if [ "$(id -u)" -eq 0 ]; then
    getent passwd postgres >/dev/null ||
      svc_die "no OS user 'postgres' to run the server as (PostgreSQL refuses to run as root)" \
        "apt-get install --reinstall postgresql-common"
  fi

  mkdir -p "$dir"
  exec 9>"$dir.lock"
  flock -w 120 9 || svc_die "timed out waiting for the lock $dir.lock"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$dir"
    chmod 700 "$dir"
  fi
  "${as[@]}" test -w "$dir" ||
    svc_die "the server's OS user cannot write $dir (a parent directory may be private)" \
      "set OTKLIK_PG_DIR (or TMPDIR) to a directory it can reach, e.g. /tmp/otklik-pg"

  if "$bin/pg_isready" -q -U postgres -h 127.0.0.1 -p "$port"; then
    can_create "$own_url" ||
      svc_die "127.0.0.1:$port is taken by a PostgreSQL server where role postgres cannot create databases" \
        "set OTKLIK_PG_PORT to a free port"
    svc_info "reusing the private cluster on 127.0.0.1:$port ($dir)"
    echo "$own_url"
    return 0
  fi
  if svc_port_open "$port"; then
    svc_die "127.0.0.1:$port is taken by something that is not a ready PostgreSQL server" \
      "set OTKLIK_PG_PORT to a free port"
  fi

  if [ "$(cat "$data/PG_VERSION" 2>/dev/null)" != "$version" ]; then
    rm -rf "$data"
    if ! "${as[@]}" "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
      rm -rf "$data" # C.UTF-8 may be missing outside Debian: fall back to the C locale
      "${as[@]}" "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 || {
        tail -n 15 "$dir/initdb.log" >&2
        svc_die "initdb failed (log: $dir/initdb.log)"
      }
    fi
    echo "include_if_exists = 'otklik.conf'" >>"$data/postgresql.conf"
  fi
  # Rewritten at each start so that OTKLIK_PG_PORT may change; durability is not needed.
  cat >"$data/otklik.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data/otklik.conf"; fi
  local try
  for try in 1 2 3; do # a crashed server's processes may take a moment to go away
    "${as[@]}" "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 start >/dev/null 2>&1 9>&- && break
    if [ "$try" -eq 3 ]; then
      tail -n 15 "$dir/postgres.log" >&2 || true
      svc_die "the private PostgreSQL cluster did not start (log: $dir/postgres.log)"
    fi
    sleep 2
  done
  local i
  for i in $(seq 1 60); do
    "$bin/pg_isready" -q -U postgres -h 127.0.0.1 -p "$port" && break
    [ "$i" -lt 60 ] || svc_die "the private cluster started but 127.0.0.1:$port never became ready (log: $dir/postgres.log)"
    sleep 0.5
  done
  can_create "$own_url" || svc_die "cannot connect to the private cluster as postgres at $own_url"
  svc_info "started a private PostgreSQL $version cluster on 127.0.0.1:$port ($dir)"
  echo "$own_url"
)

if (return 0 2>/dev/null); then
  # Sourced: also export the URL into the caller's shell.
  if _otklik_out=$(_otklik_postgres_main "$@"); then
    case "${1:-start}" in start) export OTKLIK_TEST_PG_URL="$_otklik_out" ;; esac
    [ -z "$_otklik_out" ] || printf '%s\n' "$_otklik_out"
    unset _otklik_out
  else
    unset _otklik_out
    return 1
  fi
else
  _otklik_postgres_main "$@"
fi
