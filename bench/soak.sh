#!/usr/bin/env bash
# `make soak`: the release build under a news site's mixed load for ten minutes, 64 connections
# (bench/soak.mjs): readers on the home page, categories, articles (most of them page-cache
# misses), search and feeds, and editors signing in, autosaving, publishing, correcting and
# signing out. Passes when no request failed, the server logged no error or warning, the
# median of its resident memory samples in the second half of the run is within 10% of the
# median from the first minute (warm caches; a quarter of the run when shorter) to the half,
# and it stops cleanly on SIGTERM. Prints a report (Markdown), also appended to BENCHMARKS.md.
# Never part of `make test`.
#
# Settings (environment):
#   SOAK_SECONDS=600         how long the load runs
#   SOAK_CONNECTIONS=64      clients at once, editors included
#   SOAK_NEWSROOM=4          of them, editors (one account each)
#   SOAK_ARTICLES=20000      generated articles beside the demo newsroom's
#   SOAK_PORT=3390           where the server listens (127.0.0.1); its metrics on the next port
#   SOAK_SKIP_BUILD=1        reuse target/release/timelines and target/site (no make build)
#   SOAK_APPEND=0            do not append the report to BENCHMARKS.md
#   SOAK_KEEP_TMP=1          keep the temporary folder (server log, the load's JSON)
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DURATION="${SOAK_SECONDS:-600}"
CONNECTIONS="${SOAK_CONNECTIONS:-64}"
NEWSROOM="${SOAK_NEWSROOM:-4}"
ARTICLES="${SOAK_ARTICLES:-20000}"
PORT="${SOAK_PORT:-3390}"
BIN="$ROOT/target/release/timelines"
SITE="$ROOT/target/site"
PASSWORD='soak editor password'

log() { printf '==> [soak] %s\n' "$*" >&2; }
die() { printf '==> [soak] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ "${SOAK_SKIP_BUILD:-0}" != 1 ]]; then
  log "make build"
  make --no-print-directory build >&2
fi
[[ -x "$BIN" && -d "$SITE/pkg" ]] || die "no release build: run make build (or unset SOAK_SKIP_BUILD)"
command -v node >/dev/null || die "node is needed (the load runs on Node.js)"
command -v curl >/dev/null || die "curl is needed (apt-get install curl)"

TMP="$(mktemp -d /tmp/timelines-soak.XXXXXX)"
SERVER_PID=""
cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -s "$TMP/server.log" ]]; then
    echo "----- last lines of the server's log -----" >&2
    tail -n 30 "$TMP/server.log" >&2 || true
  fi
  if [[ "${SOAK_KEEP_TMP:-0}" == 1 || $status -ne 0 ]]; then
    log "kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The site: the demo newsroom, ARTICLES more, and an editor account per newsroom client.
# The log as text at WARN and above, whatever the caller's environment says: the check of it
# below reads exactly that.
export LEPTOS_SITE_ROOT="$SITE" LEPTOS_OUTPUT_NAME=timelines RUST_LOG=warn TIMELINES_LOG_FORMAT=text \
  TIMELINES_DATABASE_URL="sqlite://$TMP/soak.db" TIMELINES_MEDIA_DIR="$TMP/media" \
  TIMELINES_MAIL_DIR="$TMP/mail"
log "generating $ARTICLES articles beside the demo newsroom"
started=$EPOCHSECONDS
"$BIN" generate --articles "$ARTICLES" --seed 1 >"$TMP/generate.log" 2>&1 ||
  { cat "$TMP/generate.log" >&2; die "timelines generate failed"; }
log "generated in $((EPOCHSECONDS - started)) s"
printf '%s' "$PASSWORD" >"$TMP/password"
# An admin first (a site without one prints a setup link and warns), then the editors.
"$BIN" user add --email "admin@soak.example" --name "Soak Admin" --role admin \
  --password-file "$TMP/password" >>"$TMP/users.log" 2>&1 ||
  { cat "$TMP/users.log" >&2; die "timelines user add failed"; }
for i in $(seq 1 "$NEWSROOM"); do
  "$BIN" user add --email "soak$i@soak.example" --name "Soak Editor $i" --role editor \
    --password-file "$TMP/password" >>"$TMP/users.log" 2>&1 ||
    { cat "$TMP/users.log" >&2; die "timelines user add failed"; }
done

BASE="http://127.0.0.1:$PORT"
METRICS="http://127.0.0.1:$((PORT + 1))/metrics"
TIMELINES_ADDRESS="127.0.0.1:$PORT" TIMELINES_PUBLIC_URL="$BASE" \
  TIMELINES_METRICS_ADDRESS="127.0.0.1:$((PORT + 1))" "$BIN" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz" || true)" == 200 ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited before it was ready"
  sleep 0.1
done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz" || true)" == 200 ]] ||
  die "the server was not ready within 30 s"

log "load: $DURATION s, $CONNECTIONS connections ($NEWSROOM of them editors)"
node bench/soak.mjs "$BASE" "$SERVER_PID" "$DURATION" "$CONNECTIONS" "$NEWSROOM" soak "$PASSWORD" \
  bench/search-queries.txt "$METRICS" >"$TMP/soak.json" 2>"$TMP/soak.err" ||
  { cat "$TMP/soak.err" >&2; die "the load failed (bench/soak.mjs)"; }

