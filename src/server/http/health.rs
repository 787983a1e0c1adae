//! `/healthz`: the process answers (no database asked, so a slow disk never gets a live server
//! restarted). `/readyz`: the server should be sent readers: not shutting down, the database
//! answering within a second with every migration applied; otherwise 503 naming what is wrong,
//! with `Retry-After`. Neither is ever cached.

use crate::server::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::atomic::Ordering;
use std::time::Duration;

const NO_STORE: (header::HeaderName, &str) = (header::CACHE_CONTROL, "no-store");

pub async fn healthz() -> Response {
    (StatusCode::OK, [NO_STORE], "ok").into_response()
}

pub async fn readyz(State(state): State<AppState>) -> Response {
    let mut problems = Vec::new();
    if state.shutting_down.load(Ordering::Acquire) {
        problems.push("shutting down".to_string());
    } else {
        match state.store.ready(Duration::from_secs(1)).await {
            Ok(true) => {}
            Ok(false) => problems.push("migrations not applied".to_string()),
            Err(e) => {
                tracing::warn!(error = %e, "readiness check: the database");
                problems.push("database unavailable".to_string());
            }
        }
    }
    if problems.is_empty() {
        let body = serde_json::json!({ "ready": true }).to_string();
        return (
            StatusCode::OK,
            [NO_STORE, (header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    let body = serde_json::json!({ "ready": false, "problems": problems }).to_string();
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            NO_STORE,
            (header::CONTENT_TYPE, "application/json"),
            (header::RETRY_AFTER, "5"),
        ],
        body,
    )
        .into_response()
}
