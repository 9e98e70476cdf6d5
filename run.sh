#!/usr/bin/env bash
# Runs ClubFinder on http://localhost:8080 with its database:
#   1. ConnectionStrings__ClubFinder when set;
#   2. otherwise Docker Compose's PostGIS when a Docker engine answers;
#   3. otherwise a local PostgreSQL + PostGIS cluster in .local/postgres (installed with apt-get when missing).
# Then migrates, imports data/ on first start, and serves. Running it again reuses the same cluster.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/local-postgres.sh
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:8080}
# Served over plain http on this machine: sign-in cookies cannot be Secure-only here.
export Auth__RequireHttps=${Auth__RequireHttps:-false}
# Absolute links (calendars, invitations) name the address the service is reached at.
export App__PublicBaseUrl=${App__PublicBaseUrl:-$(echo "${ASPNETCORE_URLS%%;*}" | sed -E 's#//(\+|\*|0\.0\.0\.0|\[::\])#//localhost#')}

if [ -z "${ConnectionStrings__ClubFinder:-}" ]; then
  if clubfinder_docker_answers; then
    echo "Docker answers: starting PostGIS with docker compose ..."
    docker compose up -d --wait db
    export ConnectionStrings__ClubFinder="Host=127.0.0.1;Port=${CLUBFINDER_DB_PORT:-5433};Database=clubfinder;Username=clubfinder;Password=${CLUBFINDER_DB_PASSWORD:?set CLUBFINDER_DB_PASSWORD for docker compose}"
  else
    clubfinder_local_postgres "${CLUBFINDER_PG_DIR:-/tmp/clubfinder-postgres}" clubfinder
    export ConnectionStrings__ClubFinder=$CLUBFINDER_LOCAL_PG_URL
    echo "Local PostgreSQL + PostGIS running in $CLUBFINDER_LOCAL_PG_DIR (port $(cat "$CLUBFINDER_LOCAL_PG_DIR/port"))."
  fi
fi

dotnet build src/ClubFinder.Api -c Release -nologo -v quiet
echo "ClubFinder: ${ASPNETCORE_URLS%%;*}  (API docs: ${ASPNETCORE_URLS%%;*}/swagger)"
exec dotnet run --project src/ClubFinder.Api -c Release --no-build --no-launch-profile "$@"
