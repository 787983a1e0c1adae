#![cfg(feature = "ssr")]
//! Reader pages from a PostgreSQL read replica (`server.database_read_url`, issue 16), against a
//! real streaming replica (`PG_REPLICA=1 scripts/with-postgres.sh`, which `make test` runs these
//! tests in): pages read the replica; a change shows at once even while the replica lags (the
//! page waits a moment for it, then reads the primary); a replica that does not answer leaves
//! pages on the primary. The test names start with `replica_`: the other passes skip them.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{desk, get, saved_id, submit};
use common::{app_with, postgres, TestApp};
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use std::time::{Duration, Instant};
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

/// A server on a new database on the primary that reads reader pages from the replica, and
/// a superuser pool on the replica's copy of that database.
async fn server_with_replica() -> (TestApp, PgPool) {
    let primary = postgres::fresh_database().await;
    let replica = on_replica(&primary);
    let app = app_with(|c| {
        c.server.database_url = primary;
        c.server.database_read_url = replica.clone();
    })
    .await;
    let pool = replica_pool(&replica).await;
    (app, pool)
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
async fn replica_reader_pages_are_read_from_the_replica() {
    let (app, replica) = server_with_replica().await;
    let home = get(&app, "/", None).await;
    assert_eq!(home.status, StatusCode::OK);
    // The demo's front page is on it: read by the replica's connections, not only the check
    // of how far it has replayed.
    let statements = replica_statements(&replica).await;
    assert!(
        statements.iter().any(|q| q.contains("articles")),
        "no reader query ran on the replica: {statements:?}"
    );
    let search = get(&app, "/search?q=harbour", None).await;
    assert_eq!(search.status, StatusCode::OK);
    let feed = get(&app, "/feed", None).await;
    assert_eq!(feed.status, StatusCode::OK);
}

#[tokio::test]
async fn replica_a_change_shows_at_once_though_the_replica_lags() {
    let (app, replica) = server_with_replica().await;
    let title = "Harbour cranes return to Port Elan";
    assert!(!get(&app, "/", None).await.body.contains(title));
    // The replica receives the primary's writes but replays none of them from now on.
    sqlx::query("SELECT pg_wal_replay_pause()")
        .execute(&replica)
        .await
        .unwrap();

    let ana = desk(&app, "ana@example.com", Role::Author).await;
    let id = saved_id(&submit(&app, &ana, "/newsroom/articles", "publish", &[]).await);
    let path = common::newsroom::public_path(&app, id).await.unwrap();

    let start = Instant::now();
    let home = get(&app, "/", None).await;
    let took = start.elapsed();
    home.assert_has(title);
    assert!(
        !replica_has(&replica, title).await,
        "the replica replayed it though paused"
    );
    // The page waited for the replica (one second at most), then read the primary.
    assert!(took < Duration::from_secs(3), "the home page took {took:?}");
    get(&app, &path, None).await.assert_has(title);
    get(&app, "/search?q=cranes", None).await.assert_has(title);

    // Replaying again: the replica catches up, and pages keep showing the article.
    sqlx::query("SELECT pg_wal_replay_resume()")
        .execute(&replica)
        .await
        .unwrap();
    let start = Instant::now();
    while !replica_has(&replica, title).await {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the replica did not catch up"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // After the moment on the primary (two seconds), reader pages read the replica again.
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let category = get(&app, "/category/world", None).await;
    assert_eq!(category.status, StatusCode::OK);
    get(&app, &path, None).await.assert_has(title);
}

#[tokio::test]
async fn replica_that_does_not_answer_leaves_pages_on_the_primary() {
    let primary = postgres::fresh_database().await;
    // Nothing listens on port 1.
    let (_, name) = primary.rsplit_once('/').unwrap();
    let gone = format!("postgres://postgres@127.0.0.1:1/{name}");
    let app = app_with(|c| {
        c.server.database_url = primary;
        c.server.database_read_url = gone;
    })
    .await;
    let start = Instant::now();
    let home = get(&app, "/", None).await;
    assert_eq!(home.status, StatusCode::OK, "{}", home.body);
    assert!(start.elapsed() < Duration::from_secs(3));
    let search = get(&app, "/search?q=harbour", None).await;
    assert_eq!(search.status, StatusCode::OK);
    assert_eq!(get(&app, "/feed", None).await.status, StatusCode::OK);
}
