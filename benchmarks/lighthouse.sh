#!/usr/bin/env bash
# Lighthouse (mobile emulation, the distribution's Chromium, map tiles blocked as on a machine
# without internet) for the finder's pages on a running ClubFinder. Not a test: scores vary with load.
#   benchmarks/lighthouse.sh [BASE_URL] [PATH ...]
#   e.g. benchmarks/lighthouse.sh http://127.0.0.1:8080 / /clubs/kfk-malwa-dobrego-pasterza-6 /embed
# Lighthouse is installed with npm into benchmarks/.tools (git-ignored) on first use.
# Prints one line per page: performance, accessibility, best practices, CLS, LCP.
set -euo pipefail
cd "$(dirname "$0")"
base=${1:-http://127.0.0.1:8080}
shift || true
[ $# -gt 0 ] || set -- / /about/ /embed
tools=$PWD/.tools
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --silent lighthouse@13.5.0 >&2
fi
out=${LIGHTHOUSE_OUT:-../artifacts/lighthouse}
mkdir -p "$out"
printf '%-45s %5s %5s %5s %7s %8s\n' page perf a11y bp CLS LCP_ms
for path in "$@"; do
  name=$(echo "$path" | tr -c 'A-Za-z0-9\n' '_')
  CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "$base$path" --quiet \
    --only-categories=performance,accessibility,best-practices --form-factor=mobile \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run" \
    --blocked-url-patterns='*tile.openstreetmap.org*' --blocked-url-patterns='*tiles*' \
    --output=json --output-path="$out/$name.json" >/dev/null 2>"$out/$name.log" || { echo "$path: lighthouse failed, see $out/$name.log"; continue; }
  node -e '
    const r = require(process.argv[1]);
    const s = k => Math.round(r.categories[k].score * 100);
    const a = r.audits;
    console.log([process.argv[2].padEnd(45), String(s("performance")).padStart(5), String(s("accessibility")).padStart(5),
      String(s("best-practices")).padStart(5), a["cumulative-layout-shift"].numericValue.toFixed(3).padStart(7),
      String(Math.round(a["largest-contentful-paint"].numericValue)).padStart(8)].join(" "));
  ' "$(realpath "$out/$name.json")" "$path"
done
