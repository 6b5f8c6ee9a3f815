#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# redis.sh [start|stop [--purge]] — a Redis server for the tests; prints (stdout, one line) its URL.
#   1. OTKLIK_TEST_REDIS_URL set: checks that it answers PING and prints it.
#   2. else 127.0.0.1:6379 answers PING: prints redis://127.0.0.1:6379.
#   3. else (or OTKLIK_REDIS_FORCE_OWN=1): installs Debian `redis-server` when missing and starts a
#      private, non-persistent server on 127.0.0.1:OTKLIK_REDIS_PORT (default 63799) with its files
#      in OTKLIK_REDIS_DIR (default ${TMPDIR:-/tmp}/otklik-redis); a later call reuses it.
# `stop` stops that private server (`--purge` also deletes its directory). Sourcing the script
# instead of running it also exports OTKLIK_TEST_REDIS_URL. Exit status non-zero on failure.

_otklik_redis_main() (
  set -euo pipefail
  SVC_NAME=redis
  # shellcheck source=_lib.sh
  . "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"

  local port=${OTKLIK_REDIS_PORT:-63799}
  local dir=${OTKLIK_REDIS_DIR:-${TMPDIR:-/tmp}/otklik-redis}
  local own_url="redis://127.0.0.1:$port"

  pong() { # redis-cli args... -> true when the server answers PING
    [ "$(timeout 5 redis-cli "$@" ping 2>/dev/null)" = PONG ]
  }
  need_cli() { command -v redis-cli >/dev/null 2>&1 || svc_need_pkg redis-tools; }

  stop_own() {
    local pid=
    [ -f "$dir/redis.pid" ] && pid=$(cat "$dir/redis.pid")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      local i
      for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
      rm -f "$dir/redis.pid"
      svc_info "stopped the private server on 127.0.0.1:$port ($dir)"
    else
      svc_info "no private server running from $dir"
    fi
    if [ "${1:-}" = --purge ]; then rm -rf "$dir" "$dir.lock"; fi
  }

  case "${1:-start}" in
    start) ;;
    stop) stop_own "${2:-}"; return 0 ;;
    *) svc_die "unknown argument '$1'" "usage: redis.sh [start|stop [--purge]]" ;;
  esac

  # 1. A URL given by the caller.
  if [ -n "${OTKLIK_TEST_REDIS_URL:-}" ]; then
    need_cli
    pong -u "$OTKLIK_TEST_REDIS_URL" ||
      svc_die "OTKLIK_TEST_REDIS_URL=$OTKLIK_TEST_REDIS_URL does not answer PING" \
        "check it with: redis-cli -u \"\$OTKLIK_TEST_REDIS_URL\" ping; or unset it to use a local server"
    svc_info "using OTKLIK_TEST_REDIS_URL ($OTKLIK_TEST_REDIS_URL)"
    echo "$OTKLIK_TEST_REDIS_URL"
    return 0
  fi

  # 2. The machine's server on 127.0.0.1:6379.
  if [ "${OTKLIK_REDIS_FORCE_OWN:-0}" != 1 ] && svc_port_open 6379; then
    need_cli
    if pong -h 127.0.0.1 -p 6379; then
      svc_info "using the server on 127.0.0.1:6379"
      echo "redis://127.0.0.1:6379"
      return 0
    fi
    svc_info "127.0.0.1:6379 is open but does not answer PING without a password; starting a private server"
  fi

  # 3. A private server.
  command -v redis-server >/dev/null 2>&1 || svc_need_pkg redis-server
  need_cli
  mkdir -p "$dir"
  exec 9>"$dir.lock"
  flock -w 60 9 || svc_die "timed out waiting for the lock $dir.lock"
  if pong -h 127.0.0.1 -p "$port"; then
    svc_info "reusing the private server on 127.0.0.1:$port ($dir)"
    echo "$own_url"
    return 0
  fi
  if svc_port_open "$port"; then
    svc_die "127.0.0.1:$port is taken by something that does not answer PING" \
      "set OTKLIK_REDIS_PORT to a free port"
  fi
  rm -f "$dir/redis.pid"
  if ! redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" 9>&-; then
    tail -n 15 "$dir/redis.log" >&2 2>/dev/null || true
    svc_die "redis-server did not start (log: $dir/redis.log)"
  fi
  local i
  for i in $(seq 1 100); do
    pong -h 127.0.0.1 -p "$port" && break
    if [ "$i" -eq 100 ]; then
      tail -n 15 "$dir/redis.log" >&2 2>/dev/null || true
      svc_die "redis-server started but 127.0.0.1:$port never answered PING (log: $dir/redis.log)"
    fi
    sleep 0.1
  done
  svc_info "started a private server on 127.0.0.1:$port ($dir)"
  echo "$own_url"
)

if (return 0 2>/dev/null); then
  # Sourced: also export the URL into the caller's shell.
  if _otklik_out=$(_otklik_redis_main "$@"); then
    case "${1:-start}" in start) export OTKLIK_TEST_REDIS_URL="$_otklik_out" ;; esac
    [ -z "$_otklik_out" ] || printf '%s\n' "$_otklik_out"
    unset _otklik_out
  else
    unset _otklik_out
    return 1
  fi
else
  _otklik_redis_main "$@"
fi
