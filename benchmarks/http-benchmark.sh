#!/usr/bin/env bash
# Throughput and latency of the public routes with wrk, as issue #12 measures them: the Release app on
# a scratch database; wrk with 1 thread × 32 connections, a warm-up, then DURATION seconds per route;
# /health/live (no checks, 7-byte body) measured before and after each route, and the route's
# throughput divided by the mean of the two ("ratio"); the median of ROUNDS rounds. Then the same at
# 5 000 and 50 000 clubs: SYNTHETIC clubs ("TEST synthetic bench club N", organization
# test-synthetic-bench) are added to the scratch database only, which is dropped at the end.
# Also: RSS, start-up to ready, a one-club edit's delay until the API shows it, and the first page's weight.
# Not a test: the figures depend on the machine and its load (±30 % on a shared 2-core machine).
#
#   benchmarks/http-benchmark.sh                   all sizes, 10 s per route, 3 rounds (about an hour)
#   SIZES="15 5000" DURATION=3 ROUNDS=1 WARMUP=1 benchmarks/http-benchmark.sh   a quick look
# Database: CLUBFINDER_TEST_DB when set (a scratch database is created on that server), otherwise a
# throwaway local PostgreSQL + PostGIS cluster, as test.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local-postgres.sh
sizes=${SIZES:-"15 5000 50000"}
duration=${DURATION:-10}
warmup=${WARMUP:-3}
rounds=${ROUNDS:-3}
connections=${CONNECTIONS:-32}
routes=${ROUTES:-"nearest district districtbr bbox upcoming clubs club places clubics allics districtics revalidate index"}
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

work=$(mktemp -d /tmp/clubfinder-http-bench.XXXXXX)
chmod 755 "$work"  # the cluster runs as postgres when this runs as root
if [ -z "${CLUBFINDER_TEST_DB:-}" ]; then
  clubfinder_local_postgres "$work/pg" postgres throwaway
  server=$CLUBFINDER_LOCAL_PG_URL
else
  server=$CLUBFINDER_TEST_DB
fi
db=clubfinder_http_bench_$$
psql_url() { python3 -c "import sys;d=dict(p.split('=',1) for p in sys.argv[1].split(';') if p);print(f\"postgresql://{d['Username']}:{d['Password']}@{d['Host']}:{d['Port']}/{sys.argv[2]}\")" "$1" "$2"; }
psql "$(psql_url "$server" postgres)" -qc "CREATE DATABASE $db"
sql() { psql "$(psql_url "$server" $db)" -v ON_ERROR_STOP=1 -qtAc "$1"; }
export ConnectionStrings__ClubFinder="$(sed -E "s/Database=[^;]*/Database=$db/" <<<"$server")"
# The per-address rate limits would measure the limiter, not the route.
export Limits__PublicRequestsPerMinute=100000000 Limits__ExpensiveRequestsPerMinute=100000000
export Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  psql "$(psql_url "$server" postgres)" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  [ -d "$work/pg" ] && clubfinder_stop_local_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

# A copy, so a rebuild while the benchmark runs does not change the app it measures.
# BENCH_APP=folder measures an app built elsewhere (e.g. an earlier commit, for the baseline).
if [ -n "${BENCH_APP:-}" ]; then
  cp -r "$BENCH_APP" "$work/app"
else
  dotnet build src/ClubFinder.Api -c Release -nologo -v quiet >/dev/null
  cp -r src/ClubFinder.Api/bin/Release/net10.0 "$work/app"
fi
api="dotnet $work/app/ClubFinder.Api.dll"
port=$(clubfinder_free_port)
base="http://127.0.0.1:$port"
export App__PublicBaseUrl=$base

start_app() {
  local started=$(date +%s%N)
  ASPNETCORE_URLS=$base $api >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1200); do
    curl -fs "$base/health/ready" >/dev/null && break
    kill -0 "$app_pid" 2>/dev/null || { tail -n 30 "$work/app.log" >&2; exit 1; }
    sleep 0.1
  done
  startup_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=; }
