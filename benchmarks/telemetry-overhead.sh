#!/usr/bin/env bash
# What OpenTelemetry costs a request: the same app and database with Telemetry:Enabled=false
# (baseline), then on with Prometheus scraping; sequential keep-alive GETs of /api/clubs and
# /api/clubs/{slug}, median and 95th percentile. Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local-postgres.sh
requests=${REQUESTS:-1000}
work=$(mktemp -d /tmp/clubfinder-bench.XXXXXX)
if [ -z "${CLUBFINDER_TEST_DB:-}" ]; then
  pg_dir=$(mktemp -d /tmp/clubfinder-bench-pg.XXXXXX) # its own folder: the postgres user must reach it
  clubfinder_local_postgres "$pg_dir" postgres
  server=$CLUBFINDER_LOCAL_PG_URL
else
  server=$CLUBFINDER_TEST_DB
fi
db=clubfinder_bench_$$
psql_url() { python3 -c "import sys;d=dict(p.split('=',1) for p in sys.argv[1].split(';') if p);print(f\"postgresql://{d['Username']}:{d['Password']}@{d['Host']}:{d['Port']}/{sys.argv[2]}\")" "$1" "$2"; }
psql "$(psql_url "$server" postgres)" -qc "CREATE DATABASE $db"
export ConnectionStrings__ClubFinder="$(sed -E "s/Database=[^;]*/Database=$db/" <<<"$server")"
export Limits__PublicRequestsPerMinute=1000000 App__PublicBaseUrl=http://localhost:8080 Auth__RequireHttps=false
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  psql "$(psql_url "$server" postgres)" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  [ -n "${pg_dir:-}" ] && clubfinder_stop_local_postgres "$pg_dir" && rm -rf "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build src/ClubFinder.Api -c Release -nologo -v quiet
api="dotnet src/ClubFinder.Api/bin/Release/net10.0/ClubFinder.Api.dll"
$api migrate >/dev/null

measure() { # label, then environment assignments
  local label=$1; shift
  local port; port=$(clubfinder_free_port)
  env "$@" ASPNETCORE_URLS=http://127.0.0.1:$port $api >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
  echo "$label (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  python3 - "$port" "$requests" <<'PY'
import http.client, json, statistics, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port)
def get(path):
    c.request("GET", path); r = c.getresponse(); body = r.read(); return r.status, body
slug = json.loads(get("/api/clubs")[1])["items"][0]["slug"]
for path in ["/api/clubs", f"/api/clubs/{slug}"]:
    for _ in range(100): get(path)  # warm-up
    times = []
    for _ in range(n):
        t = time.perf_counter(); get(path); times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"  GET {path}: median {statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95)]:.2f} ms ({n} requests)")
PY
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
measure "OpenTelemetry off (baseline)" Telemetry__Enabled=false
measure "OpenTelemetry on, Prometheus enabled" Telemetry__Enabled=true Metrics__Prometheus__Enabled=true
measure "OpenTelemetry off again" Telemetry__Enabled=false
