//! Prometheus metrics: what the portal counts and times, through the `metrics` facade, kept by
//! `metrics-exporter-prometheus`'s recorder and written out for a scrape by [`scrape`]. The
//! scrape is served on its own address (`server.metrics_address`, `http/metrics_endpoint.rs`),
//! never on the site's.
//!
//! Every series is per server (a process counts what it did): sum them across servers. Labels
//! take a bounded set of values only (route patterns, never paths; status codes; fixed words),
//! so a crawler's millions of addresses cannot grow the scrape.

use crate::server::AppState;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Duration;

/// Requests answered, by `method`, `route` (the pattern the router matched, `unmatched` for
/// static files and 404s) and `status`.
pub const HTTP_REQUESTS: &str = "timelines_http_requests_total";
/// Time from a request's arrival to its answer's headers, by `method` and `route`.
pub const HTTP_DURATION: &str = "timelines_http_request_duration_seconds";
/// How the page cache answered (`outcome`: hit, stale, miss).
pub const PAGE_CACHE_ANSWERS: &str = "timelines_page_cache_answers_total";
/// Bytes of pages the page cache holds (bodies, keys and bookkeeping).
pub const PAGE_CACHE_BYTES: &str = "timelines_page_cache_bytes";
/// Pages the page cache holds.
pub const PAGE_CACHE_ENTRIES: &str = "timelines_page_cache_entries";
/// Database connections by `pool` (primary, replica) and `state` (in_use, idle).
pub const DB_CONNECTIONS: &str = "timelines_db_pool_connections";
/// The most connections each `pool` opens.
pub const DB_CONNECTIONS_MAX: &str = "timelines_db_pool_connections_max";
/// Time the store took to answer a search, by `kind` (page: the search page and the JSON API;
/// suggest: the search overlay's suggestions).
pub const SEARCH_DURATION: &str = "timelines_search_duration_seconds";
/// Articles saved from the editor with a publishing action (`action`: published, scheduled,
/// updated, unpublished).
pub const ARTICLE_ACTIONS: &str = "timelines_newsroom_article_actions_total";
/// Times the schedule woke this server because a scheduled article's time came (articles due
/// in the same second wake it once; each server counts its own wake-ups).
pub const SCHEDULED_LIVE: &str = "timelines_schedule_wakeups_total";
/// Mail from the outbox, by `kind` and `outcome` (sent; retry: failed, to be tried again;
/// failed: given up; skipped: not needed any more).
pub const MAIL: &str = "timelines_mail_messages_total";
/// Panics: in a request's handler (answered 500) or a task of the server's; each is logged.
pub const PANICS: &str = "timelines_panics_total";

/// Bucket bounds of every `_seconds` histogram: a page-cache hit is well under a millisecond,
/// a search at 100,000 articles tens of milliseconds, a slow render or a sign-in (argon2)
/// hundreds.
const SECONDS_BUCKETS: [f64; 14] = [
    0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Histogram samples wait in the recorder until upkeep folds them into the buckets: this often,
/// scraped or not, so an unscraped server's memory stays flat.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

static RECORDER: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the recorder for this process (once; later calls return the same handle). `None`
/// when another recorder was installed first: metrics are then not kept, and the server says
/// so in its log and on `/metrics`.
pub fn install() -> Option<&'static PrometheusHandle> {
    RECORDER
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), &SECONDS_BUCKETS)
                .map(PrometheusBuilder::build_recorder);
            let recorder = match recorder {
                Ok(r) => r,
                Err(e) => {
                    tracing::error!(error = %e, "metrics: the recorder could not be built");
                    return None;
                }
            };
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::error!("metrics: another recorder was installed first; none are kept");
                return None;
            }
            describe();
            let upkeep = handle.clone();
            let started = std::thread::Builder::new()
                .name("metrics-upkeep".into())
                .spawn(move || loop {
                    std::thread::sleep(UPKEEP_EVERY);
                    upkeep.run_upkeep();
                });
            if let Err(e) = started {
                tracing::warn!(error = %e, "metrics: no upkeep thread; scrapes do the upkeep");
            }
            Some(handle)
        })
        .as_ref()
}

/// The `# HELP` lines.
fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!(
        HTTP_REQUESTS,
        "Requests answered, by method, route pattern and status."
    );
    describe_histogram!(
        HTTP_DURATION,
        Unit::Seconds,
        "Time from a request's arrival to its answer's headers, by method and route pattern."
    );
    describe_counter!(
        PAGE_CACHE_ANSWERS,
        "Pages answered through the page cache, by outcome (hit, stale, miss)."
    );
    describe_gauge!(PAGE_CACHE_BYTES, Unit::Bytes, "Bytes the page cache holds.");
    describe_gauge!(PAGE_CACHE_ENTRIES, "Pages the page cache holds.");
    describe_gauge!(
        DB_CONNECTIONS,
        "Database connections by pool (primary, replica) and state (in_use, idle)."
    );
    describe_gauge!(DB_CONNECTIONS_MAX, "The most connections each pool opens.");
    describe_histogram!(
        SEARCH_DURATION,
        Unit::Seconds,
        "Time the store took to answer a search, by kind (page, suggest)."
    );
    describe_counter!(
        ARTICLE_ACTIONS,
        "Articles saved from the editor with a publishing action, by action."
    );
    describe_counter!(
        SCHEDULED_LIVE,
        "Times a scheduled article's time came while this server ran (one a second at most)."
    );
    describe_counter!(
        MAIL,
        "Mail from the outbox by kind and outcome (sent, retry, failed, skipped)."
    );
    describe_counter!(
        PANICS,
        "Panics in a request's handler (answered 500) or a server task."
    );
}

/// The exposition text for a scrape: the gauges read now (page cache, connection pools), then
/// everything counted since the process started.
pub fn scrape(state: &AppState) -> Option<String> {
    let handle = install()?;
    metrics::gauge!(PAGE_CACHE_ENTRIES).set(state.pages.entry_count() as f64);
    metrics::gauge!(PAGE_CACHE_BYTES).set(state.pages.weighed_bytes() as f64);
    let pools = std::iter::once(("primary", Some(state.store.pool_use())))
        .chain(std::iter::once(("replica", state.read.replica_pool_use())));
    for (pool, usage) in pools {
        let Some(usage) = usage else { continue };
        let in_use = usage.open.saturating_sub(usage.idle);
        metrics::gauge!(DB_CONNECTIONS, "pool" => pool, "state" => "in_use").set(in_use as f64);
        metrics::gauge!(DB_CONNECTIONS, "pool" => pool, "state" => "idle").set(usage.idle as f64);
        metrics::gauge!(DB_CONNECTIONS_MAX, "pool" => pool).set(usage.max as f64);
    }
    handle.run_upkeep();
    Some(handle.render())
}

/// Times `work` into the `SEARCH_DURATION` histogram under `kind`.
pub async fn time_search<T>(kind: &'static str, work: impl std::future::Future<Output = T>) -> T {
    let started = std::time::Instant::now();
    let out = work.await;
    metrics::histogram!(SEARCH_DURATION, "kind" => kind).record(started.elapsed());
    out
}