rss_mb() { awk '/VmRSS/{printf "%d", $2/1024}' "/proc/$app_pid/status"; }
listed() { curl -fs "$base/api/clubs${1:+?q=$1}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])'; }

# One wrk run: prints "req/s p50 p99 bad requests".
run_wrk() {
  local route=$1 seconds=$2
  ROUTE=$route SLUG=$slug ETAG=$etag wrk -t1 -c"$connections" -d"${seconds}s" --latency -s benchmarks/http/routes.lua "$base" \
    | awk '$1 == "RESULT" { print $2, $3, $4, $5, $6 }'
}

# Rows of the table for one data size: the median over rounds of ratio, p50 and p99.
measure_size() {
  local clubs=$1
  slug=$(sql "SELECT slug FROM clubs WHERE location IS NOT NULL AND status <> 'closed' AND EXISTS (SELECT 1 FROM sessions s WHERE s.club_id = clubs.id) ORDER BY slug LIMIT 1")
  echo "  ($clubs clubs; club route uses $slug)" >&2
  # Every route once before any is measured: under full load the JIT's background tier-up starves,
  # and the first route measured would pay for the whole pipeline's warm-up.
  etag=$(curl -fs -D - -o /dev/null "$base/api/clubs" | awk -F': ' 'tolower($1) == "etag" { gsub("\r", "", $2); print $2 }')
  for route in live $routes; do
    [ "$route" = allics ] && [ "$clubs" -gt 5000 ] && continue
    run_wrk "$route" "$warmup" >/dev/null
  done
  for route in $routes; do
    if [ "$route" = allics ] && [ "$clubs" -gt 5000 ]; then
      # Before the feed was bounded, one request at 50 000 clubs took half a minute and gigabytes:
      # 32 at once would take the machine down, so the large sizes get one timed request.
      local before=$(rss_mb) answer
      answer=$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}' --max-time 120 "$base/api/calendar.ics" || echo "timeout")
      echo "| $clubs | allics (one request) | | | | status, bytes, seconds: $answer | RSS $before → $(rss_mb) MB |"
      continue
    fi
    : >"$work/rounds"
    for _ in $(seq "$rounds"); do
      # ETags may change with the minute: take the current one just before measuring.
      etag=$(curl -fs -D - -o /dev/null "$base/api/clubs" | awk -F': ' 'tolower($1) == "etag" { gsub("\r", "", $2); print $2 }')
      run_wrk "$route" "$warmup" >/dev/null
      read -r b1 _ <<<"$(run_wrk live "$duration")"
      [ "$route" = revalidate ] && etag=$(curl -fs -D - -o /dev/null "$base/api/clubs" | awk -F': ' 'tolower($1) == "etag" { gsub("\r", "", $2); print $2 }')
      read -r rps p50 p99 bad total <<<"$(run_wrk "$route" "$duration")"
      read -r b2 _ <<<"$(run_wrk live "$duration")"
      python3 -c "import sys;r,b1,b2=map(float,sys.argv[1:4]);print(r/((b1+b2)/2) if b1+b2 > 0 else 0,*sys.argv[1:])" "${rps:-0}" "${b1:-0}" "${b2:-0}" "${p50:-0}" "${p99:-0}" "${bad:-0}" "${total:-0}" >>"$work/rounds"
    done
    python3 - "$clubs" "$route" "$work/rounds" <<'PY'
import statistics, sys
clubs, route, path = sys.argv[1:]
rows = [list(map(float, l.split())) for l in open(path) if l.strip()]
rows.sort(key=lambda r: r[0])
m = rows[len(rows) // 2]
ratio, rps, b1, b2, p50, p99, bad, total = m
note = f" ({int(bad)} of {int(total)} not 2xx/3xx)" if bad else ""
print(f"| {clubs} | {route} | {ratio:.4f} | {rps:.0f} | {(b1 + b2) / 2:.0f} | {p50:.2f} | {p99:.2f} |{note}")
PY
  done
}

add_synthetic_clubs() {
  local target=$1
  sql "INSERT INTO organizations (slug, name, type) VALUES ('test-synthetic-bench', 'TEST synthetic bench operator', 'ngo') ON CONFLICT (slug) DO NOTHING"
  # Random points in Kraków's districts; two weekly sessions each, at random days and hours.
  sql "
    WITH n AS (SELECT count(*) AS have FROM clubs WHERE location IS NOT NULL AND status <> 'closed'),
    pts AS (
      SELECT g, ST_SetSRID(ST_MakePoint(19.85 + random() * 0.30, 49.98 + random() * 0.12), 4326) AS p
      FROM n, (SELECT count(*) AS made FROM clubs WHERE slug LIKE 'test-synthetic-bench-%') m,
           generate_series(m.made + 1, m.made + GREATEST($target - n.have, 0)) g),
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
  for _ in $(seq 1200); do [ "$(listed '' 2>/dev/null || echo 0)" -ge "$target" ] && break; sleep 0.1; done
}

# How long a one-club edit takes to reach the public API (the listener's update), from the moment the
# UPDATE has committed; polled with curl alone (a python start-up here takes half a second).
edit_delay_ms() {
  local name="TEST synthetic renamed $RANDOM$RANDOM" url started committed
  url=$(psql_url "$server" $db)
  started=$(date +%s%N)
  psql "$url" -qtAc "UPDATE clubs SET name = '$name' WHERE slug = '$slug'"
  committed=$(date +%s%N)
  until curl -fs "$base/api/clubs?q=$(sed 's/ /%20/g' <<<"$name")" | grep -q '"total":1[,}]'; do
    [ $(( $(date +%s%N) - committed )) -gt 60000000000 ] && { echo "more than 60000"; return; }
    sleep 0.01
  done
  echo "$(( ($(date +%s%N) - committed) / 1000000 )) (the UPDATE took $(( (committed - started) / 1000000 )))"
}

# Bytes on the wire for / and the files it loads (stylesheets, scripts and their static imports).
page_weight() {
  python3 - "$base" <<'PY'
import re, sys, urllib.request, urllib.parse
base = sys.argv[1]
seen, queue, total = set(), ["/"], 0
while queue:
    path = queue.pop()
    if path in seen: continue
    seen.add(path)
    with urllib.request.urlopen(urllib.request.Request(base + path, headers={"Accept-Encoding": "br, gzip"})) as r:
        total += len(r.read()) + 300  # + headers, roughly
    with urllib.request.urlopen(base + path) as r:
        text = r.read().decode("utf-8", "replace")
    if path == "/" or path.endswith(".js") or path.endswith(".css"):
        for ref in re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css|svg|png|woff2))"|from\s+["\']([^"\']+\.js)["\']|import\s*\(\s*["\']([^"\']+\.js)["\']|url\(["\']?([^"\')]+\.(?:png|svg|woff2))', text):
            ref = next(r for r in ref if r)
            if ref.startswith("http"): continue
            queue.append(urllib.parse.urljoin(path, ref))
