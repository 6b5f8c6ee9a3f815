# shellcheck shell=bash
# Shared helpers for scripts/services/*.sh — sourced, never run on its own.
#   svc_info MSG        one line on stderr, prefixed with the calling script's name
#   svc_die MSG [HINT]  message (and "hint: ...") on stderr, then exit 1
#   svc_have_pkg PKG    true when the Debian package is installed (not merely known to dpkg)
#   svc_need_pkg PKG    install PKG with apt-get when missing (root), else fail with a sudo hint
#   svc_port_open PORT  true when something accepts TCP connections on 127.0.0.1:PORT
# Set SVC_NAME before sourcing to change the prefix (default: the script's file name).

SVC_NAME="${SVC_NAME:-$(basename "${BASH_SOURCE[1]:-service}" .sh)}"

svc_info() { printf '%s: %s\n' "$SVC_NAME" "$*" >&2; }

svc_die() {
  printf '%s: ERROR: %s\n' "$SVC_NAME" "$1" >&2
  if [ -n "${2:-}" ]; then printf '%s: hint: %s\n' "$SVC_NAME" "$2" >&2; fi
  exit 1
}

svc_have_pkg() {
  # `dpkg -s` also succeeds for a removed package whose configuration files remain.
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

svc_need_pkg() {
  local pkg=$1 log
  svc_have_pkg "$pkg" && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    svc_die "package '$pkg' is missing and this system has no apt-get" \
      "install the equivalent of Debian's '$pkg' with your package manager"
  fi
  if [ "$(id -u)" -ne 0 ]; then
    svc_die "package '$pkg' is missing (not root, so not installing it)" "sudo apt-get install $pkg"
  fi
  svc_info "installing Debian package $pkg ..."
  log=$(mktemp "${TMPDIR:-/tmp}/otklik-apt.XXXXXX")
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -y -q -o DPkg::Lock::Timeout=300)
  if ! "${apt[@]}" install --no-install-recommends "$pkg" >"$log" 2>&1; then
    # Usually a missing or stale package list: refresh it once and retry.
    "${apt[@]}" update >>"$log" 2>&1 || true
    if ! "${apt[@]}" install --no-install-recommends "$pkg" >>"$log" 2>&1; then
      tail -n 15 "$log" >&2
      svc_die "apt-get could not install '$pkg' (full log: $log)" \
        "apt-get update && apt-get install $pkg"
    fi
  fi
  rm -f "$log"
}

svc_port_open() {
  # bash's /dev/tcp in a subshell so the descriptor closes with it.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
