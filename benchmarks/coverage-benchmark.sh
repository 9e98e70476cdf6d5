#!/usr/bin/env bash
# Latency of the coverage endpoints on the seeded data: the first GET /api/coverage after start
# (computes the figures in PostGIS for the directory snapshot), then GET /api/coverage and
# GET /api/coverage/site with one and with three candidate sites at random points in Kraków,
# sequentially over one keep-alive connection. Not a test: numbers vary with the machine's load.
#   benchmarks/coverage-benchmark.sh [REQUESTS]      (default 400 per kind)
# Uses the same database bootstrap as test.sh (a throwaway local cluster unless CLUBFINDER_TEST_DB is set).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local-postgres.sh
requests=${1:-400}
work=$(mktemp -d /tmp/clubfinder-coverage-bench.XXXXXX)
# The cluster inside runs as the postgres user, which must be able to reach it.
chmod 755 "$work"
if [ -z "${CLUBFINDER_TEST_DB:-}" ]; then
  clubfinder_local_postgres "$work/pg" postgres
  server=$CLUBFINDER_LOCAL_PG_URL
else
  server=$CLUBFINDER_TEST_DB
fi
db=clubfinder_covbench_$$
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
api="dotnet src/ClubFinder.Api/bin/Release/net10.0/ClubFinder.Api.dll"
$api migrate >/dev/null
port=$(clubfinder_free_port)
# Rate limits off: this measures latency, not the limiter.
Limits__PublicRequestsPerMinute=100000000 Limits__ExpensiveRequestsPerMinute=100000000 \
  App__PublicBaseUrl=http://127.0.0.1:$port Auth__RequireHttps=false \
  ASPNETCORE_URLS=http://127.0.0.1:$port $api >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "The app did not start:" >&2; tail -n 20 "$work/app.log" >&2; exit 1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$port" "$requests" <<'PY'
import http.client, json, random, statistics, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port)
def get(path):
    start = time.perf_counter()
    conn.request("GET", path)
    r = conn.getresponse(); body = r.read()
    return r.status, (time.perf_counter() - start) * 1000, body
status, first, body = get("/api/coverage")
print(f"first GET /api/coverage (computes the snapshot's figures): {first:.0f} ms, status {status}, {len(json.loads(body)['districts'])} districts")
random.seed(20261127)
def point():
    return f"lat={random.uniform(49.99, 50.10):.5f}&lon={random.uniform(19.85, 20.15):.5f}"
def report(name, paths):
    times, rejected = [], 0
    for path in paths:
        s, ms, _ = get(path)
        if s == 200: times.append(ms)
        else: rejected += 1
    times.sort()
    q = lambda p: times[min(len(times) - 1, int(p * len(times)))]
    print(f"{name}: {len(times)} answered (+{rejected} outside Kraków: 400/404), "
          f"p50 {q(0.5):.1f} ms, p95 {q(0.95):.1f} ms, p99 {q(0.99):.1f} ms, max {times[-1]:.1f} ms, mean {statistics.mean(times):.1f} ms")
# Baseline under the same load: the cheapest point lookup the service has (in memory, one polygon test).
report("baseline GET /api/districts/locate", [f"/api/districts/locate?{point()}" for _ in range(n)])
report("GET /api/coverage (from memory)", ["/api/coverage"] * n)
report("GET /api/coverage/site, one site", [f"/api/coverage/site?{point()}" for _ in range(n)])
report("GET /api/coverage/site, three sites", [f"/api/coverage/site?{point()}&{point()}&{point()}" for _ in range(n)])
PY
grep -m1 "Coverage computed" "$work/app.log" | sed 's/^ */server log: /' || true
