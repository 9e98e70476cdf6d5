#!/usr/bin/env bash
# What an idle app spends on the directory's safety-net reload: 50 000 SYNTHETIC clubs ("TEST synthetic
# bench club N", two sessions each) in a scratch database, the reload every 5 s instead of 5 minutes,
# and the app's CPU time over 60 s with no request, after 20 s to settle; then its RSS. Also times the
# fingerprint query the reload asks first. BASELINE_APP=folder (a Release build of another commit)
# is measured the same way in the same run, alternating with this commit's build. Not a test.
#   BASELINE_APP=/path/to/net10.0 benchmarks/idle-reload-benchmark.sh
# Database: CLUBFINDER_TEST_DB when set, otherwise a throwaway local cluster, as test.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local-postgres.sh
clubs=${CLUBS:-50000}
work=$(mktemp -d /tmp/clubfinder-idle-bench.XXXXXX)
chmod 755 "$work"  # the cluster runs as postgres when this runs as root
if [ -z "${CLUBFINDER_TEST_DB:-}" ]; then
  clubfinder_local_postgres "$work/pg" postgres throwaway
  server=$CLUBFINDER_LOCAL_PG_URL
else
  server=$CLUBFINDER_TEST_DB
fi
db=clubfinder_idle_bench_$$
psql_url() { python3 -c "import sys;d=dict(p.split('=',1) for p in sys.argv[1].split(';') if p);print(f\"postgresql://{d['Username']}:{d['Password']}@{d['Host']}:{d['Port']}/{sys.argv[2]}\")" "$1" "$2"; }
psql "$(psql_url "$server" postgres)" -qc "CREATE DATABASE $db"
sql() { psql "$(psql_url "$server" $db)" -v ON_ERROR_STOP=1 -qtAc "$1"; }
export ConnectionStrings__ClubFinder="$(sed -E "s/Database=[^;]*/Database=$db/" <<<"$server")"
export App__PublicBaseUrl=http://127.0.0.1 Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
export Directory__FullReloadInterval=00:00:05
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  psql "$(psql_url "$server" postgres)" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  [ -d "$work/pg" ] && clubfinder_stop_local_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/ClubFinder.Api -c Release -nologo -v quiet >/dev/null
cp -r src/ClubFinder.Api/bin/Release/net10.0 "$work/app"
dotnet "$work/app/ClubFinder.Api.dll" migrate >/dev/null
sql "INSERT INTO organizations (slug, name, type) VALUES ('test-synthetic-bench', 'TEST synthetic bench operator', 'ngo')"
sql "
  WITH pts AS (SELECT g, ST_SetSRID(ST_MakePoint(19.85 + random() * 0.30, 49.98 + random() * 0.12), 4326) AS p
               FROM generate_series(1, $clubs) g),
  ins AS (
    INSERT INTO clubs (slug, name, organization_id, street, house_number, location, location_precision, district_number,
                       special_needs, languages, status, sources)
    SELECT 'test-synthetic-bench-' || g, 'TEST synthetic bench club ' || g,
           (SELECT id FROM organizations WHERE slug = 'test-synthetic-bench'), 'ul. Testowa', g::text, p, 'building',
           (SELECT number FROM districts d WHERE ST_Covers(d.geom, p)), g % 10 = 0, '{pl}', 'active', '[]'
    FROM pts RETURNING id)
  INSERT INTO sessions (club_id, weekday, starts_at, ends_at, title)
  SELECT id, 1 + (id * 7 + k) % 7, make_time(8 + (id + k * 5) % 10, 0, 0), make_time(10 + (id + k * 5) % 10, 0, 0), 'TEST synthetic session'
  FROM ins, generate_series(1, 2) k"
sql "VACUUM ANALYZE"

echo "# idle safety-net reloads, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes)"
echo "# machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# rows: $(sql "SELECT (SELECT count(*) FROM clubs) || ' clubs, ' || (SELECT count(*) FROM sessions) || ' sessions'")"
# The query ClubDirectory.ReloadAsync asks first (FingerprintSql there).
fingerprint="SELECT count(*) || '/' || coalesce(sum(hashtextextended(r, 0)), 0) FROM (
  SELECT 'd' || number || ':' || xmin FROM districts UNION ALL SELECT 'o' || id || ':' || xmin FROM organizations
  UNION ALL SELECT 'c' || id || ':' || xmin FROM clubs UNION ALL SELECT 's' || id || ':' || xmin FROM sessions
  UNION ALL SELECT 'x' || id || ':' || xmin FROM closures) AS rows(r)"
for _ in 1 2 3; do
  psql "$(psql_url "$server" $db)" -qtA -c '\timing on' -c "$fingerprint" | sed -n 's/^Time: /# fingerprint query: /p'
done

measure() {
  local dll=$1 label=$2 port t0 t1
  port=$(clubfinder_free_port)
  ASPNETCORE_URLS=http://127.0.0.1:$port dotnet "$dll" >>"$work/app.log" 2>&1 &
  app_pid=$!
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null; do
    kill -0 "$app_pid" 2>/dev/null || { tail -n 30 "$work/app.log" >&2; exit 1; }
    sleep 0.2
  done
  sleep 20
  t0=$(awk '{print $14 + $15}' "/proc/$app_pid/stat")
  sleep 60
  t1=$(awk '{print $14 + $15}' "/proc/$app_pid/stat")
  echo "| $label | $(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }') | $(awk '/VmRSS/{printf "%d", $2/1024}' "/proc/$app_pid/status") |"
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
}
echo
echo "| app | CPU seconds in 60 s idle | RSS MB |"
echo "|---|---|---|"
for _ in 1 2; do
  [ -n "${BASELINE_APP:-}" ] && measure "$BASELINE_APP/ClubFinder.Api.dll" "baseline ($BASELINE_APP)"
  measure "$work/app/ClubFinder.Api.dll" "this commit"
done
