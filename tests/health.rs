#![cfg(feature = "ssr")]
//! `/healthz` and `/readyz` over the real router: the process answering, and whether it should
//! be sent readers (not shutting down, the database answering with its migrations applied).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::app;
use std::sync::atomic::Ordering;

#[tokio::test]
async fn readiness_says_what_is_wrong_and_health_only_that_the_process_answers() {
    let app = app().await;
    let health = app.get("/healthz").await;
    assert_eq!((health.status.as_u16(), health.body.as_str()), (200, "ok"));
    assert_eq!(health.headers["cache-control"], "no-store");

    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, 200);
    assert_eq!(ready.body, r#"{"ready":true}"#);
    assert_eq!(ready.headers["cache-control"], "no-store");

    // Told to stop: no new readers, please.
    app.state.shutting_down.store(true, Ordering::Release);
    let stopping = app.get("/readyz").await;
    assert_eq!(stopping.status, 503);
    stopping.assert_has("shutting down");
    assert_eq!(stopping.headers["retry-after"], "5");
    app.state.shutting_down.store(false, Ordering::Release);
    assert_eq!(app.get("/readyz").await.status, 200);

    // The database gone: not ready, but the process still answers.
    app.state.store.pool().close().await;
    let gone = app.get("/readyz").await;
    assert_eq!(gone.status, 503);
    gone.assert_has("database unavailable");
    assert_eq!(app.get("/healthz").await.status, 200);
}
