#!/usr/bin/env bash
# `make bench`: measures Timelines against the physical limit of this machine and prints one
# report (Markdown tables), which is also appended to BENCHMARKS.md. Never part of `make test`.
#
#   bash bench/run.sh          (make bench installs the tools first: make tools-bench)
#
# 1. Throughput and latency on loopback (wrk) for home, a category, an article and a search
#    page, at 16 and 64 connections, against Timelines (release build, demo newsroom) and,
#    in the same run, against nginx serving the very same HTML bytes as static files.
# 1b. Hostile traffic (issue 11): distinct URLs over every page kind (bench/flood.lua), against a
#    server with the page cache off (first the home page and the article alone: issue 12's
#    render-path budgets; also at scale in step 3) (every request a render beside others: 0 may fail) and
#    against the one above (cache busters and one-off searches: resident memory, front page kept).
# 1c. An author at work (issue 13): the article page alone, then while an author autosaves a
#    draft every 2 seconds (bench/author.mjs): readers must not notice (>= 90%); then while an
#    editor updates a published article every 2 seconds (every page renders anew after each):
#    >= 80%.
# 2. Weight: the release wasm, JS and CSS (raw, gzip -9, brotli -q 11, and as served), and the
#    total compressed transfer of an article page (HTML plus every asset it loads, no images).
# 3. Scale: 100,000 generated articles (database cached under target/bench/, keyed on the
#    generator, schema and demo sources): generation time, index build time, database size,
#    time from start to the first 200 of `/`, resident memory idle and after load, latencies.
# 4. Search: `timelines search-bench` over bench/search-queries.txt (server-side latency of the
#    store's search, when this build has the command) and the same queries over HTTP against
#    /api/search with wrk (bench/paths.lua).
# 5. Lighthouse 12.2.3 (bench/package-lock.json) on an article page and the home page, mobile,
#    Debian Chromium; with the pictures they load.
# 6. Every variant of a 12-megapixel JPEG made (`timelines media-bench`).
# 6b. A WordPress export of 10,000 posts (bench/wxr.py) imported into an empty site, then again.
# 7. PostgreSQL (issue 16, bench/postgres.sh): reader pages on PostgreSQL beside SQLite, page
#    cache on and off; nginx (deploy/nginx/timelines.conf) in front of one app server, then
#    two on one database; at scale, step 3's database copied over: search and renders.
# 8. Budgets are marked pass or FAIL beside the figures.
#
# Settings (environment):
#   BENCH_DURATION=10s          length of each wrk run (2s for a quick look)
#   BENCH_CONNECTIONS="16 64"   connection counts for step 1
#   BENCH_SCALE_CONNECTIONS=64  connection counts for step 3 ("16 64" for both)
#   BENCH_SEARCH_CONNECTIONS=16 connections of the /api/search run
#   BENCH_THREADS=2             wrk threads (at most one per core is useful)
#   BENCH_WRK_TIMEOUT=30s       wrk's per-request timeout: slower responses count as errors and
#                               are left out of the latencies, so it is well above any budget
#   BENCH_ARTICLES=100000       articles in the scale database (0 skips steps 3 and 4)
#   BENCH_SEARCH_ROUNDS=        passed to `search-bench --rounds` when set
#   BENCH_SEARCH_QUERY=market   query of the search page in steps 1 and 3
#   BENCH_LIGHTHOUSE_RUNS=3     Lighthouse runs; the median of each score is reported (0 skips)
#   BENCH_SKIP_BUILD=1          reuse target/release/timelines and target/site (no make build)
#   BENCH_APPEND=0              do not append the report to BENCHMARKS.md
#   BENCH_PORT_BASE=3300        ports: +1 Timelines, +2 nginx, +3 Timelines at scale,
#                               +4 Chromium's debugging port for Lighthouse, +5 Timelines with
#                               the page cache off
#   BENCH_IMPORT_POSTS=10000    posts in the export of step 6b
#   BENCH_KEEP_TMP=1            keep the temporary folder (logs, HTML, wrk and Lighthouse output)
#   BENCH_POSTGRES=0            skip step 7 (otherwise the bench runs inside
#                               scripts/with-postgres.sh, which installs and starts PostgreSQL)
#                               ports +6 and +7: app servers on PostgreSQL, +8 nginx in front
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH="$ROOT/bench"

# Step 7 needs a PostgreSQL: the bench runs again inside a throwaway one.
if [[ "${BENCH_POSTGRES:-1}" == 1 && -z "${TIMELINES_TEST_POSTGRES:-}" ]]; then
  exec bash "$ROOT/scripts/with-postgres.sh" -- bash "$BENCH/run.sh" "$@"
fi

DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-16 64}"
SCALE_CONNECTIONS="${BENCH_SCALE_CONNECTIONS:-64}"
SEARCH_CONNECTIONS="${BENCH_SEARCH_CONNECTIONS:-16}"
THREADS="${BENCH_THREADS:-2}"
WRK_TIMEOUT="${BENCH_WRK_TIMEOUT:-30s}"
ARTICLES="${BENCH_ARTICLES:-100000}"
SEARCH_ROUNDS="${BENCH_SEARCH_ROUNDS:-}"
SEARCH_QUERY="${BENCH_SEARCH_QUERY:-market}"
LIGHTHOUSE_RUNS="${BENCH_LIGHTHOUSE_RUNS:-3}"
SKIP_BUILD="${BENCH_SKIP_BUILD:-0}"
APPEND="${BENCH_APPEND:-1}"
PORT_BASE="${BENCH_PORT_BASE:-3300}"
SEED=1

HOST=127.0.0.1
APP_PORT=$((PORT_BASE + 1))
NGINX_PORT=$((PORT_BASE + 2))
SCALE_PORT=$((PORT_BASE + 3))
CHROME_PORT=$((PORT_BASE + 4))
APP="http://$HOST:$APP_PORT"
NGINX="http://$HOST:$NGINX_PORT"
SCALE="http://$HOST:$SCALE_PORT"

BIN="$ROOT/target/release/timelines"
SITE="$ROOT/target/site"
CACHE="$ROOT/target/bench"
LIGHTHOUSE="$BENCH/node_modules/.bin/lighthouse"
LIGHTHOUSE_VERSION="$(node -p "require('$BENCH/package.json').devDependencies.lighthouse" 2>/dev/null || echo unknown)"
CHROMIUM="${CHROME_PATH:-/usr/bin/chromium}"
ACCEPT="br, gzip"
KB=1000 # budgets and sizes are in kB of 1,000 bytes

# nginx lives in /usr/sbin, which is not on every user's PATH.
export PATH="$PATH:/usr/sbin:/sbin"

log() { printf '==> [bench] %s\n' "$*" >&2; }
die() { printf '==> [bench] ERROR: %s\n' "$*" >&2; exit 1; }

# ---- tools ------------------------------------------------------------------------------------
for tool in wrk nginx curl gzip brotli node; do
  command -v "$tool" >/dev/null || die "$tool is missing: run 'make tools-bench'"
done
if (( LIGHTHOUSE_RUNS > 0 )); then
  [[ -x "$CHROMIUM" ]] || die "$CHROMIUM is missing: run 'make tools-bench'"
  have="$(node -p "require('$BENCH/node_modules/lighthouse/package.json').version" 2>/dev/null || true)"
  [[ "$have" == "$LIGHTHOUSE_VERSION" ]] ||
    die "lighthouse $LIGHTHOUSE_VERSION is not installed in bench/ (found '${have:-none}'): run 'make tools-bench'"
fi

# ---- build --------------------------------------------------------------------------------------
BUILD_NOTE="build skipped (BENCH_SKIP_BUILD=1)"
if [[ "$SKIP_BUILD" == 1 ]]; then
  log "BENCH_SKIP_BUILD=1: reusing $BIN and $SITE"
else
  log "make build (release site, precompressed)"
  build_start="${EPOCHREALTIME/./}"
  make --no-print-directory build >&2
  BUILD_NOTE="make build took $(awk -v a="$build_start" -v b="${EPOCHREALTIME/./}" 'BEGIN { printf "%.0f", (b - a) / 1e6 }') s"
