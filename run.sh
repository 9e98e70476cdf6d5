#!/usr/bin/env bash
# Runs ClubFinder on http://localhost:8080 with its database:
#   1. ConnectionStrings__ClubFinder when set;
#   2. otherwise Docker Compose's PostGIS when a Docker engine answers;
#   3. otherwise a local PostgreSQL + PostGIS cluster kept in .local/postgres in this checkout
#      (CLUBFINDER_PG_DIR to move it; installed with apt-get when missing), with PostgreSQL's default durability.
# Then migrates, imports data/ on first start, and serves. Running it again reuses the same cluster.
#
#   ./run.sh                     serve (arguments after it go to the app, e.g. ./run.sh users add ...)
#   ./run.sh backup FILE         a complete copy of the database (pg_dump -Fc)
#   ./run.sh restore FILE        into an empty database; add --replace to overwrite a used one
#   ./run.sh stop                stop the local cluster (the data stays in .local/postgres)
set -euo pipefail
cd "$(dirname "$0")"
source scripts/local-postgres.sh
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://localhost:8080}
# Served over plain http on this machine: sign-in cookies cannot be Secure-only here.
export Auth__RequireHttps=${Auth__RequireHttps:-false}
pg_dir=${CLUBFINDER_PG_DIR:-$PWD/.local/postgres}

if [ "${1:-}" = stop ]; then
  clubfinder_stop_local_postgres "$pg_dir"
  echo "Stopped the local PostgreSQL in $pg_dir (the data stays there)."
  exit 0
fi

if ! command -v dotnet >/dev/null; then
  echo "ClubFinder needs the .NET 10 SDK (https://dot.net, or Debian/Ubuntu: apt-get install dotnet-sdk-10.0 from Microsoft's package feed)." >&2
  exit 1
fi

if [ -z "${ConnectionStrings__ClubFinder:-}" ]; then
  if clubfinder_docker_answers; then
    echo "Docker answers: starting PostGIS with docker compose ..."
    docker compose up -d --wait db
    export ConnectionStrings__ClubFinder="Host=127.0.0.1;Port=${CLUBFINDER_DB_PORT:-5433};Database=clubfinder;Username=clubfinder;Password=${CLUBFINDER_DB_PASSWORD:?set CLUBFINDER_DB_PASSWORD for docker compose}"
  else
    clubfinder_local_postgres "$pg_dir" clubfinder
    export ConnectionStrings__ClubFinder=$CLUBFINDER_LOCAL_PG_URL
    echo "Local PostgreSQL + PostGIS running in $CLUBFINDER_LOCAL_PG_DIR (port $(cat "$CLUBFINDER_LOCAL_PG_DIR/port")); ./run.sh stop stops it."
  fi
fi

dotnet build src/ClubFinder.Api -c Release -nologo -v quiet
case "${1:-}" in
  # Commands with a file: the app runs in its project folder, so the file is given as an absolute path.
  backup|restore|import|import-places) [ $# -ge 2 ] && set -- "$1" "$(realpath -m "$2")" "${@:3}" ;;
  users|tokens|migrate) ;;
  *) echo "ClubFinder: ${ASPNETCORE_URLS%%;*}  (API docs: ${ASPNETCORE_URLS%%;*}/swagger)" ;;
esac
exec dotnet run --project src/ClubFinder.Api -c Release --no-build --no-launch-profile "$@"