print(f"{total / 1024:.0f} KiB in {len(seen)} requests")
PY
}

echo "# ClubFinder HTTP benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), app ${BENCH_APP:-of commit $(git rev-parse --short HEAD)$(git diff --quiet || echo +changes)}"
echo "# machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# wrk 1 thread x $connections connections, ${warmup} s warm-up, ${duration} s per route, median of $rounds round(s)"
$api migrate >/dev/null
start_app
echo "# start-up to ready, real data: ${startup_ms} ms; RSS $(rss_mb) MB"
echo
echo "| clubs | route | ratio to /health/live | req/s | baseline req/s | p50 ms | p99 ms |"
echo "|---|---|---|---|---|---|---|"
notes=()
for size in $sizes; do
  if [ "$size" -gt 100 ]; then
    add_synthetic_clubs "$size"
    stop_app; start_app
    notes+=("start-up to ready at $size clubs: ${startup_ms} ms")
  fi
  have=$(listed '')
  measure_size "$have"
  notes+=("RSS after the $have-club round: $(rss_mb) MB; a one-club edit visible after $(edit_delay_ms) ms")
done
echo
for n in "${notes[@]}"; do echo "# $n"; done
echo "# first load of / (with Accept-Encoding: br, gzip): $(page_weight)"
if [ "${sizes##* }" -gt 100 ]; then
  sql "DELETE FROM clubs WHERE slug LIKE 'test-synthetic-bench-%'"
  for _ in $(seq 600); do [ "$(listed '')" -lt 100 ] && break; sleep 0.1; done
  curl -fs "$base/api/clubs" >/dev/null
  # The memory goes back on the listener's next quiet keep-alive (Directory:KeepAlive, 30 s): wait for that.
  deleted=$(date +%s)
  for _ in $(seq 60); do [ "$(rss_mb)" -lt 400 ] && break; sleep 1; done
  echo "# RSS after the synthetic clubs were deleted: $(rss_mb) MB ($(( $(date +%s) - deleted )) s later)"
fi
