#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# dovecot.sh start [DIR] [--port N] [USER:PASSWORD ...]   |   dovecot.sh stop [DIR] [--purge]
# A private Dovecot IMAP server (not the system service): plaintext IMAP, no TLS, on 127.0.0.1:PORT
# (OTKLIK_DOVECOT_PORT, default 14143), maildir, an auto-created `Sent` (\Sent) folder, and the given
# users (default support@otklik.test:secret ack@otklik.test:secret). Config, users, mail, logs,
# sockets and state all live in DIR (OTKLIK_DOVECOT_DIR, default ${TMPDIR:-/tmp}/otklik-dovecot).
# As root, mail belongs to system user otklik-mail (made if missing; OTKLIK_DOVECOT_MAIL_USER); else
# all runs as the caller. `start` installs `dovecot-imapd` when missing, waits for `* OK`, prints one
# JSON line {"host","port","users":[{"user","password"}],"dir"}; same settings again reuse the running
# server (users rewritten in place), others restart it. `stop` stops it; `--purge` deletes DIR too.

_otklik_dovecot_main() (
  set -euo pipefail
  SVC_NAME=dovecot
  # shellcheck source=_lib.sh
  . "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"

  local usage="usage: dovecot.sh start [DIR] [--port N] [USER:PASSWORD ...] | dovecot.sh stop [DIR] [--purge]"
  local cmd=${1:-}
  [ $# -eq 0 ] || shift
  local dir=${OTKLIK_DOVECOT_DIR:-${TMPDIR:-/tmp}/otklik-dovecot}
  local port=${OTKLIK_DOVECOT_PORT:-14143}
  local purge=0 users=()
  while [ $# -gt 0 ]; do
    case $1 in
      --port) [ $# -ge 2 ] || svc_die "--port needs a value" "$usage"; port=$2; shift ;;
      --port=*) port=${1#--port=} ;;
      --dir) [ $# -ge 2 ] || svc_die "--dir needs a value" "$usage"; dir=$2; shift ;;
      --dir=*) dir=${1#--dir=} ;;
      --purge) purge=1 ;;
      -*) svc_die "unknown option '$1'" "$usage" ;;
      *:*) users+=("$1") ;;
      *) dir=$1 ;;
    esac
    shift
  done
  if ! [[ $port =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
    svc_die "bad port '$port'" "$usage"
  fi
  [[ $dir == /* ]] || dir=$PWD/$dir
  [ ${#users[@]} -gt 0 ] || users=(support@otklik.test:secret ack@otklik.test:secret)
  local conf=$dir/dovecot.conf pidfile=$dir/run/master.pid

  running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

  greets() ( # true when 127.0.0.1:$port sends an IMAP "* OK" greeting
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
    IFS= read -r -t 3 line <&3 || exit 1
    [[ $line == "* OK"* ]]
  )

  stop_it() {
    if running; then
      local pid
      pid=$(cat "$pidfile")
      doveadm -c "$conf" stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
      local i
      for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; sleep 0.2; fi
      svc_info "stopped the private server ($dir)"
    else
      svc_info "no private server running from $dir"
    fi
  }

  json_str() { # JSON string literal of $1
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
  }

  case $cmd in
    start) ;;
    stop)
      stop_it
      if [ "$purge" = 1 ]; then rm -rf "$dir" "$dir.lock"; fi
      return 0 ;;
    *) svc_die "expected 'start' or 'stop', got '${cmd}'" "$usage" ;;
  esac

  svc_need_pkg dovecot-imapd
  local u
  for u in "${users[@]}"; do
    [[ ${u%%:*} =~ ^[A-Za-z0-9._@+-]+$ ]] || svc_die "bad user name in '$u' (letters, digits and ._@+- only)" "$usage"
    [[ ${u#*:} != *:* && ${u#*:} != *$'\n'* && -n ${u#*:} ]] ||
      svc_die "bad password in '$u' (non-empty, without ':' or newlines)" "$usage"
  done

  # Who owns the mail, and who the login/internal processes run as.
  local muser mgroup login_user internal_user extra=""
  if [ "$(id -u)" -eq 0 ]; then
    muser=${OTKLIK_DOVECOT_MAIL_USER:-otklik-mail}
    if ! getent passwd "$muser" >/dev/null; then
      useradd --system --user-group --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin "$muser" >/dev/null 2>&1 || true
    fi
    if ! getent passwd "$muser" >/dev/null; then
      muser=nobody
      getent passwd dovenull >/dev/null && muser=dovenull
    fi
    login_user=dovenull
    internal_user=dovecot
    getent passwd "$login_user" >/dev/null || svc_die "no OS user 'dovenull' (made by dovecot-core)" "apt-get install --reinstall dovecot-core"
    getent passwd "$internal_user" >/dev/null || svc_die "no OS user 'dovecot' (made by dovecot-core)" "apt-get install --reinstall dovecot-core"
  else
    # Rootless: every process runs as the caller, and nothing chroots.
    muser=$(id -un)
    login_user=$muser
    internal_user=$muser
    extra="default_internal_group = $(id -gn)
service imap-login {
  chroot =
}
service anvil {
  chroot =
}
service auth {
  user = \$default_internal_user
}"
  fi
  mgroup=$(id -gn "$muser")
  local muid
  muid=$(id -u "$muser")

  mkdir -p "$dir"
  exec 9>"$dir.lock"
  flock -w 60 9 || svc_die "timed out waiting for the lock $dir.lock"
  mkdir -p "$dir/mail" "$dir/state"
  chmod 755 "$dir"
  chmod 700 "$dir/mail"
  if [ "$(id -u)" -eq 0 ]; then chown "$muser:$mgroup" "$dir/mail"; fi

  # Users first: the passwd-file is read again whenever it changes, so a running server sees them.
  local tmp
  tmp=$(mktemp "$dir/users.XXXXXX")
  for u in "${users[@]}"; do
    printf '%s:{PLAIN}%s::::::\n' "${u%%:*}" "${u#*:}" >>"$tmp"
  done
  chmod 644 "$tmp" # read by the auth process (user dovecot); the passwords are test-only
  mv -f "$tmp" "$dir/users"

  tmp=$(mktemp "$dir/dovecot.conf.XXXXXX")
  cat >"$tmp" <<EOF
# Written by scripts/services/dovecot.sh: a private test instance. Do not edit; it is rewritten.
instance_name = otklik-$port
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
default_login_user = $login_user
default_internal_user = $internal_user
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u
mail_uid = $muser
mail_gid = $mgroup
first_valid_uid = $muid
last_valid_uid = 0
first_valid_gid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = home=$dir/mail/%u
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    auto = create
    special_use = \\Sent
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
$extra
EOF
  chmod 644 "$tmp"

  if running; then
    if cmp -s "$tmp" "$conf" && greets 2>/dev/null; then
      rm -f "$tmp"
      svc_info "reusing the private server on 127.0.0.1:$port ($dir)"
    else
      stop_it >/dev/null 2>&1
    fi
  fi
  if ! running; then
    mv -f "$tmp" "$conf"
    if svc_port_open "$port"; then
      svc_die "127.0.0.1:$port is already taken" "set OTKLIK_DOVECOT_PORT (or --port) to a free port"
    fi
    # The daemon keeps its inherited stdout/stderr open: never a pipe here, or callers hang.
    if ! dovecot -c "$conf" </dev/null >"$dir/start.err" 2>&1 9>&-; then
      if [ -s "$dir/start.err" ]; then cat "$dir/start.err" >&2; else tail -n 15 "$dir/dovecot.log" >&2 2>/dev/null || true; fi
      svc_die "dovecot did not start (config: $conf, log: $dir/dovecot.log)"
    fi
    local i
    for i in $(seq 1 100); do
      greets 2>/dev/null && break
      if [ "$i" -eq 100 ]; then
        tail -n 15 "$dir/dovecot.log" >&2 2>/dev/null || true
        svc_die "dovecot started but 127.0.0.1:$port never sent '* OK' (log: $dir/dovecot.log)"
      fi
      sleep 0.1
    done
    svc_info "started a private IMAP server on 127.0.0.1:$port ($dir)"
  fi

  local list="" sep=""
  for u in "${users[@]}"; do
    list+="$sep{\"user\":$(json_str "${u%%:*}"),\"password\":$(json_str "${u#*:}")}"
    sep=,
  done
  printf '{"host":"127.0.0.1","port":%s,"users":[%s],"dir":%s}\n' "$port" "$list" "$(json_str "$dir")"
)

_otklik_dovecot_main "$@" || { (return 0 2>/dev/null) && return 1; exit 1; }
