#![cfg(feature = "ssr")]
//! Prometheus metrics over real HTTP: the scrape endpoint on its own address, in the
//! exposition format, counting what readers and the newsroom did (requests by route pattern
//! and status, the page cache's answers and size, searches, publishing) beside the connection
//! pools; and nothing of it on the site's own address.
//!
//! The recorder is one per process and the tests of a binary run at once, so everything is in
//! one test, which reads how each series moved between two scrapes.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::metrics::value;
use common::newsroom::{desk, form, public_path, saved_id, submit};
use common::raw_http::{self, exchange, limits, RawResponse};
use common::PUBLIC_URL;
use std::net::SocketAddr;
use timelines::server::http::{metrics_endpoint, router};
use timelines::server::newsroom::Role;
use timelines::server::store::db::Backend;

async fn get(addr: SocketAddr, path: &str) -> RawResponse {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    exchange(
        &mut stream,
        &format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"),
    )
    .await
}

#[tokio::test]
async fn a_scrape_counts_what_readers_and_editors_did_and_the_site_never_serves_it() {
    let app = common::app().await;
    let site = raw_http::serve(router(app.state.clone()), limits(15.0)).await;
    let metrics = metrics_endpoint::listen(app.state.clone(), "127.0.0.1:0")
        .await
        .expect("the metrics address");

    let before = get(metrics, "/metrics").await;
    assert_eq!(before.status(), 200, "{}", before.body);
    assert_eq!(
        before.header("content-type"),
        Some("text/plain; version=0.0.4; charset=utf-8")
    );
    assert_eq!(before.header("cache-control"), Some("no-store"));
    let before = before.body;

    // A reader: a category page twice (rendered, then from the cache), a page that is not
    // there, a search, the overlay's suggestions; the site has no /metrics.
    assert_eq!(get(site.addr, "/category/world").await.status(), 200);
    let again = get(site.addr, "/category/world").await;
    assert_eq!(again.header("x-cache"), Some("hit"));
    assert_eq!(get(site.addr, "/no-such-page").await.status(), 404);
    assert_eq!(get(site.addr, "/search?q=harbour").await.status(), 200);
    assert_eq!(get(site.addr, "/api/suggest?q=harb").await.status(), 200);
    let public = get(site.addr, "/metrics").await;
    assert_eq!(public.status(), 404);
    assert!(!public.body.contains("timelines_http_requests_total"));

    // An editor publishes an article and a reader opens it.
    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "publish", &[]).await);
    let path = public_path(&app, id).await.expect("published");
    assert_eq!(get(site.addr, &path).await.status(), 200);

    let after = get(metrics, "/metrics").await.body;
    let moved = |name: &str, labels: &[(&str, &str)]| {
        value(&after, name, labels) - value(&before, name, labels)
    };
    let requests = "timelines_http_requests_total";
    // Route patterns, never paths.
    let category = [
        ("method", "GET"),
        ("route", "/category/{*path}"),
        ("status", "200"),
    ];
    assert_eq!(moved(requests, &category), 2.0, "{after}");
    assert_eq!(
        moved(requests, &[("route", "/{slug}"), ("status", "404")]),
        2.0,
        "/no-such-page and /metrics: {after}"
    );
    let article = [("route", "/{year}/{month}/{day}/{slug}"), ("status", "200")];
    assert_eq!(moved(requests, &article), 1.0, "{after}");
    assert!(
        !after.contains("/category/world"),
        "a path became a label: {after}"
    );
    assert!(!after.contains(&path), "a path became a label: {after}");
    assert_eq!(
        moved(
            "timelines_http_request_duration_seconds_count",
            &[("route", "/category/{*path}")]
        ),
        2.0
    );
    assert!(after.contains("timelines_http_request_duration_seconds_bucket{"));
    assert!(after.contains("# TYPE timelines_http_request_duration_seconds histogram"));

    // The page cache: at least this test's hit and misses (other pages render meanwhile), and
    // what it holds.
    let answers = "timelines_page_cache_answers_total";
    assert!(moved(answers, &[("outcome", "hit")]) >= 1.0, "{after}");
    assert!(moved(answers, &[("outcome", "miss")]) >= 3.0, "{after}");
    assert!(value(&after, "timelines_page_cache_entries", &[]) >= 1.0);
    assert!(value(&after, "timelines_page_cache_bytes", &[]) > 1_000.0);

    // Searches, by kind.
    let searches = "timelines_search_duration_seconds_count";
    assert_eq!(moved(searches, &[("kind", "page")]), 1.0, "{after}");
    assert_eq!(moved(searches, &[("kind", "suggest")]), 1.0, "{after}");

    // Publishing.
    let actions = "timelines_newsroom_article_actions_total";
    assert_eq!(moved(actions, &[("action", "published")]), 1.0, "{after}");

    // The connection pool (SQLite: eight at most; PostgreSQL: sixteen).
    let most = match app.state.store.backend() {
        Backend::Sqlite => 8.0,
        Backend::Postgres => 16.0,
    };
    let pool = "timelines_db_pool_connections_max";
    assert_eq!(value(&after, pool, &[("pool", "primary")]), most, "{after}");
    let open = value(
        &after,
        "timelines_db_pool_connections",
        &[("pool", "primary")],
    );
    assert!((1.0..=most).contains(&open), "{after}");
    assert_eq!(
        value(&after, pool, &[("pool", "replica")]),
        0.0,
        "no replica"
    );
    assert!(after.contains("# HELP timelines_http_requests_total "));

    // Nothing else is served there.
    assert_eq!(get(metrics, "/").await.status(), 404);

    // A client that leaves before its answer: a publish waiting for a database another program
    // has locked, its connection closed meanwhile. Counted as 499, not lost.
    let left = [
        ("method", "POST"),
        ("route", "/newsroom/articles"),
        ("status", "499"),
    ];
    let before = get(metrics, "/metrics").await.body;
    let locked = common::WritesLocked::take(&app).await;
    let world = common::newsroom::category(&app, "world").await;
    let body = form(&[
        ("csrf", &ana.csrf),
        ("category", &world),
        ("action", "publish"),
        ("title", "Ferries wait out the storm"),
        ("body", "The harbour stays shut."),
        ("lang", "en"),
    ]);
    let mut stream = tokio::net::TcpStream::connect(site.addr).await.unwrap();
    raw_http::send(
        &mut stream,
        format!(
            "POST /newsroom/articles HTTP/1.1\r\nHost: t\r\nOrigin: {PUBLIC_URL}\r\n\
             Sec-Fetch-Site: same-origin\r\nCookie: {}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            ana.cookie,
            body.len()
        )
        .as_bytes(),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    drop(stream);
    let mut counted = 0.0;
    for _ in 0..50 {
        let now = get(metrics, "/metrics").await.body;
        counted = value(&now, requests, &left) - value(&before, requests, &left);
        if counted > 0.0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    locked.release().await;
    assert_eq!(counted, 1.0, "the publish its client left");
}
