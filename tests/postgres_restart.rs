#![cfg(feature = "ssr")]
//! PostgreSQL restarted under two running servers (issue 16): while it is down the pages the
//! servers keep are still served; when it is back they reconnect by themselves, writes work,
//! and a write through one server reaches the other's kept pages again. Alone in its file: the
//! test stops the one test cluster that `scripts/with-postgres.sh` started, and cargo runs test
//! files one after another.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::newsroom::{csrf, get, saved_id, sign_in, submit, Desk, PASSWORD};
use common::{app_with, postgres, TestApp};
use std::time::{Duration, Instant};
use timelines::server::newsroom::Role;

/// Stops or starts the test cluster (`scripts/with-postgres.sh`'s `ctl`).
fn cluster(action: &str) {
    let ctl = std::env::var("TIMELINES_TEST_PG_CTL")
        .expect("TIMELINES_TEST_PG_CTL: run the tests under scripts/with-postgres.sh");
    let status = std::process::Command::new(ctl)
        .arg(action)
        .status()
        .unwrap();
    assert!(status.success(), "{action} the test cluster: {status}");
}

async fn kept_pages_answer(app: &TestApp, paths: &[&str]) {
    for path in paths {
        let page = get(app, path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        assert_ne!(page.headers["x-cache"], "miss", "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_servers_ride_out_a_database_restart_and_reconnect_by_themselves() {
    let url = postgres::fresh_database().await;
    let one = app_with(|c| c.server.database_url = url.clone()).await;
    let two = app_with(|c| c.server.database_url = url).await;
    let paths = ["/", "/category/world"];
    for app in [&one, &two] {
        for path in paths {
            get(app, path, None).await;
        }
        kept_pages_answer(app, &paths).await;
    }

    cluster("stop");
    // Down: what each server keeps is still served; a page never kept gets the 503 page with
    // Retry-After, not a panic and not a hang.
    for app in [&one, &two] {
        kept_pages_answer(app, &paths).await;
        let unkept = tokio::time::timeout(Duration::from_secs(20), get(app, "/tag/no-such", None))
            .await
            .expect("an answer while the database is down");
        assert_eq!(
            unkept.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            unkept.body
        );
        assert_eq!(unkept.headers["retry-after"], "30");
        unkept.assert_has("Temporarily unavailable");
        let feed = get(app, "/tag/no-such/feed", None).await;
        assert_eq!(
            feed.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{}",
            feed.body
        );
        assert_eq!(feed.headers["retry-after"], "30");
    }
    cluster("start");

    // Back: a write through the first server works (its pool reconnects), and the second
    // server, listening again, shows it within seconds.
    let start = Instant::now();
    loop {
        let made = timelines::server::newsroom::users::add(
            &one.state.store,
            "ana@example.com",
            "Ana",
            Role::Author,
            PASSWORD,
        )
        .await;
        if made.is_ok() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "{made:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let cookie = sign_in(&one, "ana@example.com", PASSWORD).await;
    let desk = Desk {
        csrf: csrf(&one, &cookie).await,
        cookie,
    };
    saved_id(&submit(&one, &desk, "/newsroom/articles", "publish", &[]).await);
    let title = "Harbour cranes return to Port Elan";
    let start = Instant::now();
    while !get(&two, "/", None).await.body.contains(title) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the second server still keeps its old home page"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
