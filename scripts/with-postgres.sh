#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL: a cluster made in a temporary folder, listening on
# 127.0.0.1 at a free port, removed when the command ends (whatever its outcome).
#
#   bash scripts/with-postgres.sh -- cargo test --features ssr
#
# The command gets TIMELINES_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/postgres, a
# superuser connection (tests make a database of their own from it), PGHOST, PGPORT and
# PGUSER for psql, and TIMELINES_TEST_PG_CTL, a script that stops and starts the cluster again.
#
# Debian's postgresql-15 is installed when its binaries are missing (apt, as root or through
# sudo), without the cluster the package would otherwise start on port 5432. initdb refuses to
# run as root, so as root the cluster belongs to the `postgres` user the package makes
# (runuser); as anyone else, to them.
#
# Settings: PG_BIN (where initdb and pg_ctl are; default Debian's PostgreSQL 15),
# PG_KEEP=1 (leave the folder behind, to read its log), PG_REPLICA=1 (also a streaming
# replica of the cluster, a hot standby on another free port, exported as
# TIMELINES_TEST_POSTGRES_REPLICA: what the read-replica tests read from).
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
  # The package would make and start a cluster of its own on port 5432: not wanted here.
  $sudo mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
fi

dir="$(mktemp -d /tmp/timelines-pg.XXXXXX)"
as_owner=()
stop() {
  if [[ -d "$dir/replica" ]]; then
    "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/replica" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  if [[ "${PG_KEEP:-0}" == 1 ]]; then
    echo "==> PostgreSQL's folder kept: $dir (log: $dir/log)"
  else
    rm -rf "$dir"
  fi
}
trap stop EXIT
if [[ "$(id -u)" == 0 ]]; then
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi

"${as_owner[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

# A free port: one the kernel picks, released for the server. Another process may take it in
# between, so a start that fails is tried again on a new one.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
# start_cluster <data folder> <log>: starts it on a free port, left in `port` (and its
# options in `opts`).
start_cluster() {
  local data=$1 log=$2 candidate
  port=""
  for attempt in 1 2 3; do
    candidate="$(free_port)"
    # Durability is not what tests measure: without fsync a test database's writes are cheap.
    opts="-c listen_addresses=127.0.0.1 -p $candidate -c unix_socket_directories='$dir' \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"
    if "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -o "$opts" \
      start >/dev/null; then
      port="$candidate"
      return 0
    fi
    echo "==> PostgreSQL did not start on port $candidate (attempt $attempt)" >&2
  done
  cat "$log" >&2
  exit 1
}
start_cluster "$dir/data" "$dir/log"
echo "==> PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir)"
primary_port="$port" primary_opts="$opts"

if [[ "${PG_REPLICA:-0}" == 1 ]]; then
  # A copy of the cluster as it is now (nearly empty), which then streams and replays every
  # write the primary makes (initdb's trust rules let 127.0.0.1 connect for replication).
  "${as_owner[@]}" "$PG_BIN/pg_basebackup" -D "$dir/replica" -R -X stream -c fast \
    -h 127.0.0.1 -p "$primary_port" -U postgres >"$dir/basebackup.log" 2>&1 ||
    { cat "$dir/basebackup.log" >&2; exit 1; }
  start_cluster "$dir/replica" "$dir/replica.log"
  echo "==> its streaming replica on 127.0.0.1:$port"
  export TIMELINES_TEST_POSTGRES_REPLICA="postgres://postgres@127.0.0.1:$port/postgres"
  port="$primary_port" opts="$primary_opts"
fi

# `$dir/ctl stop|start`: stops the cluster, or starts it again as it was (tests of a database
# restart under running servers use it, through TIMELINES_TEST_PG_CTL).
cat >"$dir/ctl" <<CTL
#!/usr/bin/env bash
set -euo pipefail
case "\${1:-}" in
  stop) ${as_owner[*]} "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null ;;
  start) ${as_owner[*]} "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$opts" start >/dev/null ;;
  *) echo "usage: \$0 stop|start" >&2; exit 2 ;;
esac
CTL
chmod +x "$dir/ctl"
export TIMELINES_TEST_PG_CTL="$dir/ctl"
export TIMELINES_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
export PGPORT="$port" PGHOST=127.0.0.1 PGUSER=postgres
# Not exec: the trap removes the cluster when the command ends.
"$@"
