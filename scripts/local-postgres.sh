#!/usr/bin/env bash
# Starts a local PostgreSQL + PostGIS cluster for ClubFinder when no database is configured and
# no Docker engine answers. Source it, then call `clubfinder_local_postgres DIR DBNAME [throwaway]`;
# it exports CLUBFINDER_LOCAL_PG_URL (a connection string) and CLUBFINDER_LOCAL_PG_DIR.
# The cluster listens on 127.0.0.1 only, on a free port, with a random password kept in DIR.
# A kept cluster (run.sh) has PostgreSQL's default durability; only a throwaway one (test.sh),
# deleted after the run, trades crash safety for speed.

clubfinder_pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -e "$(dirname "$dir")/lib/postgis-3.so" ] && { echo "$dir"; return 0; }
  done
  return 1
}

clubfinder_install_postgres() {
  clubfinder_pg_bindir >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "PostgreSQL with PostGIS is not installed. Install postgresql and postgis (e.g. apt-get install postgresql postgresql-15-postgis-3), or set ConnectionStrings__ClubFinder." >&2
    return 1
  fi
  echo "Installing PostgreSQL and PostGIS with apt-get ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || return 1
  local postgis
  postgis=$(apt-cache search --names-only '^postgresql-[0-9]+-postgis-3$' | awk '{print $1}' | sort -V | tail -n1)
  apt-get install -y -qq postgresql "${postgis:-postgresql-15-postgis-3}" >&2 || return 1
  clubfinder_pg_bindir >/dev/null
}

clubfinder_free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# Runs a command as the cluster's owner: PostgreSQL refuses to run as root.
clubfinder_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

clubfinder_local_postgres() {
  local dir=$1 db=$2 mode=${3:-kept} bin port password options
  clubfinder_install_postgres || return 1
  bin=$(clubfinder_pg_bindir) || return 1
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"; chmod 700 "$dir"
    runuser -u postgres -- test -w "$dir" || {
      echo "The postgres user cannot reach $dir (a parent folder is private). Choose another folder with CLUBFINDER_PG_DIR=..." >&2
      return 1
    }
  fi
  if [ ! -s "$dir/data/PG_VERSION" ]; then
    password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    printf '%s' "$password" > "$dir/password"
    chmod 600 "$dir/password"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/password"
    clubfinder_as_owner "$bin/initdb" -D "$dir/data" -U clubfinder --pwfile="$dir/password" \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  password=$(cat "$dir/password")
  if clubfinder_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    port=$(cat "$dir/port")
  else
    port=$(clubfinder_free_port)
    echo "$port" > "$dir/port"
    options="-c listen_addresses=127.0.0.1 -p $port -k $dir"
    [ "$mode" = throwaway ] && options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    clubfinder_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -o "$options" start >&2 \
      || { tail -n 20 "$dir/postgres.log" >&2; return 1; }
  fi
  PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U clubfinder -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U clubfinder -d postgres -qc "CREATE DATABASE \"$db\"" >&2 \
    || return 1
  export CLUBFINDER_LOCAL_PG_DIR=$dir
  export CLUBFINDER_LOCAL_PG_URL="Host=127.0.0.1;Port=$port;Database=$db;Username=clubfinder;Password=$password"
}

clubfinder_stop_local_postgres() {
  local dir=$1 bin
  bin=$(clubfinder_pg_bindir) || return 0
  [ -d "$dir/data" ] && clubfinder_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

clubfinder_docker_answers() {
  command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}
