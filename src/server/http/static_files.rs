//! What answers a path no route claims: a file from the site root (the built JS, wasm and CSS,
//! the favicon, the share image), or else the portal's 404 page inside its frame.
//!
//! tower-http's `ServeDir` is given the whole request, so files come with what HTTP offers for
//! them: `Range` (206, or 416 for a range the file does not hold), `Last-Modified` and
//! `If-Unmodified-Since`, and the `.br`/`.gz` siblings that `cargo leptos build --precompress`
//! writes when the reader accepts them. `ServeDir` keeps paths inside the site root (`..` and
//! absolute components are refused) and does not redirect directories here. It has no
//! entity tags, so this module adds:
//! - an `ETag` made of the file's modification time and size, as nginx makes it (strong: a file
//!   is not rewritten with the same size within the same second), marked with the
//!   content-coding of a precompressed sibling;
//! - `If-Range`: a range is served only of the representation the reader holds part of,
//!   otherwise the whole file (RFC 9110, 13.1.5).
//!
//! `If-None-Match` and `If-Modified-Since` are answered with 304 by `http::respond`, outside the
//! compression layer, where the response carries its final `ETag` (`ServeDir` is not given
//! `If-Modified-Since`: its 304 would lack the tag). `Cache-Control` and
//! `Vary: Accept-Encoding` are set there too, for every response marked as a static file.

use crate::server::http::router;
use crate::server::http::shell::shell;
use crate::server::http::{self, StaticFile};
use crate::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use std::time::{SystemTime, UNIX_EPOCH};
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// The router's fallback: the file at the request's path, or the 404 page.
pub async fn file_or_not_found(State(state): State<AppState>, req: Request) -> Response {
    let (parts, _body) = req.into_parts();
    match serve_file(&state.leptos_options.site_root, &parts).await {
        Some(res) => res,
        None => not_found_page(state, Request::from_parts(parts, Body::empty())).await,
    }
}

/// The portal's 404 page for `req`, rendered by Leptos inside the frame (the route table's
/// fallback sets the status; a page that would say 200 is answered with 404 all the same).
pub(super) async fn not_found_page(state: AppState, req: Request) -> Response {
    let render = leptos_axum::render_app_async_with_context(router::page_context(&state), {
        let state = state.clone();
        move || shell(&state)
    });
    let mut res = render(req).await;
    if res.status() == StatusCode::OK {
        *res.status_mut() = StatusCode::NOT_FOUND;
    }
    res
}

/// The answer about the file at the request's path, or `None` when there is no such file.
/// A file is only read (`http::respond` makes a `GET` of `HEAD`): other methods get 405.
pub(super) async fn serve_file(root: &str, req: &Parts) -> Option<Response> {
    if req.method != Method::GET {
        let mut probe = req.clone();
        probe.method = Method::HEAD;
        let exists = serve_dir(root, &probe, false).await.status() == StatusCode::OK;
        return exists.then(method_not_allowed);
    }
    let mut res = serve_dir(root, req, true).await;
    if !matches!(
        res.status(),
        StatusCode::OK
            | StatusCode::PARTIAL_CONTENT
            | StatusCode::RANGE_NOT_SATISFIABLE
            | StatusCode::PRECONDITION_FAILED
    ) {
        return None;
    }
    if range_of_another_representation(&req.headers, res.headers()) {
        res = serve_dir(root, req, false).await;
    }
    res.extensions_mut().insert(StaticFile);
    Some(res)
}

fn method_not_allowed() -> Response {
    let mut res = StatusCode::METHOD_NOT_ALLOWED.into_response();
    res.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET,HEAD"));
    res.extensions_mut().insert(StaticFile);
    res
}

