//! One log line per request: method, route (the pattern the router matched, `unmatched` for
//! static files and 404s), path, status, latency, how the page cache answered
//! (`X-Cache`: hit, stale, miss; `-` for what it does not keep) and the request's id
//! (`X-Request-Id`, `request_id.rs`). Built on tower-http's
//! `TraceLayer`, logged at `info` under the `timelines::request` target, so
//! `RUST_LOG=timelines::request=off` silences it. The query string is left out: it holds what
//! readers search for. A request whose client left before the answer gets its line too, with
//! status 499.

use axum::body::Body;
use axum::http::{Request, Response};
use std::time::Duration;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::TraceLayer;
use tracing::Span;

/// The request log as a tower layer (see [`layer`]).
pub type RequestLog = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request<Body>) -> Span,
    (),
    fn(&Response<Body>, Duration, &Span),
    (),
    (),
    (),
>;

/// The layer, outermost in the router so that every answer is logged, refusals included.
pub fn layer() -> RequestLog {
    TraceLayer::new_for_http()
        .make_span_with(request_span as fn(&Request<Body>) -> Span)
        .on_request(())
        .on_response(log_response as fn(&Response<Body>, Duration, &Span))
        // A 5xx is already in the line above; the default would log it a second time.
        .on_failure(())
        .on_body_chunk(())
        .on_eos(())
}

/// The path as logged: a preview link's token (a secret that opens a draft) left out.
fn logged_path(path: &str) -> &str {
    if path.starts_with("/preview/") {
        "/preview/…"
    } else {
        path
    }
}

fn request_span(req: &Request<Body>) -> Span {
    tracing::info_span!(
        target: "timelines::request",
        "request",
        method = %req.method(),
        route = %super::request_metrics::route_of(req),
        path = %logged_path(req.uri().path()),
        request_id = %req
            .headers()
            .get(&super::request_id::X_REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-"),
    )
}

/// The line of a request whose client went away before its answer (written by
/// `request_metrics.rs`, which sees the request dropped), with nginx's status for it.
pub fn client_left(latency: Duration) {
    tracing::info!(
        target: "timelines::request",
        status = 499,
        latency_ms = format_args!("{:.1}", latency.as_secs_f64() * 1_000.0),
        cache = "-",
    );
}

fn log_response(res: &Response<Body>, latency: Duration, _span: &Span) {
    let cache = res
        .headers()
        .get("x-cache")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info!(
        target: "timelines::request",
        status = res.status().as_u16(),
        latency_ms = format_args!("{:.1}", latency.as_secs_f64() * 1_000.0),
        cache = %cache,
    );
}
