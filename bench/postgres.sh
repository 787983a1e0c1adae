# Step 7 of `make bench` (issue 16), sourced by bench/run.sh and using its helpers: reader pages
# on PostgreSQL beside the SQLite figures of steps 1 and 1b, and app servers behind nginx
# configured by deploy/nginx/timelines.conf (the file the README tells operators to use): one
# app server, then two, on one PostgreSQL database. At scale (step 3's database copied with
# `timelines copy-store`): search latency and renders with the page cache off on PostgreSQL.
#
# PostgreSQL is the throwaway cluster of scripts/with-postgres.sh (bench/run.sh runs itself
# inside it), made for tests: fsync and synchronous commits off. Reader pages only read, so
# their figures are what a tuned server gives; the copy's time is a lower bound.

PG_A_PORT=$((PORT_BASE + 6))
PG_B_PORT=$((PORT_BASE + 7))
PROXY_PORT=$((PORT_BASE + 8))
PG_A="http://$HOST:$PG_A_PORT"
PG_B="http://$HOST:$PG_B_PORT"
PROXY="http://$HOST:$PROXY_PORT"
PG_A_PID=""
PG_B_PID=""
PROXY_PID=""
PG_STATUS="not run"

pg_cleanup() {
  stop_pid "$PG_A_PID" "timelines (PostgreSQL, A)"
  stop_pid "$PG_B_PID" "timelines (PostgreSQL, B)"
  stop_pid "$PROXY_PID" "nginx (proxy)"
  PG_A_PID="" PG_B_PID="" PROXY_PID=""
}

# pg_database <name>: a new, empty database on the bench's PostgreSQL; its URL.
pg_database() {
  PGOPTIONS="-c client_min_messages=warning" psql "$TIMELINES_TEST_POSTGRES" -q -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" \
    >/dev/null || die "could not create the PostgreSQL database $1"
  echo "${TIMELINES_TEST_POSTGRES%/*}/$1"
}