fi
[[ -x "$BIN" ]] || die "$BIN not found: run 'make build'"
[[ -d "$SITE/pkg" ]] || die "$SITE/pkg not found: run 'make build'"

for port in "$APP_PORT" "$NGINX_PORT" "$SCALE_PORT" "$CHROME_PORT" $(seq $((PORT_BASE + 5)) $((PORT_BASE + 8))); do
  if curl -s -o /dev/null --max-time 1 "http://$HOST:$port/"; then
    die "something already listens on $HOST:$port; stop it or set BENCH_PORT_BASE"
  fi
done

# ---- processes and cleanup ----------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/timelines-bench.XXXXXX")"
chmod 755 "$TMP" # nginx workers may run as another user when started by root
APP_PID=""
NGINX_PID=""
SCALE_PID=""
NOCACHE_PID=""

stop_pid() { # stop_pid <pid> <name>: TERM, wait up to 5 s, then KILL
  local pid=$1 name=$2
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) did not stop on SIGTERM; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  stop_pid "$APP_PID" timelines
  stop_pid "$SCALE_PID" "timelines (scale)"
  stop_pid "$NOCACHE_PID" "timelines (no page cache)"
  stop_pid "$NGINX_PID" nginx
  pg_cleanup
  if [[ $status -ne 0 ]]; then
    for f in "$TMP"/*.log; do
      [[ -s "$f" ]] || continue
      echo "----- last lines of $f -----" >&2
      tail -n 20 "$f" >&2 || true
    done
  fi
  if [[ "${BENCH_KEEP_TMP:-0}" == 1 || $status -ne 0 ]]; then
    log "kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$status"
}
# Step 7's functions (they use the helpers below when called).
source "$BENCH/postgres.sh"
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_us() { local t="$EPOCHREALTIME"; echo "${t/./}"; }

# start_timelines <name> <port> <database url> [VAR=value...]: starts the server in the
# background, logging to $TMP/<name>.log; the pid is left in STARTED_PID.
start_timelines() {
  local name=$1 port=$2 db=$3
  shift 3
  env LEPTOS_SITE_ROOT="$SITE" LEPTOS_OUTPUT_NAME=timelines \
    TIMELINES_ADDRESS="$HOST:$port" TIMELINES_PUBLIC_URL="http://$HOST:$port" \
    TIMELINES_DATABASE_URL="$db" RUST_LOG="${RUST_LOG:-warn}" "$@" \
    "$BIN" serve >"$TMP/$name.log" 2>&1 &
  STARTED_PID=$!
}

# wait_for <url> <pid> <seconds>: polls every 20 ms until <url> answers 200.
wait_for() {
  local url=$1 pid=$2 limit=$3 deadline code
  deadline=$(($(now_us) + limit * 1000000))
  while :; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url" || true)"
    [[ "$code" == 200 ]] && return 0
    kill -0 "$pid" 2>/dev/null || die "the server exited before $url answered (see log above)"
    (($(now_us) < deadline)) || die "$url did not answer 200 within ${limit}s (last status $code)"
    sleep 0.02
  done
}

rss_mb() { # resident set size of <pid> in MB (VmRSS, or VmHWM for the peak)
  awk -v k="${2:-VmRSS}:" '$1 == k { printf "%.1f", $2 * 1024 / 1e6 }' "/proc/$1/status"
}

# run_wrk <label> <connections> <url> [lua script] [script argument]: sets W_RPS W_P50 W_P99
# (milliseconds; "n/a" when no response completed), W_ERR (non-2xx/3xx responses plus socket
# errors) and W_ERRS (which ones, e.g. "read 7, non-2xx 3", or "none").
run_wrk() {
  local label=$1 conns=$2 url=$3 script=${4:-} arg=${5:-} out
  out="$TMP/wrk/$label.txt"
  mkdir -p "$TMP/wrk"
  local args=(-t"$THREADS" -c"$conns" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency)
  if [[ -n "$script" ]]; then args+=(-s "$script"); fi
  args+=("$url")
  if [[ -n "$arg" ]]; then args+=(-- "$arg"); fi
  log "wrk ${args[*]}"
  wrk "${args[@]}" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $url"; }
  read -r W_RPS W_P50 W_P99 W_ERR W_ERRS < <(awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v + 0
    }
    /^Requests\/sec:/ { rps = $2 }
    / requests in / { done = $1 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { err += $NF; what = what ", non-2xx " $NF }
    /Socket errors:/ {
      gsub(/,/, "")
      for (i = 3; i <= 9; i += 2) if ($(i + 1) > 0) { err += $(i + 1); what = what ", " $i " " $(i + 1) }
    }
    END {
      if (done == 0) { what = what ", no response completed during the run"; err++ }
      if (done == 0) printf "0 n/a n/a %d %s\n", err, substr(what, 3)
      else printf "%.0f %.2f %.2f %d %s\n", rps, p50, p99, err, (what == "" ? "none" : substr(what, 3))
    }' "$out")
  sleep 1 # let the previous run's connections close before the next one starts
}

size_of() { stat -c %s "$1"; }
gz_size() { gzip -9 -c "$1" | wc -c; }
br_size() { brotli -q 11 -c "$1" | wc -c; }
kb() { awk -v b="$1" -v k="$KB" 'BEGIN { printf "%.1f", b / k }'; }
mark() { if [[ "$1" == 1 ]]; then echo pass; else echo "**FAIL**"; fi; }
# le/ge <measured> <limit>: 1 when the budget holds; a measure that is not a number fails.
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a ~ /^-?[0-9.]+$/ && a + 0 <= b + 0) ? 1 : 0 }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a ~ /^-?[0-9.]+$/ && a + 0 >= b + 0) ? 1 : 0 }'; }
median() { # of the numbers on standard input, separated by blanks; "n/a" when there are none
  awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^-?[0-9.]+$/) v[++n] = $i + 0 }
    END {
      if (n == 0) { print "n/a"; exit }
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      print (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }'
}
urlencode() { node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$1"; }

# fetch_transfer <url>: "<bytes on the wire> <status> <content-encoding>" with Accept-Encoding.
fetch_transfer() {
  local headers="$TMP/headers.txt" size
  size="$(curl -s -o /dev/null -D "$headers" -w '%{size_download} %{http_code}' \
    -H "Accept-Encoding: $ACCEPT" "$1")"
  echo "$size $(awk -F': *' 'tolower($1) == "content-encoding" { gsub(/\r/, "", $2); e = $2 } END { print (e == "" ? "identity" : e) }' "$headers")"
}

REPORT="$TMP/report.md"
BUDGETS="$TMP/budgets.md"
: >"$REPORT"
: >"$BUDGETS"
md() { printf '%s\n' "$*" >>"$REPORT"; }
budget() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$(mark "$4")" >>"$BUDGETS"; }

STARTED_AT="$(date -u '+%Y-%m-%d %H:%M UTC')"
BENCH_START_US="$(now_us)"
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
# The commit the build came from (others may commit while this runs).
commit="$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD -- 2>/dev/null; then commit="$commit (with uncommitted changes)"; fi

# ---- 1. throughput and latency, Timelines against nginx -----------------------------------------
log "1. throughput: starting Timelines on $APP (demo newsroom in a fresh database)"
start_timelines app "$APP_PORT" "sqlite://$TMP/demo.db"
APP_PID=$STARTED_PID
wait_for "$APP/healthz" "$APP_PID" 120

mkdir -p "$TMP/nginx/html" "$TMP/nginx/tmp"
curl -sf -o "$TMP/home-page.html" "$APP/" || die "GET / failed"
ARTICLE_PATH="$(grep -oE 'href="/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/?#]+"' "$TMP/home-page.html" | awk 'NR == 1' | cut -d'"' -f2)"
[[ -n "$ARTICLE_PATH" ]] || die "no article link (/YYYY/MM/DD/slug) on the home page"
CATEGORY_PATH=/category/world
if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$APP$CATEGORY_PATH")" != 200 ]]; then
  CATEGORY_PATH="$(grep -oE 'href="/category/[^"?#]+"' "$TMP/home-page.html" | awk 'NR == 1' | cut -d'"' -f2)"
  [[ -n "$CATEGORY_PATH" ]] || die "no category link on the home page"
fi
SEARCH_PATH="/search?q=$(urlencode "$SEARCH_QUERY")"
PAGES=(home category article search)
declare -A PATH_OF=([home]=/ [category]="$CATEGORY_PATH" [article]="$ARTICLE_PATH" [search]="$SEARCH_PATH")
declare -A HTML_BYTES

for page in "${PAGES[@]}"; do
  url="$APP${PATH_OF[$page]}"
  code="$(curl -s -o "$TMP/nginx/html/$page.html" -w '%{http_code}' "$url")"
  [[ "$code" == 200 ]] || die "GET $url answered $code"
  HTML_BYTES[$page]="$(size_of "$TMP/nginx/html/$page.html")"
done
grep -q '<mark>' "$TMP/nginx/html/search.html" ||
  log "warning: the search page for '$SEARCH_QUERY' highlights nothing; set BENCH_SEARCH_QUERY to a word that matches"
chmod -R a+rX "$TMP/nginx"

sed -e "s#@PREFIX@#$TMP/nginx#g" -e "s#@ADDRESS@#$HOST:$NGINX_PORT#g" \
  "$BENCH/nginx.conf.template" >"$TMP/nginx/nginx.conf"
log "starting nginx on $NGINX (the same HTML bytes as static files)"
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' >"$TMP/nginx.log" 2>&1 &
NGINX_PID=$!
wait_for "$NGINX/home.html" "$NGINX_PID" 10
for page in "${PAGES[@]}"; do
  curl -s "$NGINX/$page.html" | cmp -s - "$TMP/nginx/html/$page.html" ||
    die "nginx does not serve the saved bytes of $page"
done

declare -A T_RPS T_P50 T_P99 T_ERR S_RPS S_P50 S_P99 S_ERR
for page in "${PAGES[@]}"; do
  for c in $CONNECTIONS; do
    run_wrk "timelines-$page-c$c" "$c" "$APP${PATH_OF[$page]}"
    T_RPS[$page.$c]=$W_RPS T_P50[$page.$c]=$W_P50 T_P99[$page.$c]=$W_P99 T_ERR[$page.$c]=$W_ERRS
    run_wrk "nginx-$page-c$c" "$c" "$NGINX/$page.html"
    S_RPS[$page.$c]=$W_RPS S_P50[$page.$c]=$W_P50 S_P99[$page.$c]=$W_P99 S_ERR[$page.$c]=$W_ERRS
  done
done
stop_pid "$NGINX_PID" nginx
NGINX_PID=""
APP_RSS_AFTER="$(rss_mb "$APP_PID")"

# ---- 1b. hostile traffic (issue 11) -------------------------------------------------------------
# Every request a URL nobody asked for before, over every page kind: (a) against a server with
# the page cache off, so each is a full render running beside others (none may fail); (b) against
# the server above, cache on, where cache busters and one-off searches must neither grow memory
# past its budget nor push the front page out of the cache.
log "1b. hostile traffic: renders of every page kind at once, and a flood of distinct URLs"
TAG_PATH="$(curl -s "$APP$ARTICLE_PATH" | grep -oE 'href="/tag/[^"?#]+"' | awk 'NR == 1' | cut -d'"' -f2)"
AUTHOR_PATH="$(curl -s "$APP$ARTICLE_PATH" | grep -oE 'href="/author/[^"?#]+"' | awk 'NR == 1' | cut -d'"' -f2)"
{
  echo "/?x={n}"
  echo "$CATEGORY_PATH?x={n}"
  echo "$ARTICLE_PATH?x={n}"
  [[ -n "$TAG_PATH" ]] && echo "$TAG_PATH?x={n}"
  [[ -n "$AUTHOR_PATH" ]] && echo "$AUTHOR_PATH?x={n}"
  echo "/search?q=$(urlencode "$SEARCH_QUERY")+r{n}"
  echo "/privacy-policy?x={n}"
  echo "/subscribe?x={n}"
} >"$TMP/flood.txt"
NOCACHE_PORT=$((PORT_BASE + 5))
start_timelines nocache "$NOCACHE_PORT" "sqlite://$TMP/demo.db" TIMELINES_PAGE_CACHE_SECONDS=0
NOCACHE_PID=$STARTED_PID
wait_for "http://$HOST:$NOCACHE_PORT/healthz" "$NOCACHE_PID" 60
# Every request a render (issue 12): the front page and the article, 16 connections.
# render_path <name> <base URL> <article path> <variable prefix>: sets <prefix>_{HOME,ARTICLE}_{RPS,P99,ERR}.
render_path() {
  local name=$1 base=$2 article=$3 prefix=$4
  run_wrk "$name-home-c16" 16 "$base/"
  printf -v "${prefix}_HOME_RPS" '%s' "$W_RPS"; printf -v "${prefix}_HOME_P99" '%s' "$W_P99"
  printf -v "${prefix}_HOME_ERR" '%s' "$W_ERRS"
  run_wrk "$name-article-c16" 16 "$base$article"
  printf -v "${prefix}_ARTICLE_RPS" '%s' "$W_RPS"; printf -v "${prefix}_ARTICLE_P99" '%s' "$W_P99"
  printf -v "${prefix}_ARTICLE_ERR" '%s' "$W_ERRS"
}
render_path nocache "http://$HOST:$NOCACHE_PORT" "$ARTICLE_PATH" NOCACHE
run_wrk "renders-nocache-c16" 16 "http://$HOST:$NOCACHE_PORT" "$BENCH/flood.lua" "$TMP/flood.txt"
RENDER_REQS="$(awk '/ requests in / { print $1 }' "$TMP/wrk/renders-nocache-c16.txt")"
RENDER_RPS=$W_RPS RENDER_ERR=$W_ERR RENDER_ERRS=$W_ERRS
RENDER_PANICS="$(grep -c 'panicked' "$TMP/nocache.log" || true)"
if [[ "$RENDER_PANICS" != 0 ]]; then
  # Kept past the run (the temporary folder goes when the bench succeeds), to find the cause.
  mkdir -p "$CACHE"
  cp "$TMP/nocache.log" "$CACHE/nocache-panics-$(date -u +%Y%m%dT%H%M%S).log"
  log "the server logged $RENDER_PANICS panic(s): log kept in $CACHE/"
fi
stop_pid "$NOCACHE_PID" "timelines (no page cache)"
NOCACHE_PID=""
# The flood leaves out the front page's template; meanwhile a reader reads the front page twice
# a second, as real readers go on doing during a flood. A cache that let one-off pages push out
# what is read (FIFO, plain LRU) would answer those reads with renders; TinyLFU keeps the page.
grep -v '^/?' "$TMP/flood.txt" >"$TMP/flood-others.txt"
curl -s -o /dev/null "$APP/" # fresh before the flood (a page is rendered again at 30 s)
(
  end=$(($(now_us) + 9000000))
  while (($(now_us) < end)); do
    curl -s -o /dev/null -D - "$APP/" | awk -F': *' 'tolower($1) == "x-cache" { gsub(/\r/, "", $2); print $2 }'
    sleep 0.5
  done
) >"$TMP/front-page-during-flood.txt" &
READER_PID=$!
run_wrk "flood-c64" 64 "$APP" "$BENCH/flood.lua" "$TMP/flood-others.txt"
wait "$READER_PID" || true
FLOOD_REQS="$(awk '/ requests in / { print $1 }' "$TMP/wrk/flood-c64.txt")"
FLOOD_RPS=$W_RPS FLOOD_ERRS=$W_ERRS
FLOOD_RSS="$(rss_mb "$APP_PID")"
FRONT_READS="$(grep -c . "$TMP/front-page-during-flood.txt" || true)"
FRONT_KEPT="$(grep -cE '^(hit|stale)$' "$TMP/front-page-during-flood.txt" || true)"

# ---- 1c. an author at work (issue 13) -----------------------------------------------------------
# The article page (page cache on, 16 connections) read alone, then while an author in the
# newsroom autosaves a draft every 2 seconds (bench/author.mjs, as the editor does). A draft is
# nobody's reading, so its saves must not drop cached pages: readers should not notice.
log "1c. the article page while an author autosaves every 2 seconds"
printf '%s' 'bench author password' >"$TMP/author-password"
env LEPTOS_SITE_ROOT="$SITE" TIMELINES_DATABASE_URL="sqlite://$TMP/demo.db" RUST_LOG=warn \
  "$BIN" user add --email author@bench.example --name "Bench Author" --role author \
  --password-file "$TMP/author-password" >"$TMP/user-add.log" 2>&1 ||
  { cat "$TMP/user-add.log" >&2; die "timelines user add failed"; }
curl -s -o /dev/null "$APP$ARTICLE_PATH"
run_wrk "article-alone-c16" 16 "$APP$ARTICLE_PATH"
ALONE_RPS=$W_RPS ALONE_P99=$W_P99
author_seconds="$(awk -v d="$DURATION" 'BEGIN { sub(/s$/, "", d); print d + 2 }')"
# with_author <mode> <label>: wrk on the article page while bench/author.mjs works in <mode>;
# sets A_RPS A_P99 A_ERRS A_SAVES A_OK A_MEAN A_CACHE.
with_author() {
  node "$BENCH/author.mjs" "$APP" author@bench.example 'bench author password' "$author_seconds" 2000 "$1" \
    >"$TMP/author-$1.json" 2>"$TMP/author-$1.err" &
  local pid=$!
  sleep 1
  run_wrk "$2" 16 "$APP$ARTICLE_PATH"
  A_RPS=$W_RPS A_P99=$W_P99 A_ERRS=$W_ERRS
  wait "$pid" || { cat "$TMP/author-$1.err" >&2; die "the author's saves failed (bench/author.mjs $1)"; }
  local json="$TMP/author-$1.json"
  A_SAVES="$(node -p "JSON.parse(require('fs').readFileSync('$json', 'utf8')).saves")"
  A_OK="$(node -p "JSON.parse(require('fs').readFileSync('$json', 'utf8')).ok")"
  A_MEAN="$(node -p "JSON.parse(require('fs').readFileSync('$json', 'utf8')).meanMs")"
  A_CACHE="$(curl -s -o /dev/null -D - "$APP$ARTICLE_PATH" | awk -F': *' 'tolower($1) == "x-cache" { gsub(/\r/, "", $2); print $2 }')"
}
with_author autosave "article-with-author-c16"
AUTHOR_RPS=$A_RPS AUTHOR_P99=$A_P99 AUTHOR_ERRS=$A_ERRS AUTHOR_SAVES=$A_SAVES AUTHOR_OK=$A_OK
AUTHOR_MEAN=$A_MEAN AUTHOR_CACHE=$A_CACHE
# An editor updating a live story every 2 seconds: each update changes every page (the article,
# the lists, the sidebar), so each is rendered again once after it while readers keep reading.
log "1c. the article page while an editor updates a published article every 2 seconds"
with_author update "article-with-updates-c16"
UPDATE_RPS=$A_RPS UPDATE_P99=$A_P99 UPDATE_ERRS=$A_ERRS UPDATE_SAVES=$A_SAVES UPDATE_OK=$A_OK
UPDATE_MEAN=$A_MEAN

# ---- 7. PostgreSQL, and app servers behind nginx (bench/postgres.sh) ------------------------------
bench_postgres

# ---- 2. weight -------------------------------------------------------------------------------------
log "2. weight: build files and the article page's transfer"
declare -a WEIGHT_ROWS
WASM_BR=""
for f in "$SITE"/pkg/*.wasm "$SITE"/pkg/*.js "$SITE"/pkg/*.css; do
  [[ -f "$f" ]] || continue
  name="$(basename "$f")"
  raw="$(size_of "$f")" gz="$(gz_size "$f")" br="$(br_size "$f")"
  read -r served _ enc < <(fetch_transfer "$APP/pkg/$name")
  WEIGHT_ROWS+=("| \`$name\` | $(kb "$raw") | $(kb "$gz") | $(kb "$br") | $(kb "$served") ($enc) |")
  if [[ "$name" == *.wasm ]]; then
    WASM_BR=$br
    WASM_NAME=$name
  fi
done
[[ -n "$WASM_BR" ]] || die "no .wasm in $SITE/pkg"

curl -s -H "Accept-Encoding: identity" "$APP$ARTICLE_PATH" >"$TMP/article.html"
node "$BENCH/assets.mjs" html <"$TMP/article.html" >"$TMP/assets.tsv"
while IFS=$'\t' read -r kind url; do
  [[ "$kind" == css ]] || continue
  case "$url" in http*) u="$url" ;; /*) u="$APP$url" ;; *) u="$APP/$url" ;; esac
  curl -s -H "Accept-Encoding: identity" "$u" | node "$BENCH/assets.mjs" css >>"$TMP/assets.tsv"
done < <(cat "$TMP/assets.tsv")
declare -a TRANSFER_ROWS
read -r html_bytes code enc < <(fetch_transfer "$APP$ARTICLE_PATH")
[[ "$code" == 200 ]] || die "GET $ARTICLE_PATH answered $code"
PAGE_TOTAL=$html_bytes
TRANSFER_ROWS+=("| HTML \`$ARTICLE_PATH\` | html | $(kb "$html_bytes") | $enc |")
while IFS=$'\t' read -r kind url; do
  case "$url" in
    "$APP"/*) u="$url" ;;
    http://* | https://* | //*) TRANSFER_ROWS+=("| \`$url\` | $kind | not counted (another origin) | |"); continue ;;
    /*) u="$APP$url" ;;
    *) u="$APP/$url" ;;
  esac
  read -r bytes code enc < <(fetch_transfer "$u")
  [[ "$code" == 200 ]] || die "asset $u answered $code"
  PAGE_TOTAL=$((PAGE_TOTAL + bytes))
  TRANSFER_ROWS+=("| \`$url\` | $kind | $(kb "$bytes") | $enc |")
done <"$TMP/assets.tsv"

# ---- 5. Lighthouse (on the demo server, now idle): the article page and the home page -------------
# LH[page.key] is the median over the runs of a score or metric, LH_ALL[page.key] every run's.
declare -A LH LH_ALL LH_FAILED
LH_PAGES=(article home)
declare -A LH_PATH=([article]="$ARTICLE_PATH" [home]=/)
if (( LIGHTHOUSE_RUNS > 0 )); then
  chrome_flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
  for page in "${LH_PAGES[@]}"; do
    for i in $(seq 1 "$LIGHTHOUSE_RUNS"); do
      log "5. Lighthouse $LIGHTHOUSE_VERSION run $i/$LIGHTHOUSE_RUNS: $APP${LH_PATH[$page]} (mobile)"
      CHROME_PATH="$CHROMIUM" "$LIGHTHOUSE" "$APP${LH_PATH[$page]}" \
        --quiet --output=json --output-path="$TMP/lighthouse-$page-$i.json" \
        --only-categories=performance,accessibility,best-practices,seo \
        --port="$CHROME_PORT" --chrome-flags="$chrome_flags" >"$TMP/lighthouse.log" 2>&1 ||
        { cat "$TMP/lighthouse.log" >&2; die "lighthouse failed"; }
      while read -r key value; do
        LH_ALL[$page.$key]="${LH_ALL[$page.$key]:-} $value"
      done < <(node -e '
        const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
        if (r.runtimeError) { console.error(r.runtimeError.message); process.exit(1); }
        for (const id of ["performance", "accessibility", "best-practices", "seo"]) {
          const s = r.categories[id]?.score;
          console.log(id, s == null ? "n/a" : Math.round(s * 100));
        }
        const a = r.audits;
        console.log("weight", a["total-byte-weight"]?.numericValue ?? "n/a");
        console.log("fcp", a["first-contentful-paint"]?.numericValue ?? "n/a");
        console.log("lcp", a["largest-contentful-paint"]?.numericValue ?? "n/a");
        console.log("tbt", a["total-blocking-time"]?.numericValue ?? "n/a");
        console.log("cls", a["cumulative-layout-shift"]?.numericValue ?? "n/a");
        // The pictures the page loaded on a phone (lazy ones out of reach are not loaded).
        const images = (a["network-requests"]?.details?.items ?? []).filter((q) => q.resourceType === "Image");
        console.log("images", images.length);
        console.log("image_bytes", images.reduce((n, q) => n + (q.transferSize ?? 0), 0));
        const failed = Object.values(r.categories).flatMap((c) => c.auditRefs)
          .filter((ref) => ref.weight > 0 && a[ref.id].score !== null && a[ref.id].score < 1)
          .map((ref) => ref.id);
        console.log("failed", [...new Set(failed)].join(",") || "-");
      ' "$TMP/lighthouse-$page-$i.json")
    done
    for key in performance accessibility best-practices seo weight fcp lcp tbt cls images image_bytes; do
      LH[$page.$key]="$(echo "${LH_ALL[$page.$key]}" | median)"
    done
    LH_FAILED[$page]="$(echo "${LH_ALL[$page.failed]}" | tr ' ,' '\n\n' | grep -v '^-\?$' | sort -u | paste -sd, - || true)"
  done
fi

# ---- 6. Pictures: the making of every variant of a 12-megapixel photo -----------------------------
log "6. pictures: timelines media-bench (a drawn 4000x3000 JPEG, 5 rounds)"
read -r MB_MEDIAN MB_MIN MB_MAX MB_FILES MB_BYTES < <("$BIN" media-bench --rounds 5 2>"$TMP/media-bench.log" |
  node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8").trim().split("\n").pop());
    console.log(r.median_ms, r.min_ms, r.max_ms, r.files, r.variant_bytes);
  ') || die "timelines media-bench failed: $(cat "$TMP/media-bench.log")"

# ---- 6b. Import: a WordPress export of 10,000 posts into an empty site ------------------------------
IMPORT_POSTS="${BENCH_IMPORT_POSTS:-10000}"
log "6b. import: timelines import wordpress, $IMPORT_POSTS posts (bench/wxr.py)"
python3 "$BENCH/wxr.py" "$IMPORT_POSTS" "$TMP/export.xml" 1
IMPORT_MB="$(du -m "$TMP/export.xml" | cut -f1)"
import_run() {
  env TIMELINES_DATABASE_URL="sqlite://$TMP/import.db" TIMELINES_MEDIA_DIR="$TMP/import-media" \
    TIMELINES_LOAD_DEMO=false RUST_LOG=warn "$BIN" import wordpress "$TMP/export.xml" \
    >"$TMP/import-$1.log" 2>&1 || die "timelines import failed: $(tail -n 5 "$TMP/import-$1.log")"
  grep -oE '^Took [0-9.]+' "$TMP/import-$1.log" | cut -d' ' -f2
}
IMPORT_S="$(import_run first)"
IMPORT_AGAIN_S="$(import_run again)"
IMPORT_MADE="$(awk '$1 == "articles" { print $2 }' "$TMP/import-first.log")"
IMPORT_UNCHANGED="$(awk '$1 == "articles" { print $5 }' "$TMP/import-again.log")"

stop_pid "$APP_PID" timelines
APP_PID=""

# ---- 3 and 4. scale and search at $ARTICLES articles ---------------------------------------------------
if (( ARTICLES > 0 )); then
  "$BIN" --help | grep -qE '^\s+generate\b' || die "this build has no 'timelines generate' command"
  key="$(cat src/server/generate.rs src/server/demo.rs src/server/demo/*.rs migrations/sqlite/* 2>/dev/null | sha256sum | cut -c1-12)"
  DB_DIR="$CACHE/scale-$ARTICLES-seed$SEED-$key"
  DB_FILE="$DB_DIR/timelines.db"
  DB_URL="sqlite://$DB_FILE"
  if [[ -f "$DB_DIR/meta" ]]; then
    log "3. scale: reusing $DB_FILE"
  else
    log "3. scale: generating $ARTICLES articles into $DB_DIR (once; minutes)"
    mkdir -p "$CACHE"
    rm -rf "$CACHE"/scale-"$ARTICLES"-seed"$SEED"-* "$CACHE/partial"
    mkdir -p "$CACHE/partial"
    t0="$(now_us)"
    env LEPTOS_SITE_ROOT="$SITE" TIMELINES_DATABASE_URL="sqlite://$CACHE/partial/timelines.db" \
      TIMELINES_LOAD_DEMO=true RUST_LOG=warn \
      "$BIN" generate --articles "$ARTICLES" --seed "$SEED" >"$TMP/generate.log" 2>&1 ||
      { cat "$TMP/generate.log" >&2; die "timelines generate failed"; }
    t1="$(now_us)"
    gen_s="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')"
    gen_bytes="$(du -cb "$CACHE"/partial/timelines.db* | tail -n 1 | cut -f1)"
    printf 'generated_seconds=%s\ngenerated_bytes=%s\ngenerated_at=%s\ngenerator_output=%s\n' \
      "$gen_s" "$gen_bytes" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(tail -n 1 "$TMP/generate.log")" \
      >"$CACHE/partial/meta"
    mv "$CACHE/partial" "$DB_DIR"
  fi
  GEN_SECONDS="$(sed -n 's/^generated_seconds=//p' "$DB_DIR/meta")"
  GEN_AT="$(sed -n 's/^generated_at=//p' "$DB_DIR/meta")"

  log "3. scale: timelines reindex"
  t0="$(now_us)"
  env LEPTOS_SITE_ROOT="$SITE" TIMELINES_DATABASE_URL="$DB_URL" TIMELINES_LOAD_DEMO=false RUST_LOG=warn \
    "$BIN" reindex >"$TMP/reindex.log" 2>&1 ||
    { cat "$TMP/reindex.log" >&2; die "timelines reindex failed"; }
  t1="$(now_us)"
  REINDEX_WALL="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')"
  # "indexed <n> articles in <s> s"
  REINDEX_SECONDS="$(awk '$1 == "indexed" && $3 == "articles" { s = $5 } END { print s }' "$TMP/reindex.log")"
  INDEXED="$(awk '$1 == "indexed" && $3 == "articles" { n = $2 } END { print n }' "$TMP/reindex.log")"
  DB_BYTES="$(size_of "$DB_FILE")"
  WAL_BYTES=0
  if [[ -f "$DB_FILE-wal" ]]; then WAL_BYTES="$(size_of "$DB_FILE-wal")"; fi

  # Server-side search latency (issue 4), while nothing else runs.
  SB_STATUS="not available in this build"
  if "$BIN" --help | grep -qE '^\s+search-bench\b'; then
    log "4. search: timelines search-bench"
    sb_help="$("$BIN" search-bench --help 2>&1 || true)"
    sb_args=(search-bench --queries "$BENCH/search-queries.txt")
    if [[ "$sb_help" == *--database-url* ]]; then sb_args+=(--database-url "$DB_URL"); fi
    if [[ -n "$SEARCH_ROUNDS" ]]; then sb_args+=(--rounds "$SEARCH_ROUNDS"); fi
    env LEPTOS_SITE_ROOT="$SITE" TIMELINES_DATABASE_URL="$DB_URL" TIMELINES_LOAD_DEMO=false RUST_LOG=warn \
      "$BIN" "${sb_args[@]}" >"$TMP/search-bench.log" 2>"$TMP/search-bench.err" ||
      { cat "$TMP/search-bench.log" "$TMP/search-bench.err" >&2; die "timelines search-bench failed"; }
    # Per-query medians on standard error, "<ms> ms <results> results <query>": the slowest five.
    SB_SLOWEST="$(awk '$1 ~ /^[0-9.]+$/ && $2 == "ms"' "$TMP/search-bench.err" | sort -g -r | awk 'NR <= 5' |
      awk '{ ms = $1; $1 = ""; $2 = ""; sub(/^ +/, ""); printf "%s%s ms (%s)", (NR > 1 ? ", " : ""), ms, $0 }')"
    read -r SB_QUERIES SB_RUNS SB_P50 SB_P99 SB_MAX < <(node -e '
      const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
      const line = lines.filter((l) => l.trim().startsWith("{")).pop();
      if (!line) { console.error("search-bench printed no JSON line"); process.exit(1); }
      const r = JSON.parse(line);
      console.log([r.queries, r.runs, r.p50_ms, r.p99_ms, r.max_ms].join(" "));
    ' "$TMP/search-bench.log")
    SB_STATUS=ok
  else
    echo "search-bench: not available in this build"
  fi

  log "3. scale: starting Timelines on $SCALE with $ARTICLES articles"
  t0="$(now_us)"
  start_timelines scale "$SCALE_PORT" "$DB_URL" TIMELINES_LOAD_DEMO=false
  SCALE_PID=$STARTED_PID
  wait_for "$SCALE/" "$SCALE_PID" 120
  t1="$(now_us)"
  STARTUP_MS="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) / 1e3 }')"
  sleep 2
  SCALE_RSS_IDLE="$(rss_mb "$SCALE_PID")"

  curl -sf -o "$TMP/scale-home.html" "$SCALE/" || die "GET / failed at scale"
  SCALE_ARTICLE="$(grep -oE 'href="/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/?#]+"' "$TMP/scale-home.html" | awk 'NR == 1' | cut -d'"' -f2)"
  [[ -n "$SCALE_ARTICLE" ]] || die "no article link on the home page at scale"
  declare -A SCALE_PATH=([home]=/ [category]="$CATEGORY_PATH" [article]="$SCALE_ARTICLE" [search]="$SEARCH_PATH")
  declare -A X_RPS X_P50 X_P99 X_ERR X_ONE
  for page in "${PAGES[@]}"; do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$SCALE${SCALE_PATH[$page]}")"
    [[ "$code" == 200 ]] || die "GET ${SCALE_PATH[$page]} answered $code at scale"
    # One request alone, after that first one: the latency without concurrency.
    X_ONE[$page]="$(curl -s -o /dev/null -w '%{time_total}' "$SCALE${SCALE_PATH[$page]}" | awk '{ printf "%.1f", $1 * 1000 }')"
    for c in $SCALE_CONNECTIONS; do
      run_wrk "scale-$page-c$c" "$c" "$SCALE${SCALE_PATH[$page]}"
      X_RPS[$page.$c]=$W_RPS X_P50[$page.$c]=$W_P50 X_P99[$page.$c]=$W_P99 X_ERR[$page.$c]=$W_ERRS
    done
  done

  # The query set over HTTP, round robin.
  while IFS= read -r q; do
    if [[ -n "$q" && "$q" != \#* ]]; then echo "/api/search?q=$(urlencode "$q")"; fi
  done <"$BENCH/search-queries.txt" >"$TMP/search-paths.txt"
  while IFS= read -r p; do
    code="$(curl -s -o /dev/null -w '%{http_code}' "$SCALE$p")"
    [[ "$code" == 200 ]] || die "GET $p answered $code at scale"
  done <"$TMP/search-paths.txt"
  run_wrk "scale-api-search-c$SEARCH_CONNECTIONS" "$SEARCH_CONNECTIONS" "$SCALE" "$BENCH/paths.lua" "$TMP/search-paths.txt"
  API_RPS=$W_RPS API_P50=$W_P50 API_P99=$W_P99 API_ERR=$W_ERRS

  SCALE_RSS_AFTER="$(rss_mb "$SCALE_PID")"
  SCALE_RSS_PEAK="$(rss_mb "$SCALE_PID" VmHWM)"
  stop_pid "$SCALE_PID" "timelines (scale)"
  SCALE_PID=""

  # The same database with the page cache off: every request a render (issue 12).
  log "3. scale: home and article with the page cache off"
  start_timelines scale-nocache "$SCALE_PORT" "$DB_URL" TIMELINES_LOAD_DEMO=false TIMELINES_PAGE_CACHE_SECONDS=0
  SCALE_PID=$STARTED_PID
  wait_for "$SCALE/" "$SCALE_PID" 120
  render_path scale-nocache "$SCALE" "$SCALE_ARTICLE" SCALE_NOCACHE
  stop_pid "$SCALE_PID" "timelines (scale, no page cache)"
  SCALE_PID=""
fi

bench_postgres_scale

# ---- 6. report ---------------------------------------------------------------------------------------
BENCH_SECONDS="$(awk -v a="$BENCH_START_US" -v b="$(now_us)" 'BEGIN { printf "%.0f", (b - a) / 1e6 }')"
cpu="$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
mem="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
settings=""
for v in BENCH_DURATION BENCH_CONNECTIONS BENCH_SCALE_CONNECTIONS BENCH_SEARCH_CONNECTIONS BENCH_THREADS BENCH_WRK_TIMEOUT \
  BENCH_ARTICLES BENCH_SEARCH_ROUNDS BENCH_SEARCH_QUERY BENCH_LIGHTHOUSE_RUNS BENCH_SKIP_BUILD; do
  if [[ -n "${!v:-}" ]]; then settings="$settings $v=${!v}"; fi
done
chromium_version="$("$CHROMIUM" --version 2>/dev/null | awk 'NR == 1' || echo none)"

md "## Run of $STARTED_AT"
md ""
invoked="bash bench/run.sh"
if [[ -n "${MAKELEVEL:-}" ]]; then invoked="make bench"; fi
md "- Command: \`${settings# }${settings:+ }$invoked\` (wrk: ${DURATION} per run, $THREADS threads, timeout $WRK_TIMEOUT; the measurements took ${BENCH_SECONDS} s; $BUILD_NOTE)"
md "- Machine: $(nproc) cores, $cpu, $mem RAM, Linux $(uname -r); load average (1, 5, 15 min) $LOAD_AT_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
if awk -v l="${LOAD_AT_START%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  md "- **The machine was busy when the run started (load average above half the cores): other work competed for the CPU, so throughput and tail latencies are noisy.**"
fi
md "- Commit: \`$commit\`"
md "- Tools: $(wrk -v 2>&1 | awk 'NR == 1' | awk '{ print $1, $2 }'), $(nginx -v 2>&1 | sed 's/^nginx version: //'), node $(node --version), lighthouse $LIGHTHOUSE_VERSION, $chromium_version"
md "- Pages: home \`/\`, category \`$CATEGORY_PATH\`, article \`$ARTICLE_PATH\`, search \`$SEARCH_PATH\` (demo newsroom)"
md ""
md "### 1. Throughput and latency on loopback: Timelines against nginx serving the same bytes"
md ""
md "| Page | HTML bytes | Conns | Timelines req/s | p50 ms | p99 ms | nginx req/s | p50 ms | p99 ms | Timelines / static | Budget |"
md "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for page in "${PAGES[@]}"; do
  for c in $CONNECTIONS; do
    k=$page.$c
    ratio="$(awk -v a="${T_RPS[$k]}" -v b="${S_RPS[$k]}" 'BEGIN { if (b > 0) printf "%.1f", 100 * a / b; else print "n/a" }')"
    errs=""
    if [[ "${T_ERR[$k]}" != none ]]; then errs="$errs; Timelines errors: ${T_ERR[$k]}"; fi
    if [[ "${S_ERR[$k]}" != none ]]; then errs="$errs; nginx errors: ${S_ERR[$k]}"; fi
    b="-"
    if [[ "$page" == article ]]; then
      ok="$(ge "$ratio" 50)"
      b="ratio >= 50%: $(mark "$ok")"
      budget "Article req/s >= 50% of static at $c connections" "$ratio%" ">= 50%" "$ok"
      if [[ "$c" == 64 ]]; then
        ok2="$(le "${T_P99[$k]}" 20)"
        b="$b; p99 <= 20 ms: $(mark "$ok2")"
        budget "Article p99 at 64 connections" "${T_P99[$k]} ms" "<= 20 ms" "$ok2"
      fi
    fi
    md "| $page | ${HTML_BYTES[$page]} | $c | ${T_RPS[$k]} | ${T_P50[$k]} | ${T_P99[$k]} | ${S_RPS[$k]} | ${S_P50[$k]} | ${S_P99[$k]} | $ratio% | $b$errs |"
  done
done
md ""
md "Timelines resident memory after these runs (demo newsroom): $APP_RSS_AFTER MB."
md ""
md "### 1b. Hostile traffic: every request a URL nobody asked for before"
md ""
md "Templates (\`{n}\` is new on every request): $(paste -sd' ' "$TMP/flood.txt" | sed 's/ /, /g'); the flood with the page cache on leaves out the front page's, while one reader reads the front page twice a second: those reads must come from the cache."
md ""
md "| Run | Requests | req/s | Errors | Budget |"
md "|---|---:|---:|---|---|"
ok="$(awk -v e="$RENDER_ERR" -v p="$RENDER_PANICS" -v n="${RENDER_REQS:-0}" 'BEGIN { print (e == 0 && p == 0 && n >= 1000) ? 1 : 0 }')"
budget "Failed cache-missing renders, every page kind, 16 at once" "$RENDER_ERR of ${RENDER_REQS:-0} ($RENDER_PANICS panics)" "0 of >= 1,000" "$ok"
md "| Page cache off, 16 connections | ${RENDER_REQS:-0} | $RENDER_RPS | $RENDER_ERRS; panics in the log: $RENDER_PANICS | 0 errors: $(mark "$ok") |"
ok="$(le "$FLOOD_RSS" 150)"
# One read may be the render after the page's 30 s lifetime ran out.
ok_home="$(awk -v k="$FRONT_KEPT" -v n="$FRONT_READS" 'BEGIN { print (n >= 10 && k >= n - 1) ? 1 : 0 }')"
budget "Resident memory after a flood of distinct URLs" "$FLOOD_RSS MB" "<= 150 MB" "$ok"
budget "Front page read during the flood, answered from the cache" "$FRONT_KEPT of $FRONT_READS reads" "all but one" "$ok_home"
ok_nc_home="$(ge "$NOCACHE_HOME_RPS" 1200)" ok_nc_article="$(ge "$NOCACHE_ARTICLE_RPS" 2000)"
budget "Home req/s, page cache off" "$NOCACHE_HOME_RPS" ">= 1200" "$ok_nc_home"
budget "Article req/s, page cache off" "$NOCACHE_ARTICLE_RPS" ">= 2000" "$ok_nc_article"
md "| Page cache off, home \`/\` alone, 16 connections | - | $NOCACHE_HOME_RPS | $NOCACHE_HOME_ERR; p99 $NOCACHE_HOME_P99 ms | >= 1,200 req/s: $(mark "$ok_nc_home") |"
md "| Page cache off, article alone, 16 connections | - | $NOCACHE_ARTICLE_RPS | $NOCACHE_ARTICLE_ERR; p99 $NOCACHE_ARTICLE_P99 ms | >= 2,000 req/s: $(mark "$ok_nc_article") |"
md "| Page cache on, 64 connections | ${FLOOD_REQS:-0} | $FLOOD_RPS | $FLOOD_ERRS | resident $FLOOD_RSS MB <= 150 MB: $(mark "$ok"); front page read twice a second meanwhile, from the cache $FRONT_KEPT of $FRONT_READS times: $(mark "$ok_home") |"
md ""
md "### 1c. An author at work"
md ""
md "The article page, page cache on, 16 connections, read alone and then while an author autosaves a draft every 2 seconds (\`bench/author.mjs\`: $AUTHOR_OK of $AUTHOR_SAVES saves answered 200, $AUTHOR_MEAN ms each on average; the page afterwards: \`X-Cache: $AUTHOR_CACHE\`)."
md ""
md "| Run | req/s | p99 ms | Budget |"
md "|---|---:|---:|---|"
ratio="$(awk -v a="$AUTHOR_RPS" -v b="$ALONE_RPS" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print 0 }')"
ok="$(awk -v r="$ratio" -v ok="$AUTHOR_OK" -v n="$AUTHOR_SAVES" 'BEGIN { print (r >= 90 && n >= 3 && ok == n) ? 1 : 0 }')"
budget "Article req/s while an author autosaves every 2 s" "$ratio% of $ALONE_RPS" ">= 90%, every save 200" "$ok"
md "| Readers alone | $ALONE_RPS | $ALONE_P99 | |"
md "| Readers while the author autosaves | $AUTHOR_RPS | $AUTHOR_P99 | $ratio% of alone, $AUTHOR_ERRS; >= 90% with every save 200: $(mark "$ok") |"
ratio="$(awk -v a="$UPDATE_RPS" -v b="$ALONE_RPS" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print 0 }')"
ok="$(awk -v r="$ratio" -v ok="$UPDATE_OK" -v n="$UPDATE_SAVES" 'BEGIN { print (r >= 80 && n >= 3 && ok == n) ? 1 : 0 }')"
budget "Article req/s while an editor updates a live article every 2 s" "$ratio% of $ALONE_RPS" ">= 80%, every update 303" "$ok"
md "| Readers while an editor updates a published article every 2 s ($UPDATE_OK of $UPDATE_SAVES updates answered 303, $UPDATE_MEAN ms each) | $UPDATE_RPS | $UPDATE_P99 | $ratio% of alone, $UPDATE_ERRS; >= 80% with every update 303: $(mark "$ok") |"
md ""
md "### 2. Weight (kB = 1,000 bytes)"
md ""
md "| Build file | raw | gzip -9 | brotli -q 11 | as served (\`Accept-Encoding: $ACCEPT\`) |"
md "|---|---:|---:|---:|---:|"
for row in "${WEIGHT_ROWS[@]}"; do md "$row"; done
ok="$(le "$WASM_BR" $((200 * KB)))"
budget "wasm, brotli" "$(kb "$WASM_BR") kB" "<= 200 kB" "$ok"
md ""
md "wasm brotli: $(kb "$WASM_BR") kB (budget 200 kB: $(mark "$ok"))."
md ""
md "Article page transfer, everything it loads except images, as sent with \`Accept-Encoding: $ACCEPT\`:"
md ""
md "| Resource | Kind | kB transferred | Encoding |"
md "|---|---|---:|---|"
for row in "${TRANSFER_ROWS[@]}"; do md "$row"; done
ok="$(le "$PAGE_TOTAL" $((250 * KB)))"
md "| **Total** | | **$(kb "$PAGE_TOTAL")** | budget 250 kB: $(mark "$ok") |"
budget "Article page transfer without images" "$(kb "$PAGE_TOTAL") kB" "<= 250 kB" "$ok"
if (( LIGHTHOUSE_RUNS > 0 )); then
  md ""
  md "Lighthouse's total byte weight of the same page (mobile, headers included, median): $(kb "${LH[article.weight]%.*}") kB, of which $(kb "${LH[article.image_bytes]%.*}") kB in ${LH[article.images]} pictures."
  ok="$(le "${LH[article.weight]}" $((400 * KB)))"
  budget "Article page transfer with its pictures (Lighthouse, mobile)" "$(kb "${LH[article.weight]%.*}") kB" "<= 400 kB" "$ok"
fi
md ""
if (( ARTICLES > 0 )); then
  md "### 3. Scale: $ARTICLES generated articles (plus the demo newsroom)"
  md ""
  md "| Measure | Value | Budget |"
  md "|---|---:|---|"
  md "| Generation (\`timelines generate --articles $ARTICLES --seed $SEED\`, $GEN_AT) | $GEN_SECONDS s | - |"
  md "| Index build (\`timelines reindex\`, $INDEXED articles) | ${REINDEX_SECONDS:-?} s (command: $REINDEX_WALL s) | - |"
  md "| Database size after reindex (file, and write-ahead log beside it) | $(awk -v b="$DB_BYTES" -v w="$WAL_BYTES" 'BEGIN { printf "%.1f MB + %.1f MB WAL", b / 1e6, w / 1e6 }') | - |"
  ok="$(le "$STARTUP_MS" 2000)"
  budget "Start to first 200 of / at $ARTICLES articles" "$STARTUP_MS ms" "<= 2000 ms" "$ok"
  md "| Start to first 200 of \`/\` | $STARTUP_MS ms | <= 2 s: $(mark "$ok") |"
  ok="$(le "$SCALE_RSS_IDLE" 150)"
  budget "Resident memory idle at $ARTICLES articles" "$SCALE_RSS_IDLE MB" "<= 150 MB" "$ok"
  md "| Resident memory, idle | $SCALE_RSS_IDLE MB | <= 150 MB: $(mark "$ok") |"
  ok="$(le "$SCALE_RSS_AFTER" 150)"
  budget "Resident memory after load at $ARTICLES articles" "$SCALE_RSS_AFTER MB" "<= 150 MB" "$ok"
  md "| Resident memory after the load runs (peak) | $SCALE_RSS_AFTER MB ($SCALE_RSS_PEAK MB) | <= 150 MB: $(mark "$ok") |"
  md ""
  md "| Page at scale | One request alone, ms | Conns | req/s | p50 ms | p99 ms | Errors (wrk) |"
  md "|---|---:|---:|---:|---:|---:|---|"
  for page in "${PAGES[@]}"; do
    for c in $SCALE_CONNECTIONS; do
      k=$page.$c
      md "| $page \`${SCALE_PATH[$page]}\` | ${X_ONE[$page]} | $c | ${X_RPS[$k]} | ${X_P50[$k]} | ${X_P99[$k]} | ${X_ERR[$k]} |"
    done
  done
  md "| home \`/\`, page cache off | - | 16 | $SCALE_NOCACHE_HOME_RPS | - | $SCALE_NOCACHE_HOME_P99 | $SCALE_NOCACHE_HOME_ERR |"
  md "| article \`$SCALE_ARTICLE\`, page cache off | - | 16 | $SCALE_NOCACHE_ARTICLE_RPS | - | $SCALE_NOCACHE_ARTICLE_P99 | $SCALE_NOCACHE_ARTICLE_ERR |"
  ok_nc_home="$(ge "$SCALE_NOCACHE_HOME_RPS" 1200)" ok_nc_article="$(ge "$SCALE_NOCACHE_ARTICLE_RPS" 2000)"
  budget "Home req/s, page cache off, $ARTICLES articles" "$SCALE_NOCACHE_HOME_RPS" ">= 1200" "$ok_nc_home"
  budget "Article req/s, page cache off, $ARTICLES articles" "$SCALE_NOCACHE_ARTICLE_RPS" ">= 2000" "$ok_nc_article"
  md ""
  md "### 4. Search at $ARTICLES articles (\`bench/search-queries.txt\`, $(grep -c '^[^#]' "$BENCH/search-queries.txt") queries)"
  md ""
  md "| Measure | p50 ms | p99 ms | Other | Budget |"
  md "|---|---:|---:|---|---|"
  if [[ "$SB_STATUS" == ok ]]; then
    ok50="$(le "$SB_P50" 5)" ok99="$(le "$SB_P99" 25)"
    budget "Search p50, server-side, $ARTICLES articles" "$SB_P50 ms" "<= 5 ms" "$ok50"
    budget "Search p99, server-side, $ARTICLES articles" "$SB_P99 ms" "<= 25 ms" "$ok99"
    md "| Server-side (\`timelines search-bench\`) | $SB_P50 | $SB_P99 | max $SB_MAX ms; $SB_QUERIES queries, $SB_RUNS runs | p50 <= 5 ms: $(mark "$ok50"); p99 <= 25 ms: $(mark "$ok99") |"
  else
    md "| Server-side (\`timelines search-bench\`) | - | - | $SB_STATUS | not measured |"
  fi
  md "| HTTP \`/api/search\`, wrk, $SEARCH_CONNECTIONS connections | $API_P50 | $API_P99 | $API_RPS req/s; errors: $API_ERR | - |"
  md ""
  if [[ "$SB_STATUS" == ok && -n "$SB_SLOWEST" ]]; then
    md "Slowest queries server-side (median of each, with their result counts): $SB_SLOWEST."
    md ""
  fi
fi
if (( LIGHTHOUSE_RUNS > 0 )); then
  md "### 5. Lighthouse $LIGHTHOUSE_VERSION, mobile (median of $LIGHTHOUSE_RUNS runs)"
  md ""
  md "| Page | Category | Score | Runs | Budget |"
  md "|---|---|---:|---|---|"
  for page in "${LH_PAGES[@]}"; do
    for cat in performance accessibility best-practices seo; do
      want=100
      [[ "$cat" == performance ]] && want=98
      ok="$(ge "${LH[$page.$cat]}" "$want")"
      budget "Lighthouse $cat, $page" "${LH[$page.$cat]}" ">= $want" "$ok"
      md "| $page | $cat | ${LH[$page.$cat]} | $(echo "${LH_ALL[$page.$cat]# }" | tr ' ' '/') | >= $want: $(mark "$ok") |"
    done
  done
  md ""
  for page in "${LH_PAGES[@]}"; do
    ok="$(le "${LH[$page.lcp]}" 1500)"
    budget "Lighthouse LCP, $page" "$(printf '%.0f' "${LH[$page.lcp]}") ms" "<= 1500 ms" "$ok"
    md "Median metrics, $page \`${LH_PATH[$page]}\`: FCP $(printf '%.0f' "${LH[$page.fcp]}") ms, LCP $(printf '%.0f' "${LH[$page.lcp]}") ms, TBT $(printf '%.0f' "${LH[$page.tbt]}") ms, CLS ${LH[$page.cls]}; $(kb "${LH[$page.weight]%.*}") kB transferred, $(kb "${LH[$page.image_bytes]%.*}") kB of it in ${LH[$page.images]} pictures. Audits below a full score in any run: ${LH_FAILED[$page]:-none}."
    md ""
  done
fi
md "### 6. Pictures: every variant of a 12-megapixel JPEG (\`timelines media-bench\`, 5 rounds)"
md ""
ok="$(le "$MB_MEDIAN" 2000)"
budget "Variants of a 12-megapixel JPEG" "$MB_MEDIAN ms" "<= 2000 ms" "$ok"
md "| Measure | Value | Budget |"
md "|---|---:|---|"
md "| Decoding, 5 widths in WebP and JPEG and the share card ($MB_FILES files, $(kb "$MB_BYTES") kB), median | $MB_MEDIAN ms (min $MB_MIN, max $MB_MAX) | <= 2 s: $(mark "$ok") |"
md ""
md "### 6b. Import: a WordPress export of $IMPORT_POSTS posts (\`bench/wxr.py\`, $IMPORT_MB MB) into an empty site"
md ""
ok="$(le "$IMPORT_S" 60)"
budget "Import of $IMPORT_POSTS WordPress posts" "$IMPORT_S s" "<= 60 s" "$ok"
md "| Measure | Value | Budget |"
md "|---|---:|---|"
md "| First import ($IMPORT_MADE articles created) | $IMPORT_S s | <= 60 s: $(mark "$ok") |"
md "| The same file again ($IMPORT_UNCHANGED articles unchanged) | $IMPORT_AGAIN_S s | |"
md ""
report_postgres
md ""
md "### Budgets"
md ""
md "| Budget | Measured | Target | Result |"
md "|---|---:|---|---|"
cat "$BUDGETS" >>"$REPORT"
md ""

echo
cat "$REPORT"
if [[ "$APPEND" == 1 ]]; then
  { echo; cat "$REPORT"; } >>"$ROOT/BENCHMARKS.md"
  log "appended to BENCHMARKS.md"
fi
log "done in ${BENCH_SECONDS} s"
