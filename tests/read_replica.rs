#![cfg(feature = "ssr")]
//! Reader pages from a PostgreSQL read replica (`server.database_read_url`, issue 16), against a
//! real streaming replica (`PG_REPLICA=1 scripts/with-postgres.sh`, which `make test` runs these
//! tests in): pages read the replica once it is known current; a change shows at once even
//! while the replica lags (pages read the primary until it has replayed the change); a replica
//! that does not answer, or cuts the connections pages are reading on, leaves pages on the
//! primary, without waiting or failing. The test names start
//! with `with_replica_`: the other passes skip them (`--skip with_replica_`).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, get, saved_id, submit};
use common::{app_with, postgres, TestApp};
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::time::{Duration, Instant};
use timelines::server::config::Config;
use timelines::server::newsroom::Role;

/// The test cluster's streaming replica (a superuser connection to its `postgres` database).
fn replica_server_url() -> String {
    std::env::var("TIMELINES_TEST_POSTGRES_REPLICA").unwrap_or_else(|_| {
        panic!(
            "TIMELINES_TEST_POSTGRES_REPLICA is not set: run these tests with `make test`, or \
             with `PG_REPLICA=1 bash scripts/with-postgres.sh -- cargo test --features ssr \
             --test read_replica`"
        )
    })
}

/// `url` (a database on the primary) as the replica serves it.
fn on_replica(url: &str) -> String {
    let (_, name) = url.rsplit_once('/').unwrap();
    let server = replica_server_url();
    let (base, _) = server.rsplit_once('/').unwrap();
    format!("{base}/{name}")
}

/// A superuser pool on the replica, once it has replayed the database's creation.
async fn replica_pool(url: &str) -> PgPool {
    let start = Instant::now();
    loop {
        match PgPoolOptions::new().max_connections(1).connect(url).await {
            Ok(pool) => return pool,
            Err(e) if start.elapsed() < Duration::from_secs(10) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("the replica does not serve {url}: {e}"),
        }
    }
}

/// One test at a time: pausing replay pauses the whole replica, under every test's database.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A server on a new database on the primary that reads reader pages from the replica (with
/// `edit` to the configuration), and a superuser pool on the replica's copy of that database.
async fn server_with_replica(edit: impl FnOnce(&mut Config)) -> (TestApp, PgPool) {
    let primary = postgres::fresh_database().await;
    let replica = on_replica(&primary);
    let app = app_with(|c| {
        c.server.database_url = primary;
        c.server.database_read_url = replica.clone();
        edit(c);
    })
    .await;
    let pool = replica_pool(&replica).await;
    (app, pool)
}

/// The replica's clock now, as text (to compare statements' start times with).
async fn replica_now(pool: &PgPool) -> String {
    sqlx::query_scalar("SELECT CAST(clock_timestamp() AS TEXT)")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Whether a connection to this database on the replica, other than the asking one, ran a
/// statement holding `needle` since `since` (the statement's text, not its values).
async fn replica_ran(pool: &PgPool, needle: &str, since: &str) -> bool {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid() \
         AND strpos(query, $1) > 0 AND query_start > CAST($2 AS timestamptz)",
    )
    .bind(needle)
    .bind(since)
    .fetch_one(pool)
    .await
    .unwrap()
        > 0
}

/// How often the replica has read the search index (its own count of scans of
/// `article_search`; a search's statement is not the last its connection runs, its
/// transaction's COMMIT is, so `replica_ran` cannot see it).
async fn replica_search_scans(pool: &PgPool) -> i64 {
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(idx_scan, 0) + COALESCE(seq_scan, 0) AS BIGINT) \
         FROM pg_stat_user_tables WHERE relname = 'article_search'",
    )
    .fetch_optional(pool)
    .await
    .unwrap()
    .unwrap_or(0)
}

