#!/usr/bin/env bash
# Runs every test (HTTP-level against real PostGIS, unit, browser) on a fresh machine.
# Database: CLUBFINDER_TEST_DB when set; otherwise Testcontainers when a Docker engine answers;
# otherwise a throwaway local PostgreSQL + PostGIS cluster started here and stopped at the end.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/local-postgres.sh

if [ -z "${CLUBFINDER_TEST_DB:-}" ] && ! clubfinder_docker_answers; then
  pg_dir=$(mktemp -d /tmp/clubfinder-test-pg.XXXXXX)
  trap 'clubfinder_stop_local_postgres "$pg_dir"; rm -rf "$pg_dir"' EXIT
  clubfinder_local_postgres "$pg_dir" postgres throwaway
  export CLUBFINDER_TEST_DB=$CLUBFINDER_LOCAL_PG_URL
fi

# Browser tests drive the distribution's Chromium (Playwright's own download is never used).
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the browser tests ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
fi

mkdir -p artifacts
log=artifacts/test-output.log
set +e
dotnet test ClubFinder.sln -c Release --nologo \
  --logger "console;verbosity=normal" --logger "trx;LogFileName=results.trx" --results-directory artifacts/test-results \
  "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line in the plain form: "Tests: N passed, N failed, N skipped".
count() { awk -v key="$1:" '$1 == key && NF == 2 && $2 ~ /^[0-9]+$/ { s += $2 } END { print s + 0 }' "$log"; }
passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
