#!/usr/bin/env bash
# Runs the Playwright end-to-end suite against a release build of Timelines.
#
#   bash end2end/run-e2e.sh [extra playwright args...]
#
# Expects `make build` to have been run (make e2e does both).
# Starts target/release/timelines on 127.0.0.1:$E2E_PORT (default 3100) with a
# fresh temporary SQLite database and media folder (the server loads the demo newsroom into an
# empty one; every spec signs up from 127.0.0.1, so the per-address sign-up limit is
# raised, as are the per-address sign-in lockout and comment limit, and comments may be posted
# a second after their form is made; mail goes to the SMTP test server when one runs
# (TIMELINES_TEST_SMTP, from scripts/with-smtp.sh, which make e2e starts), else to files; newsroom staff are added first with
# `timelines user add`), waits for /healthz, runs `npx playwright test` in end2end/ with
# BASE_URL exported, always stops the server, and exits with Playwright's status.
#
# Environment: E2E_PORT (default 3100), E2E_READY_TIMEOUT seconds (default 180: a first start draws the demo's pictures),
# E2E_KEEP_TMP=1 keeps the temporary folder (database + server log).
#
# TIMELINES_ADDRESS and TIMELINES_PUBLIC_URL beat any LEPTOS_SITE_ADDR in the environment, and
# the exported BASE_URL beats the address playwright.config.ts would otherwise use (site-addr,
# for `cargo leptos end-to-end`, the other way to run these specs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${E2E_PORT:-3100}"
HOST=127.0.0.1
BASE_URL="http://${HOST}:${PORT}"
READY_TIMEOUT="${E2E_READY_TIMEOUT:-180}"
SERVER_BIN="$ROOT/target/release/timelines"

log() { printf '==> [e2e] %s\n' "$*"; }
die() { printf '==> [e2e] ERROR: %s\n' "$*" >&2; exit 1; }

[[ -x "$SERVER_BIN" ]] || die "$SERVER_BIN not found: run 'make build' (or 'make e2e') first"
[[ -d "$ROOT/target/site/pkg" ]] || die "target/site/pkg not found: run 'make build' (or 'make e2e') first"
[[ -d "$ROOT/end2end/node_modules/@playwright/test" ]] || die "end2end/node_modules missing: run 'npm ci' in end2end/ (or 'make e2e')"
command -v curl >/dev/null || die "curl is required"

# Refuse to test against something else already listening on the port.
if curl -s -o /dev/null --max-time 2 "$BASE_URL/"; then
  die "something is already listening on $BASE_URL; stop it or set E2E_PORT"
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/timelines-e2e.XXXXXX")"
SERVER_LOG="$TMP/server.log"
SERVER_PID=""

print_server_log() {
  echo "----- server log ($SERVER_LOG) -----" >&2
  cat "$SERVER_LOG" >&2 || true
  echo "----- end of server log -----" >&2
}

cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping server (pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server did not stop on SIGTERM; sending SIGKILL"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "$SERVER_LOG" ]]; then
    print_server_log
  fi
  if [[ "${E2E_KEEP_TMP:-0}" == 1 ]]; then
    log "kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Newsroom staff for the newsroom specs (end2end/tests/newsroom.ts names them): one account per
# role, and per Playwright project one account whose sessions and password the specs change.
E2E_STAFF_PASSWORD="${E2E_STAFF_PASSWORD:-e2e staff password}"
add_staff() {
  printf '%s\n' "$E2E_STAFF_PASSWORD" | TIMELINES_DATABASE_URL="sqlite://$TMP/e2e.db" RUST_LOG=warn \
    "$SERVER_BIN" user add --email "$1" --name "$2" --role "$3" >/dev/null
}
for role in admin editor author contributor; do
  add_staff "$role@e2e.example" "E2E ${role^}" "$role"
done
for project in hydrated nojs mobile; do
  add_staff "own-$project@e2e.example" "E2E Own ${project^}" author
done
log "added newsroom staff (password: $E2E_STAFF_PASSWORD)"

log "starting $SERVER_BIN on $BASE_URL (database $TMP/e2e.db, log $SERVER_LOG)"
TIMELINES_ADDRESS="${HOST}:${PORT}" \
TIMELINES_PUBLIC_URL="$BASE_URL" \
TIMELINES_DATABASE_URL="sqlite://$TMP/e2e.db" \
TIMELINES_MEDIA_DIR="$TMP/media" \
TIMELINES_MAIL_DIR="$TMP/mail" \
TIMELINES_SMTP_URL="${TIMELINES_TEST_SMTP:-}" \
TIMELINES_SIGNUPS_PER_MINUTE=1000 \
TIMELINES_LOCKOUT_PER_CLIENT=1000 \
TIMELINES_COMMENTS_PER_CLIENT_PER_HOUR=1000 \
TIMELINES_COMMENTS_MIN_SECONDS=1 \
LEPTOS_SITE_ROOT=target/site \
RUST_LOG="${RUST_LOG:-info}" \
  "$SERVER_BIN" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

log "waiting up to ${READY_TIMEOUT}s for $BASE_URL/healthz"
deadline=$((SECONDS + READY_TIMEOUT))
until curl -fs -o /dev/null --max-time 2 "$BASE_URL/healthz"; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    wait "$SERVER_PID" && code=0 || code=$?
    SERVER_PID=""
    die "server exited (status $code) before becoming ready"
  fi
  if (( SECONDS >= deadline )); then
    die "server not ready on $BASE_URL/healthz after ${READY_TIMEOUT}s"
  fi
  sleep 0.5
done
log "server ready after $((SECONDS - deadline + READY_TIMEOUT))s"

export BASE_URL E2E_STAFF_PASSWORD
log "running: npx playwright test $* (BASE_URL=$BASE_URL)"
cd "$ROOT/end2end"
set +e
npx playwright test "$@"
PW_STATUS=$?
set -e
if [[ $PW_STATUS -ne 0 ]]; then
  log "playwright failed (status $PW_STATUS)"
else
  log "playwright passed"
fi
exit "$PW_STATUS"