/// Searches (a new query each time, so the page cache cannot answer) until one runs on the
/// replica; fails after five seconds.
async fn searches_reach_the_replica(app: &TestApp, pool: &PgPool) {
    let before = replica_search_scans(pool).await;
    let start = Instant::now();
    for i in 0.. {
        let page = get(app, &format!("/search?q=harbour{i}"), None).await;
        assert_eq!(page.status, StatusCode::OK);
        if replica_search_scans(pool).await > before {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no search ran on the replica: {:?}",
            replica_statements(pool).await
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The last statement of each connection to this database on the replica, other than the
/// asking one.
async fn replica_statements(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT query FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

/// Whether the replica has replayed an article titled `title`.
async fn replica_has(pool: &PgPool, title: &str) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM articles WHERE title = $1")
        .bind(title)
        .fetch_one(pool)
        .await
        .unwrap()
        > 0
}

#[tokio::test]
async fn with_replica_reader_pages_are_read_from_the_replica() {
    let _serial = SERIAL.lock().await;
    let (app, replica) = server_with_replica(|c| c.http.page_cache_seconds = 0).await;
    let since = replica_now(&replica).await;
    assert_eq!(get(&app, "/", None).await.status, StatusCode::OK);
    // The first pages read the primary while the replica is checked; then they read it.
    searches_reach_the_replica(&app, &replica).await;
    // So do archives (the front page's rows are kept in memory between changes).
    let start = Instant::now();
    loop {
        let world = get(&app, "/category/world", None).await;
        assert_eq!(world.status, StatusCode::OK);
        if replica_ran(&replica, "FROM articles", &since).await {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "an archive never read the replica"
        );
    }
    assert_eq!(get(&app, "/feed", None).await.status, StatusCode::OK);
    assert_eq!(get(&app, "/sitemap.xml", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn with_replica_a_change_shows_at_once_though_the_replica_lags() {
    let _serial = SERIAL.lock().await;
    let (app, replica) = server_with_replica(|_| {}).await;
    let title = "Harbour cranes return to Port Elan";
    assert!(!get(&app, "/", None).await.body.contains(title));
    searches_reach_the_replica(&app, &replica).await;
    // The replica receives the primary's writes but replays none of them from now on.
    sqlx::query("SELECT pg_wal_replay_pause()")
        .execute(&replica)
        .await
        .unwrap();

    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "publish", &[]).await);
    let path = common::newsroom::public_path(&app, id).await.unwrap();
    let home = get(&app, "/", None).await;
    let article = get(&app, &path, None).await;
    let search = get(&app, "/search?q=cranes", None).await;
    let stale_replica = !replica_has(&replica, title).await;

    sqlx::query("SELECT pg_wal_replay_resume()")
        .execute(&replica)
        .await
        .unwrap();
    assert!(
        stale_replica,
        "the replica replayed the article though paused"
    );
    // Every page shows the article at once: the replica is not known to have it, so they
    // read the primary (and the page cache keeps what they show).
    home.assert_has(title);
    article.assert_has(title);
    search.assert_has(title);
    assert_eq!(get(&app, "/", None).await.headers["x-cache"], "hit");

    // Replaying again: the replica catches up, and pages read it again.
    let start = Instant::now();
    while !replica_has(&replica, title).await {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the replica did not catch up"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    searches_reach_the_replica(&app, &replica).await;
    get(&app, "/search?q=cranes+harbour", None)
        .await
        .assert_has(title);
}

#[tokio::test]
async fn with_replica_that_does_not_answer_leaves_pages_on_the_primary() {
    let _serial = SERIAL.lock().await;
    let primary = postgres::fresh_database().await;
    // Nothing listens on port 1.
    let (_, name) = primary.rsplit_once('/').unwrap();
    let gone = format!("postgres://postgres@127.0.0.1:1/{name}");
    let app = app_with(|c| {
        c.server.database_url = primary;
        c.server.database_read_url = gone;
        c.http.page_cache_seconds = 0;
    })
    .await;
    for _ in 0..20 {
        let start = Instant::now();
        let home = get(&app, "/", None).await;
        assert_eq!(home.status, StatusCode::OK, "{}", home.body);
        assert!(
            start.elapsed() < Duration::from_secs(2),
            "a page waited for the replica"
        );
        let search = get(&app, "/search?q=harbour", None).await;
        assert_eq!(search.status, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(get(&app, "/feed", None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn with_replica_whose_connections_are_cut_mid_read_pages_are_still_served() {
    let _serial = SERIAL.lock().await;
    let (app, pool) = server_with_replica(|c| c.http.page_cache_seconds = 0).await;
    searches_reach_the_replica(&app, &pool).await;
    // The replica cuts the server's connections again and again, as a replica restarting or a
    // network dropping would, while readers ask for pages that read there.
    let cutter = tokio::spawn(async move {
        let mut cut = 0;
        for _ in 0..100 {
            cut += sqlx::query_scalar::<_, i64>(
                // The others chosen first: in one WHERE, PostgreSQL may call the function
                // before it has left out this connection.
                "WITH others AS MATERIALIZED (SELECT pid FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid()) \
                 SELECT COUNT(*) FROM others WHERE pg_terminate_backend(pid)",
            )
            .fetch_one(&pool)
            .await
            .unwrap();
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        cut
    });
    let mut served = 0;
    while !cutter.is_finished() {
        for path in ["/", "/search?q=harbour", "/category/world", "/feed"] {
            let page = get(&app, path, None).await;
            assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
            served += 1;
        }
    }
    let cut = cutter.await.unwrap();
    assert!(
        cut > 0,
        "none of the server's connections to the replica was cut"
    );
    assert!(served > 0);
}