log "stopping the server (SIGTERM)"
stop_started=$EPOCHREALTIME
kill -TERM "$SERVER_PID"
stopped=""
for _ in $(seq 1 300); do
  kill -0 "$SERVER_PID" 2>/dev/null || { stopped=1; break; }
  sleep 0.1
done
stop_code=1
if [[ -n "$stopped" ]]; then
  wait "$SERVER_PID" && stop_code=0 || stop_code=$?
  SERVER_PID=""
fi
stop_seconds="$(awk -v a="$stop_started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')"
# Lines at WARN or ERROR, or a panic (the log's colours taken out first).
server_errors="$(sed 's/\x1b\[[0-9;]*m//g' "$TMP/server.log" | grep -c -E ' (ERROR|WARN) |panicked' || true)"

report="$(node - "$TMP/soak.json" "$server_errors" "$stop_code" "$stop_seconds" <<'JSEOF'
const [file, serverErrors, stopCode, stopSeconds] = process.argv.slice(2);
const r = JSON.parse(require('node:fs').readFileSync(file, 'utf8'));
const lines = [];
const md = (s = '') => lines.push(s);
const fmt = (v) => (v === null ? 'n/a' : v.toLocaleString('en-US'));
let requests = 0, errors = 0;
md(`${r.seconds} s, ${r.connections} connections (${r.connections - (process.env.SOAK_NEWSROOM ?? 4)} readers without pause, ${process.env.SOAK_NEWSROOM ?? 4} editors at an editor's pace), ${fmt(r.articles)} articles; ${r.published} articles published during the run.`);
md();
md('| Kind | Requests | req/s | Errors | p50 ms | p99 ms | max ms | X-Cache |');
md('|---|---:|---:|---:|---:|---:|---:|---|');
for (const [name, k] of Object.entries(r.kinds).sort()) {
  requests += k.requests;
  errors += k.errors;
  const cache = Object.entries(k.cache).map(([c, n]) => `${c} ${fmt(n)}`).join(', ') || '-';
  md(`| ${name} | ${fmt(k.requests)} | ${fmt(Math.round(k.requests / r.seconds))} | ${k.errors} | ${fmt(k.p50)} | ${fmt(k.p99)} | ${fmt(k.max)} | ${cache} |`);
}
md(`| **all** | ${fmt(requests)} | ${fmt(Math.round(requests / r.seconds))} | ${errors} | | | | |`);
md();
// Flat: the median of the samples in the second half of the run within 10% of the median of
// those between the first minute (caches warm) and the half. Single samples swing by 10%
// (the allocator, pages being rendered at that instant); medians do not.
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const half = r.seconds / 2;
const warmFrom = Math.min(60, r.seconds / 4);
const first = r.memory[0].mb;
const warm = median(r.memory.filter((m) => m.s >= warmFrom && m.s < half).map((m) => m.mb));
const late = median(r.memory.filter((m) => m.s >= half && m.s <= r.seconds).map((m) => m.mb));
const last = r.memory[r.memory.length - 1].mb;
const peak = Math.max(...r.memory.map((m) => m.mb));
const flat = late <= warm * 1.1;
md(`Resident memory: ${first} MB before the load; median ${warm} MB from the first minute to the half, ${late} MB in the second half; ${last} MB at the end, peak of the 10-second samples ${peak} MB: ${flat ? 'flat (pass: second half within 10% of the first)' : 'FAIL: the second half more than 10% above the first'}.`);
md(`Samples (s: MB resident, of which MB of kept pages): ${r.memory.filter((_, i) => i % 6 === 0 || i === r.memory.length - 1).map((m) => `${m.s}: ${m.mb} (${m.cacheMb ?? 'n/a'})`).join(', ')}.`);
md();
const ok = errors === 0 && flat && serverErrors === '0' && stopCode === '0';
md(`Errors: ${errors} failed requests (${errors === 0 ? 'pass' : 'FAIL'}); ${serverErrors} error or warning lines in the server's log (${serverErrors === '0' ? 'pass' : 'FAIL'}); SIGTERM at the end: exit ${stopCode} after ${stopSeconds} s (${stopCode === '0' ? 'pass' : 'FAIL'}).`);
for (const [name, k] of Object.entries(r.kinds)) {
  if (k.firstErrors.length) md(`First failures (${name}): ${k.firstErrors.join('; ')}.`);
}
md();
md(ok ? 'Soak: **pass**.' : 'Soak: **FAIL**.');
console.log(lines.join('\n'));
process.exitCode = ok ? 0 : 3;
JSEOF
)" && verdict=0 || verdict=$?
[[ -n "$report" ]] || die "no report (see $TMP/soak.json)"

{
  echo
  echo "## Soak of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`make soak\` (\`bench/soak.sh\`, \`bench/soak.mjs\`), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores; the load generator (Node.js) shares the machine with the server."
  echo
  echo "$report"
  if [[ "$server_errors" != 0 ]]; then
    echo
    echo "The server's first error and warning lines:"
    echo
    sed 's/\x1b\[[0-9;]*m//g' "$TMP/server.log" | grep -m 5 -E ' (ERROR|WARN) |panicked' | cut -c1-300 |
      sed 's/^/    /' || true
  fi
} >"$TMP/report.md"
cat "$TMP/report.md"
if [[ "${SOAK_APPEND:-1}" != 0 ]]; then
  cat "$TMP/report.md" >>BENCHMARKS.md
  log "appended to BENCHMARKS.md"
fi
[[ $verdict == 0 ]] || die "the soak failed (see above)"
