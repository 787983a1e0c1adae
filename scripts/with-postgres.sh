#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL: a cluster made in a temporary folder, listening on
# 127.0.0.1 at a free port, removed when the command ends (whatever its outcome).
#
#   bash scripts/with-postgres.sh -- cargo test --features ssr
#
# The command gets TIMELINES_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres, a
# superuser connection (tests make a database of their own from it), and PGPORT for psql.
#
# Debian's postgresql-15 is installed when its binaries are missing (apt, as root or through
# sudo). initdb refuses to run as root, so as root the cluster belongs to the `postgres` user the
# package makes (runuser); as anyone else, to them.
#
# Settings: PG_BIN (where initdb and pg_ctl are; default Debian's PostgreSQL 15),
# PG_KEEP=1 (leave the folder behind, to read its log).
set -euo pipefail

if [[ "${1:-}" == "--" ]]; then shift; fi
if [[ $# -eq 0 ]]; then
  echo "usage: $0 -- COMMAND [ARGS...]" >&2
  exit 2
fi

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/pg_ctl" ]]; then
  echo "==> PostgreSQL 15 not found in $PG_BIN: apt-get install -y postgresql-15"
  sudo=""; [[ "$(id -u)" == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi

# A free port: bound by the kernel's choice, then released for the server.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
dir="$(mktemp -d /tmp/timelines-pg.XXXXXX)"
as_owner=()
if [[ "$(id -u)" == 0 ]]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi

stop() {
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  if [[ "${PG_KEEP:-0}" == 1 ]]; then
    echo "==> PostgreSQL's folder kept: $dir (log: $dir/log)"
  else
    rm -rf "$dir"
  fi
}
trap stop EXIT

"${as_owner[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# Durability is not what tests measure: no fsync makes a test database's writes cheap.
"${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=off \
   -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null \
  || { cat "$dir/log" >&2; exit 1; }
echo "==> PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"

export TIMELINES_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
export PGPORT="$port" PGHOST=127.0.0.1 PGUSER=postgres
# Not exec: the trap removes the cluster when the command ends.
"$@"
