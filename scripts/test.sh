#!/usr/bin/env bash
# `npm test`: every suite — unit, integration on SQLite and PostgreSQL, multi-node realtime on
# Redis, end-to-end in Chromium. Services come from scripts/services/*.sh, which use what is
# running on loopback or install (Debian packages) and start their own. A missing service is not
# skipped: its suite fails with the install hint. Extra arguments go to vitest.
set -uo pipefail
cd "$(dirname "$0")/.."

service() { # name script -> prints the URL/path on stdout, or warns and prints nothing
  local out
  if out=$(bash "scripts/services/$2" 2> >(sed "s/^/[$1] /" >&2)); then
    printf '%s' "$out" | tail -n 1
  else
    echo "[$1] not available: its tests will fail (see the hint above)." >&2
  fi
}

export OTKLIK_TEST_PG_URL="${OTKLIK_TEST_PG_URL:-$(service postgres postgres.sh)}"
export OTKLIK_TEST_REDIS_URL="${OTKLIK_TEST_REDIS_URL:-$(service redis redis.sh)}"
export OTKLIK_CHROMIUM="${OTKLIK_CHROMIUM:-$(service chromium chromium.sh)}"

mkdir -p test-results
rm -f test-results/vitest*.json
run() {
  local report=$1
  shift
  npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || true
}
if [ $# -gt 0 ]; then
  run test-results/vitest.json "$@"
  node scripts/test-summary.mjs test-results/vitest.json
else
  # The browser journeys run after the other suites, not beside them: on a 2-core machine the
  # parallel database suites starved the console under test and made journeys time out.
  # Two workers: the database suites wait on PostgreSQL, Dovecot and the disk as much as on the
  # CPU, and vitest's default (cores − 1) ran them one file at a time on 2 cores.
  run test-results/vitest.json --maxWorkers=2 --project unit --project integration-sqlite --project integration-postgres
  run test-results/vitest-e2e.json --project e2e
  node scripts/test-summary.mjs test-results/vitest.json test-results/vitest-e2e.json
fi