/// `ServeDir`'s answer to the request (without its `Range` unless `with_range`), with an
/// `ETag`. `If-Modified-Since` is left to `http::respond`, `If-Range` to this module.
async fn serve_dir(root: &str, req: &Parts, with_range: bool) -> Response {
    let mut file_req = Request::new(Body::empty());
    *file_req.method_mut() = req.method.clone();
    *file_req.uri_mut() = req.uri.clone();
    *file_req.version_mut() = req.version;
    *file_req.headers_mut() = req.headers.clone();
    let headers = file_req.headers_mut();
    headers.remove(header::IF_MODIFIED_SINCE);
    headers.remove(header::IF_RANGE);
    if !with_range {
        headers.remove(header::RANGE);
    }
    let files = ServeDir::new(root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    let mut res = match files.oneshot(file_req).await {
        Ok(res) => res.map(Body::new),
        Err(never) => match never {},
    };
    if let Some(tag) = entity_tag(res.headers()) {
        res.headers_mut().insert(header::ETAG, tag);
    }
    res
}

/// `"<modification time>-<size>"` in hexadecimal, of the file (or precompressed sibling) sent,
/// marked with its content-coding as `http::respond` would (so that `If-Range` is compared
/// with the tag the reader was sent).
pub(super) fn entity_tag(headers: &HeaderMap) -> Option<HeaderValue> {
    let modified = last_modified(headers)?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_secs();
    let size = full_size(headers)?;
    let tag = http::conditional::coded_tag(&format!("\"{modified:x}-{size:x}\""), headers);
    HeaderValue::from_str(&tag).ok()
}

fn last_modified(headers: &HeaderMap) -> Option<SystemTime> {
    let value = headers.get(header::LAST_MODIFIED)?.to_str().ok()?;
    httpdate::parse_http_date(value).ok()
}

/// The size of the whole file: `Content-Range` names it in a partial answer (`bytes 0-9/1234`,
/// `bytes */1234`), `Content-Length` in a full one.
fn full_size(headers: &HeaderMap) -> Option<u64> {
    let text = |name: header::HeaderName| headers.get(name)?.to_str().ok();
    match text(header::CONTENT_RANGE) {
        Some(range) => range.rsplit_once('/')?.1.trim().parse().ok(),
        None => text(header::CONTENT_LENGTH)?.trim().parse().ok(),
    }
}

/// A range answer whose `If-Range` names another representation than the one at hand: an
/// entity tag that is not this one (compared strongly), or a date that is not exactly its
/// `Last-Modified`.
fn range_of_another_representation(req: &HeaderMap, res: &HeaderMap) -> bool {
    let Some(if_range) = req.get(header::IF_RANGE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if !req.contains_key(header::RANGE) {
        return false;
    }
    let if_range = if_range.trim();
    if if_range.starts_with('"') || if_range.starts_with("W/") {
        res.get(header::ETAG).and_then(|v| v.to_str().ok()) != Some(if_range)
    } else {
        let since = httpdate::parse_http_date(if_range).ok();
        since.is_none() || since != last_modified(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    const MODIFIED: &str = "Sun, 07 Apr 2024 09:30:00 GMT";

    #[test]
    fn the_tag_is_made_of_modification_time_and_whole_size() {
        let full = headers(&[
            (header::LAST_MODIFIED, MODIFIED),
            (header::CONTENT_LENGTH, "1234"),
        ]);
        assert_eq!(entity_tag(&full).unwrap(), "\"66126798-4d2\"");
        let part = headers(&[
            (header::LAST_MODIFIED, MODIFIED),
            (header::CONTENT_LENGTH, "10"),
            (header::CONTENT_RANGE, "bytes 0-9/1234"),
        ]);
        assert_eq!(entity_tag(&part).unwrap(), "\"66126798-4d2\"");
        let unsatisfiable = headers(&[
            (header::LAST_MODIFIED, MODIFIED),
            (header::CONTENT_RANGE, "bytes */1234"),
        ]);
        assert_eq!(entity_tag(&unsatisfiable).unwrap(), "\"66126798-4d2\"");
        let precompressed = headers(&[
            (header::LAST_MODIFIED, MODIFIED),
            (header::CONTENT_LENGTH, "1234"),
            (header::CONTENT_ENCODING, "br"),
        ]);
        assert_eq!(entity_tag(&precompressed).unwrap(), "\"66126798-4d2-br\"");
        assert!(entity_tag(&headers(&[(header::CONTENT_LENGTH, "1")])).is_none());
    }

    #[test]
    fn if_range_keeps_the_range_only_for_the_same_representation() {
        let res = headers(&[
            (header::LAST_MODIFIED, MODIFIED),
            (header::ETAG, "\"66126798-4d2-br\""),
            (header::CONTENT_ENCODING, "br"),
        ]);
        let asks = |if_range: &str| {
            range_of_another_representation(
                &headers(&[(header::RANGE, "bytes=0-9"), (header::IF_RANGE, if_range)]),
                &res,
            )
        };
        assert!(!asks("\"66126798-4d2-br\""));
        assert!(asks("\"66126798-4d2\""), "the identity tag names another");
        assert!(asks("W/\"66126798-4d2-br\""), "weak tags never match");
        assert!(!asks(MODIFIED));
        assert!(asks("Sun, 07 Apr 2024 09:30:01 GMT"));
        assert!(asks("not a date"));
        let no_range = headers(&[(header::IF_RANGE, "\"other\"")]);
        assert!(!range_of_another_representation(&no_range, &res));
    }
}
