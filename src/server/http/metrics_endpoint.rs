//! The scrape endpoint, `GET /metrics`, on the address of its own that `server.metrics_address`
//! names (a private interface or one the firewall keeps to the monitoring host): nothing about
//! it is served on the site's address, where `/metrics` is an ordinary (missing) page.

use crate::server::{metrics, AppState};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;

/// The Prometheus text format's content type.
const EXPOSITION: &str = "text/plain; version=0.0.4; charset=utf-8";

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(scrape))
        .with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    match metrics::scrape(&state) {
        Some(text) => (
            [
                (header::CONTENT_TYPE, EXPOSITION),
                (header::CACHE_CONTROL, "no-store"),
            ],
            text,
        )
            .into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CACHE_CONTROL, "no-store")],
            "metrics are not kept: another recorder was installed first (see the log)",
        )
            .into_response(),
    }
}

/// Serves the scrape endpoint on `addr` until the process ends; returns the address bound (a
/// port of 0 gets one from the system).
pub async fn listen(state: AppState, addr: &str) -> Result<SocketAddr, String> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        format!("cannot listen for metrics on {addr} (server.metrics_address): {e}")
    })?;
    let bound = listener.local_addr().map_err(|e| e.to_string())?;
    tracing::info!("metrics at http://{bound}/metrics");
    let private = match bound.ip() {
        std::net::IpAddr::V4(ip) => ip.is_loopback() || ip.is_private(),
        std::net::IpAddr::V6(ip) => ip.is_loopback(),
    };
    if !private {
        tracing::warn!(
            "metrics are served on {bound}, which is not a loopback or private address: keep \
             it behind a firewall (server.metrics_address)"
        );
    }
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router(state)).await {
            tracing::error!(error = %e, "the metrics endpoint stopped");
        }
    });
    Ok(bound)
}
