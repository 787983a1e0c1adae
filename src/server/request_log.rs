//! One log line per request: method, path, status, latency and how the page cache answered
//! (`X-Cache`: hit, stale, miss; `-` for what it does not keep). Built on tower-http's
//! `TraceLayer`, logged at `info` under the `timelines::request` target, so
//! `RUST_LOG=timelines::request=off` silences it. The query string is left out: it holds what
//! readers search for.

use axum::body::Body;
use axum::http::{Request, Response};
use std::time::Duration;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::TraceLayer;
use tracing::Span;

/// The layer, outermost in the router so that every answer is logged, refusals included.
pub fn layer() -> TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    impl Fn(&Request<Body>) -> Span + Clone,
    (),
    impl Fn(&Response<Body>, Duration, &Span) + Clone,
    (),
    (),
    (),
> {
    TraceLayer::new_for_http()
        .make_span_with(|req: &Request<Body>| {
            tracing::info_span!(
                target: "timelines::request",
                "request",
                method = %req.method(),
                path = %req.uri().path(),
            )
        })
        .on_request(())
        .on_response(|res: &Response<Body>, latency: Duration, _span: &Span| {
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
        })
        // A 5xx is already in the line above; the default would log it a second time.
        .on_failure(())
        .on_body_chunk(())
        .on_eos(())
}