# start_proxy <label> <app port>...: nginx with deploy/nginx/timelines.conf in front of those
# app servers, on $PROXY_PORT.
start_proxy() {
  local label=$1 prefix="$TMP/proxy-$1"
  shift
  mkdir -p "$prefix/tmp"
  local servers=""
  for port in "$@"; do
    servers="$servers    server $HOST:$port max_fails=2 fail_timeout=5s;\n"
  done
  # The shipped file, with this run's addresses: its two example upstream lines become the
  # servers given, its listen line the proxy's port.
  awk -v servers="$servers" '
    /^ *server 127\.0\.0\.1:300[12] / { if (!done) { printf "%s", servers; done = 1 } next }
    { print }' "$ROOT/deploy/nginx/timelines.conf" |
    sed -e "s/^\( *\)listen 80;/\1listen $HOST:$PROXY_PORT;/" >"$prefix/timelines.conf"
  grep -q "listen $HOST:$PROXY_PORT;" "$prefix/timelines.conf" ||
    die "deploy/nginx/timelines.conf has no 'listen 80;' line to point at the bench's port"
  [[ "$(grep -c "server $HOST:" "$prefix/timelines.conf")" == $# ]] ||
    die "deploy/nginx/timelines.conf's upstream lines (server 127.0.0.1:3001/3002) were not found"
  cat >"$prefix/nginx.conf" <<NGINX
worker_processes auto;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $prefix/tmp/body;
    proxy_temp_path $prefix/tmp/proxy;
    fastcgi_temp_path $prefix/tmp/fastcgi;
    uwsgi_temp_path $prefix/tmp/uwsgi;
    scgi_temp_path $prefix/tmp/scgi;
    keepalive_requests 10000000;
    include $prefix/timelines.conf;
}
NGINX
  chmod -R a+rX "$prefix"
  nginx -p "$prefix" -c "$prefix/nginx.conf" -g 'daemon off;' >"$TMP/proxy-$label.log" 2>&1 &
  PROXY_PID=$!
  wait_for "$PROXY/healthz" "$PROXY_PID" 10
}

bench_postgres() {
  if [[ "${BENCH_POSTGRES:-1}" != 1 || -z "${TIMELINES_TEST_POSTGRES:-}" ]]; then
    PG_STATUS="skipped: no PostgreSQL (BENCH_POSTGRES=0, or bench/run.sh not run through scripts/with-postgres.sh)"
    return 0
  fi
  log "7. PostgreSQL: the demo newsroom in a new database"
  PG_VERSION="$(psql "$TIMELINES_TEST_POSTGRES" -At -c 'SHOW server_version' | awk '{ print $1 }')"
  local url
  url="$(pg_database bench_demo)"
  start_timelines pg-a "$PG_A_PORT" "$url" TIMELINES_TRUST_FORWARDED_FOR=true
  PG_A_PID=$STARTED_PID
  wait_for "$PG_A/healthz" "$PG_A_PID" 120
  curl -sf -o "$TMP/pg-home.html" "$PG_A/" || die "GET / failed on PostgreSQL"
  PG_ARTICLE="$(grep -oE 'href="/[0-9]{4}/[0-9]{2}/[0-9]{2}/[^"/?#]+"' "$TMP/pg-home.html" | awk 'NR == 1' | cut -d'"' -f2)"
  [[ -n "$PG_ARTICLE" ]] || die "no article link on the home page on PostgreSQL"
  # The page cache on: hits (the article against step 1's nginx figure).
  curl -s -o /dev/null "$PG_A$PG_ARTICLE"
  run_wrk "pg-home-c16" 16 "$PG_A/"
  PGC_HOME_RPS=$W_RPS PGC_HOME_P99=$W_P99 PGC_HOME_ERR=$W_ERRS
  run_wrk "pg-article-c16" 16 "$PG_A$PG_ARTICLE"
  PGC_ARTICLE_RPS=$W_RPS PGC_ARTICLE_P99=$W_P99 PGC_ARTICLE_ERR=$W_ERRS

  # A second server on the same database, page cache off: every request a render.
  start_timelines pg-b "$PG_B_PORT" "$url" TIMELINES_PAGE_CACHE_SECONDS=0
  PG_B_PID=$STARTED_PID
  wait_for "$PG_B/healthz" "$PG_B_PID" 60
  render_path pg-nocache "$PG_B" "$PG_ARTICLE" PGN
  stop_pid "$PG_B_PID" "timelines (PostgreSQL, B)"

  # nginx in front (deploy/nginx/timelines.conf): one app server, then two on one database.
  log "7. nginx in front of one app server, then two"
  start_timelines pg-b2 "$PG_B_PORT" "$url" TIMELINES_TRUST_FORWARDED_FOR=true
  PG_B_PID=$STARTED_PID
  wait_for "$PG_B/healthz" "$PG_B_PID" 60
  declare -gA PX_RPS PX_P50 PX_P99 PX_ERR
  local servers page
  for servers in 1 2; do
    if [[ $servers == 1 ]]; then start_proxy one "$PG_A_PORT"; else start_proxy two "$PG_A_PORT" "$PG_B_PORT"; fi
    for page in home article; do
      local path=/
      [[ $page == article ]] && path=$PG_ARTICLE
      curl -s -o /dev/null "$PROXY$path"
      curl -s -o /dev/null "$PROXY$path"
      run_wrk "proxy$servers-$page-c64" 64 "$PROXY$path"
      PX_RPS[$servers.$page]=$W_RPS PX_P50[$servers.$page]=$W_P50 PX_P99[$servers.$page]=$W_P99
      PX_ERR[$servers.$page]=$W_ERRS
    done
    stop_pid "$PROXY_PID" "nginx (proxy)"
    PROXY_PID=""
  done
  pg_cleanup
  PG_STATUS=ok
}

# At scale: step 3's SQLite database copied into PostgreSQL, then the search set and renders.
bench_postgres_scale() {
  [[ "$PG_STATUS" == ok && -n "${DB_URL:-}" ]] || return 0
  log "7. PostgreSQL at $ARTICLES articles: copy-store from $DB_URL"
  local url t0 t1
  url="$(pg_database bench_scale)"
  t0="$(now_us)"
  env LEPTOS_SITE_ROOT="$SITE" RUST_LOG=warn "$BIN" copy-store --from "$DB_URL" --to "$url" \
    >"$TMP/copy-store.log" 2>&1 || { cat "$TMP/copy-store.log" >&2; die "timelines copy-store failed"; }
  t1="$(now_us)"
  PGS_COPY_S="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) / 1e6 }')"
  PGS_DB_MB="$(psql "$TIMELINES_TEST_POSTGRES" -At -c "SELECT pg_database_size('bench_scale')" | awk '{ printf "%.0f", $1 / 1e6 }')"
  PGS_SB="not run"
  if [[ "${SB_STATUS:-}" == ok ]]; then
    log "7. PostgreSQL at scale: timelines search-bench"
    local sb_args=(search-bench --queries "$BENCH/search-queries.txt")
    if [[ -n "$SEARCH_ROUNDS" ]]; then sb_args+=(--rounds "$SEARCH_ROUNDS"); fi
    env LEPTOS_SITE_ROOT="$SITE" TIMELINES_DATABASE_URL="$url" TIMELINES_LOAD_DEMO=false RUST_LOG=warn \
      "$BIN" "${sb_args[@]}" >"$TMP/pg-search-bench.log" 2>"$TMP/pg-search-bench.err" ||
      { cat "$TMP/pg-search-bench.log" "$TMP/pg-search-bench.err" >&2; die "search-bench on PostgreSQL failed"; }
    read -r PGS_SB_P50 PGS_SB_P99 PGS_SB_MAX < <(node -e '
      const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
      const r = JSON.parse(lines.filter((l) => l.trim().startsWith("{")).pop());
      console.log([r.p50_ms, r.p99_ms, r.max_ms].join(" "));
    ' "$TMP/pg-search-bench.log")
    PGS_SLOWEST="$(awk '$1 ~ /^[0-9.]+$/ && $2 == "ms"' "$TMP/pg-search-bench.err" | sort -g -r | awk 'NR <= 5' |
      awk '{ ms = $1; $1 = ""; $2 = ""; sub(/^ +/, ""); printf "%s%s ms (%s)", (NR > 1 ? ", " : ""), ms, $0 }')"
    PGS_SB=ok
  fi
  log "7. PostgreSQL at scale: home and article with the page cache off"
  start_timelines pg-scale "$PG_A_PORT" "$url" TIMELINES_LOAD_DEMO=false TIMELINES_PAGE_CACHE_SECONDS=0
  PG_A_PID=$STARTED_PID
  wait_for "$PG_A/" "$PG_A_PID" 120
  render_path pg-scale-nocache "$PG_A" "$SCALE_ARTICLE" PGS_NOCACHE
  pg_cleanup
}

report_postgres() {
  md ""
  md "### 7. PostgreSQL, and app servers behind nginx"
  md ""
  if [[ "$PG_STATUS" != ok ]]; then
    md "$PG_STATUS"
    return 0
  fi
  md "PostgreSQL $PG_VERSION (the throwaway cluster of scripts/with-postgres.sh: fsync off) on this machine; the demo newsroom; 16 connections; SQLite figures from steps 1 and 1b of this run."
  md ""
  md "| Page | Page cache | SQLite req/s | PostgreSQL req/s | PostgreSQL p99 ms | PostgreSQL errors |"
  md "|---|---|---:|---:|---:|---|"
  md "| home | on (hits) | ${T_RPS[home.16]:-n/a} | $PGC_HOME_RPS | $PGC_HOME_P99 | $PGC_HOME_ERR |"
  md "| article | on (hits) | ${T_RPS[article.16]:-n/a} | $PGC_ARTICLE_RPS | $PGC_ARTICLE_P99 | $PGC_ARTICLE_ERR |"
  md "| home | off (renders) | $NOCACHE_HOME_RPS | $PGN_HOME_RPS | $PGN_HOME_P99 | $PGN_HOME_ERR |"
  md "| article | off (renders) | $NOCACHE_ARTICLE_RPS | $PGN_ARTICLE_RPS | $PGN_ARTICLE_P99 | $PGN_ARTICLE_ERR |"
  md ""
  md "Through nginx with \`deploy/nginx/timelines.conf\` (64 connections, page cache on; nginx, the app servers and wrk share this machine's $(nproc) cores):"
  md ""
  md "| Page | App servers | req/s | p50 ms | p99 ms | Errors |"
  md "|---|---:|---:|---:|---:|---|"
  local servers page
  for page in home article; do
    for servers in 1 2; do
      md "| $page | $servers | ${PX_RPS[$servers.$page]} | ${PX_P50[$servers.$page]} | ${PX_P99[$servers.$page]} | ${PX_ERR[$servers.$page]} |"
    done
  done
  if [[ -n "${PGS_COPY_S:-}" ]]; then
    md ""
    md "At $ARTICLES articles (step 3's database copied by \`timelines copy-store\` in $PGS_COPY_S s; $PGS_DB_MB MB on PostgreSQL):"
    md ""
    md "| Measure | SQLite | PostgreSQL |"
    md "|---|---:|---:|"
    if [[ "$PGS_SB" == ok ]]; then
      md "| Search p50, server-side (ms) | ${SB_P50:-n/a} | $PGS_SB_P50 |"
      md "| Search p99, server-side (ms) | ${SB_P99:-n/a} | $PGS_SB_P99 |"
      md "| Search max, server-side (ms) | ${SB_MAX:-n/a} | $PGS_SB_MAX |"
    fi
    md "| Home req/s, page cache off | ${SCALE_NOCACHE_HOME_RPS:-n/a} | $PGS_NOCACHE_HOME_RPS |"
    md "| Article req/s, page cache off | ${SCALE_NOCACHE_ARTICLE_RPS:-n/a} | $PGS_NOCACHE_ARTICLE_RPS |"
    if [[ "$PGS_SB" == ok ]]; then
      md ""
      md "Slowest queries on PostgreSQL (median of the rounds): $PGS_SLOWEST"
    fi
  fi
  local ratio ok
  ratio="$(awk -v a="$PGC_ARTICLE_RPS" -v b="${S_RPS[article.16]:-0}" 'BEGIN { if (b > 0) printf "%.1f", 100 * a / b; else print "n/a" }')"
  ok="$(ge "$ratio" 50)"
  budget "Article req/s >= 50% of static at 16 connections, on PostgreSQL" "$ratio%" ">= 50%" "$ok"
  ok=0
  [[ "${PX_ERR[2.article]}" == none && "${PX_ERR[2.home]}" == none ]] && ok=1
  budget "Two app servers behind nginx: no failed request" "${PX_ERR[2.article]} (article), ${PX_ERR[2.home]} (home)" "none" "$ok"
}
