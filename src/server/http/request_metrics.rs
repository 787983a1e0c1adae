//! Counts and times every request for `/metrics` (`server/metrics.rs`): by method, the route
//! pattern the router matched (never the path, whose values are unbounded) and status, and how
//! the page cache answered (its `X-Cache`). Runs inside the router's routing, so the matched
//! pattern is known; outermost but for the request id and log, so refusals are counted too. A
//! request whose client left before its answer is counted with status 499.

use crate::server::metrics::{HTTP_DURATION, HTTP_REQUESTS, PAGE_CACHE_ANSWERS};
use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// The label of a request's route: its pattern, or `unmatched` (static files, 404s).
pub fn route_of(req: &Request) -> String {
    req.extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string())
}

/// The label of a method: the standard ones by name, any other as `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// The status counted for a request whose client went away before its answer (the handler
/// was dropped unfinished): nginx's "client closed request".
const CLIENT_LEFT: &str = "499";

/// A request being counted: counted when its answer is ready ([`Counting::answered`]), or, if
/// it is dropped before (the client closed the connection), as [`CLIENT_LEFT`].
struct Counting {
    started: Instant,
    method: &'static str,
    /// Taken when counted.
    route: Option<String>,
    /// The request's log span (`request_log.rs`), for the line of a request whose client left:
    /// the log layer writes its own lines only for answers.
    span: tracing::Span,
}

impl Counting {
    fn record(&mut self, status: String) {
        let Some(route) = self.route.take() else {
            return;
        };
        let method = self.method;
        metrics::histogram!(HTTP_DURATION, "method" => method, "route" => route.clone())
            .record(self.started.elapsed());
        metrics::counter!(HTTP_REQUESTS, "method" => method, "route" => route, "status" => status)
            .increment(1);
    }

    fn answered(mut self, res: &Response) {
        self.record(res.status().as_u16().to_string());
    }
}

impl Drop for Counting {
    fn drop(&mut self) {
        if self.route.is_some() {
            let _in_request = self.span.enter();
            super::request_log::client_left(self.started.elapsed());
        }
        self.record(CLIENT_LEFT.to_string());
    }
}

pub async fn count(req: Request, next: Next) -> Response {
    let counting = Counting {
        started: Instant::now(),
        method: method_label(req.method()),
        route: Some(route_of(&req)),
        span: tracing::Span::current(),
    };
    let res = next.run(req).await;
    counting.answered(&res);
    let cache = res.headers().get("x-cache").map(|v| v.as_bytes());
    let outcome = match cache {
        Some(b"hit") => Some("hit"),
        Some(b"stale") => Some("stale"),
        Some(b"miss") => Some("miss"),
        _ => None,
    };
    if let Some(outcome) = outcome {
        metrics::counter!(PAGE_CACHE_ANSWERS, "outcome" => outcome).increment(1);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unusual_methods_share_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(
            method_label(&Method::from_bytes(b"PURGE").unwrap()),
            "other"
        );
    }
}
