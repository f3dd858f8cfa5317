#!/usr/bin/env bash
# Finds or starts the PostgreSQL and Redis the test suite needs, and writes their URLs
# to .tmp/services.env. In order: DATABASE_URL / REDIS_URL if set; a server on the
# standard local port; a throwaway server started from local binaries; binaries
# installed with apt when running as root; otherwise it says exactly what to install.
# SAFE_OWN_SERVICES=1 skips the shared servers and starts throwaway ones (isolation).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp
tmp=$(pwd)/.tmp
out=$tmp/services.env

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing $*" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "The test suite needs $1. Install it (sudo apt-get install $*), or set $2 to a server it may use." >&2
    exit 1
  fi
}

own=${SAFE_OWN_SERVICES:-0}

# --- PostgreSQL ---
pg_url=${DATABASE_URL:-}
if [ -z "$pg_url" ] && [ "$own" != 1 ] && command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432 \
   && psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  pg_url=postgres://postgres@127.0.0.1:5432/safe
fi
if [ -z "$pg_url" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bindir" ]; then
    apt_install postgresql DATABASE_URL
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  data=$tmp/pgdata
  port=54329
  runas=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown -R postgres "$tmp"
    runas=(runuser -u postgres --)
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    "${runas[@]}" "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! "${runas[@]}" "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    "${runas[@]}" "$bindir/pg_ctl" -D "$data" -l "$tmp/pg.log" -w \
      -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  fi
  echo "Started a throwaway PostgreSQL on 127.0.0.1:$port (data in .tmp/pgdata)" >&2
  pg_url=postgres://postgres@127.0.0.1:$port/safe
fi

# --- Redis (the real-worker Celery tests) ---
redis_url=${REDIS_URL:-}
if [ -z "$redis_url" ] && [ "$own" != 1 ] && command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  redis_url=redis://127.0.0.1:6379/15
fi
if [ -z "$redis_url" ]; then
  command -v redis-server >/dev/null || apt_install redis-server REDIS_URL
  port=63799
  if ! redis-cli -h 127.0.0.1 -p $port ping 2>/dev/null | grep -q PONG; then
    redis-server --daemonize yes --bind 127.0.0.1 --port $port --save "" --appendonly no \
      --dir "$tmp" --logfile "$tmp/redis.log"
    for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p $port ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
  fi
  echo "Started a throwaway Redis on 127.0.0.1:$port" >&2
  redis_url=redis://127.0.0.1:$port/15
fi

cat > "$out" <<ENV
export DATABASE_URL=$pg_url
export TEST_REDIS_URL=$redis_url
ENV
echo "PostgreSQL: $pg_url; Redis: $redis_url" >&2
