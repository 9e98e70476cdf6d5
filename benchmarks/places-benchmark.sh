#!/usr/bin/env bash
# Suggestion latency of GET /api/places with the real gazetteer (baseline), then with 200 000
# SYNTHETIC address points added, in a scratch database; also times the import. Not a test.
# Uses the same database bootstrap as test.sh (a throwaway local cluster unless CLUBFINDER_TEST_DB is set).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local-postgres.sh
rows=${ROWS:-200000}
work=$(mktemp -d /tmp/clubfinder-bench.XXXXXX)
chmod 755 "$work"  # the cluster runs as postgres when this runs as root
if [ -z "${CLUBFINDER_TEST_DB:-}" ]; then
  clubfinder_local_postgres "$work/pg" postgres
  server=$CLUBFINDER_LOCAL_PG_URL
else
  server=$CLUBFINDER_TEST_DB
fi
db=clubfinder_bench_$$
psql_url() { python3 -c "import sys;d=dict(p.split('=',1) for p in sys.argv[1].split(';') if p);print(f\"postgresql://{d['Username']}:{d['Password']}@{d['Host']}:{d['Port']}/{sys.argv[2]}\")" "$1" "$2"; }
psql "$(psql_url "$server" postgres)" -qc "CREATE DATABASE $db"
export ConnectionStrings__ClubFinder="$(sed -E "s/Database=[^;]*/Database=$db/" <<<"$server")"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  psql "$(psql_url "$server" postgres)" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  [ -d "$work/pg" ] && clubfinder_stop_local_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/ClubFinder.Api -c Release -nologo -v quiet
dotnet build benchmarks/PlaceBench -c Release -nologo -v quiet
api="dotnet src/ClubFinder.Api/bin/Release/net10.0/ClubFinder.Api.dll"
bench="dotnet benchmarks/PlaceBench/bin/Release/net10.0/PlaceBench.dll"
$api migrate >/dev/null

port=$(clubfinder_free_port)
export App__PublicBaseUrl=http://127.0.0.1:$port
# The per-address rate limits would measure the limiter, not the search.
export Limits__PublicRequestsPerMinute=100000000 Limits__ExpensiveRequestsPerMinute=100000000
# The app answers from memory and notices another process's import at its next check of `places`.
export Places__RefreshInterval=00:00:02
ASPNETCORE_URLS=http://127.0.0.1:$port $api >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 60); do
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || { tail -n 30 "$work/app.log" >&2; exit 1; }
  sleep 1
done
rss() { awk '/VmRSS/{printf "app RSS: %d MB\n", $2/1024}' "/proc/$app_pid/status"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "places before: $(psql "$(psql_url "$server" $db)" -tAc 'SELECT count(*) FROM places')"
psql "$(psql_url "$server" $db)" -qc 'ANALYZE places'
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
echo -n "baseline (real gazetteer only): "
$bench measure "http://127.0.0.1:$port" data/teryt-streets.csv 400
rss

$bench write-addresses data/teryt-streets.csv "$work/synthetic-addresses.csv" "$rows"
start=$(date +%s%N)
$api import-places "$work/synthetic-addresses.csv" | tail -n 1
echo "import of $rows synthetic rows: $(( ($(date +%s%N) - start) / 1000000 )) ms"
echo "places after: $(psql "$(psql_url "$server" $db)" -tAc 'SELECT count(*) FROM places')"
# Measured once the app has reloaded its index with the new points (an app searching SQL has nothing to wait for).
for _ in $(seq 60); do
  [ "$(grep -c 'Place index loaded' "$work/app.log")" -ge 2 ] && break
  grep -q 'Place index loaded' "$work/app.log" || break
  sleep 1
done
grep 'Place index loaded' "$work/app.log" | tail -n 1 | sed 's/^ *//' || true
psql "$(psql_url "$server" $db)" -qc 'ANALYZE places'
echo -n "with $rows synthetic address points: "
$bench measure "http://127.0.0.1:$port" data/teryt-streets.csv 400
rss
