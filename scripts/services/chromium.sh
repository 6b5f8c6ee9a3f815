#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# chromium.sh — a Chromium for the end-to-end tests; prints (stdout, one line) its path.
#   OTKLIK_CHROMIUM set to an executable: uses that browser as it is.
#   else installs Debian `chromium` when /usr/bin/chromium is missing and prints /usr/bin/chromium.
# Either way it makes sure a font with Cyrillic glyphs is installed (Debian `fonts-dejavu-core`
# unless it or `fonts-liberation` already is), so screenshots show text rather than boxes, and
# checks that the browser starts (`--version`). No arguments. Sourcing the script instead of
# running it also exports OTKLIK_CHROMIUM. Exit status non-zero on failure.
# As root, launch it with --headless --no-sandbox (plus --disable-background-networking offline).

_otklik_chromium_main() (
  set -euo pipefail
  SVC_NAME=chromium
  # shellcheck source=_lib.sh
  . "$(dirname "${BASH_SOURCE[0]}")/_lib.sh"

  [ $# -eq 0 ] || svc_die "unexpected argument '$1'" "usage: chromium.sh"
  local bin=/usr/bin/chromium
  if [ -n "${OTKLIK_CHROMIUM:-}" ]; then
    [ -x "$OTKLIK_CHROMIUM" ] ||
      svc_die "OTKLIK_CHROMIUM=$OTKLIK_CHROMIUM is not an executable file" \
        "unset OTKLIK_CHROMIUM to use Debian's chromium (apt-get install chromium)"
    bin=$OTKLIK_CHROMIUM
  elif [ ! -x "$bin" ]; then
    svc_need_pkg chromium
    [ -x "$bin" ] || svc_die "package chromium is installed but $bin is missing" "apt-get install --reinstall chromium"
  fi
  if ! svc_have_pkg fonts-dejavu-core && ! svc_have_pkg fonts-liberation; then
    svc_need_pkg fonts-dejavu-core
  fi
  local version
  version=$(timeout 60 "$bin" --version 2>/dev/null | head -n 1) || true
  [ -n "$version" ] || svc_die "$bin --version printed nothing: the browser does not start" \
    "run '$bin --headless --no-sandbox --version' to see why; apt-get install --reinstall chromium"
  svc_info "using $version ($bin)"
  echo "$bin"
)

if (return 0 2>/dev/null); then
  # Sourced: also export the path into the caller's shell.
  if _otklik_out=$(_otklik_chromium_main "$@"); then
    export OTKLIK_CHROMIUM="$_otklik_out"
    printf '%s\n' "$_otklik_out"
    unset _otklik_out
  else
    unset _otklik_out
    return 1
  fi
else
  _otklik_chromium_main "$@"
fi
