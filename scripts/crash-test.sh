#!/usr/bin/env bash
# Crash test of the local cluster's durability settings: a client commits rows one at a time and
# records each acknowledged commit; every PostgreSQL process is killed with SIGKILL mid-stream; after
# a restart (crash recovery) each acknowledged row must still be there.
#   scripts/crash-test.sh [kept|throwaway] [seconds-before-the-crash]
# "kept" is how ./run.sh runs its cluster, "throwaway" how ./test.sh runs its own.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local-postgres.sh
mode=${1:-kept}
seconds=${2:-3}
dir=$(mktemp -d /tmp/clubfinder-crash.XXXXXX)
trap 'clubfinder_stop_local_postgres "$dir"; rm -rf "$dir"' EXIT
clubfinder_local_postgres "$dir" crash "$mode" 2>/dev/null
bin=$(clubfinder_pg_bindir)
export PGHOST=127.0.0.1 PGPORT=$(cat "$dir/port") PGUSER=clubfinder PGDATABASE=crash PGPASSWORD=$(cat "$dir/password")
"$bin/psql" -qc "CREATE TABLE writes (id int PRIMARY KEY, payload text NOT NULL)"

# One INSERT per statement, autocommit: psql prints "INSERT 0 1" only after the server acknowledged the commit.
acks="$dir/acknowledged"
(for i in $(seq 1 1000000); do echo "INSERT INTO writes VALUES ($i, repeat('x', 200));"; done) \
  | "$bin/psql" -X -v ON_ERROR_STOP=1 2>/dev/null | grep -c '^INSERT 0 1$' > "$acks" &
sleep "$seconds"
pid=$(head -n1 "$dir/data/postmaster.pid")
pkill -9 -P "$pid" || true
kill -9 "$pid"
wait || true

clubfinder_as_owner rm -f "$dir/data/postmaster.pid"
clubfinder_local_postgres "$dir" crash "$mode" 2>/dev/null
export PGPORT=$(cat "$dir/port")
acknowledged=$(cat "$acks")
present=$("$bin/psql" -tAc "SELECT count(*) FROM writes WHERE id <= $acknowledged")
echo "mode=$mode acknowledged=$acknowledged present_after_crash=$present lost=$((acknowledged - present))"
