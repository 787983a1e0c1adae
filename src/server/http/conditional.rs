//! Conditional requests, one path for everything the portal answers (pages, JSON, feeds and
//! sitemaps, static files):
//! - [`etag`], a middleware inside compression, gives successful HTML, JSON and XML answers a
//!   strong `ETag`: a hash of the uncompressed body, the page's CSP nonce left out so a page
//!   that has not changed keeps its tag. Handlers that know better set their own (static
//!   files: modification time and size; feeds add `Last-Modified`).
//! - [`tag_content_coding`] then marks the tag with the content-coding (`"…-br"`): one tag per
//!   representation.
//! - [`Preconditions`], read from the request before it is served and applied to the answer by
//!   `respond`, decides `304 Not Modified` (RFC 9110, 13.2.2): `If-None-Match` when present,
//!   `If-Modified-Since` otherwise. The request headers are parsed by the `headers` crate.

use super::policy::content_type;
use super::respond::CspNonce;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use headers::{ETag, HeaderMapExt, IfModifiedSince, IfNoneMatch, LastModified};
use std::time::SystemTime;

/// The validators a request came with, read before the request is handed on.
#[derive(Debug, Default)]
pub struct Preconditions {
    /// `Some(None)`: the header is there but unreadable, which matches no tag.
    if_none_match: Option<Option<IfNoneMatch>>,
    if_modified_since: Option<IfModifiedSince>,
}

impl Preconditions {
    pub fn of(request: &HeaderMap) -> Self {
        Self {
            if_none_match: request
                .contains_key(header::IF_NONE_MATCH)
                .then(|| request.typed_get::<IfNoneMatch>()),
            if_modified_since: request.typed_get::<IfModifiedSince>(),
        }
    }

    /// Whether an answer with these headers is one the client already holds:
    /// `If-None-Match` (weak comparison, `*` matches any tag) decides when present, otherwise
    /// `If-Modified-Since` against `Last-Modified`.
    pub fn hold(&self, answer: &HeaderMap) -> bool {
        match &self.if_none_match {
            Some(inm) => match (inm, answer.typed_get::<ETag>()) {
                (Some(inm), Some(tag)) => !inm.precondition_passes(&tag),
                _ => false,
            },
            None => match (&self.if_modified_since, answer.typed_get::<LastModified>()) {
                (Some(since), Some(modified)) => !since.is_modified(SystemTime::from(modified)),
                _ => false,
            },
        }
    }
}

/// A strong entity tag over `body`, ignoring every occurrence of `nonce`: its XXH3-128 hash.
/// The tag only tells a client's copy from the current one; nothing relies on it being hard to
/// forge, so a fast non-cryptographic hash serves.
pub fn entity_tag(body: &[u8], nonce: Option<&str>) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    match nonce.filter(|n| !n.is_empty()) {
        Some(n) => {
            let n = n.as_bytes();
            let finder = memchr::memmem::Finder::new(n);
            let mut rest = body;
            while let Some(i) = finder.find(rest) {
                hasher.update(&rest[..i]);
                rest = &rest[i + n.len()..];
            }
            hasher.update(rest);
        }
        None => hasher.update(body),
    }
    format!("\"{:032x}\"", hasher.digest128())
}

/// A strong tag names one representation: a compressed body gets its own (`"…-br"`).
pub fn tag_content_coding(headers: &mut HeaderMap) {
    let Some(tag) = headers.get(header::ETAG).and_then(|v| v.to_str().ok()) else {
        return;
    };
    let tagged = coded_tag(tag, headers);
    if let Ok(v) = HeaderValue::from_str(&tagged) {
        headers.insert(header::ETAG, v);
    }
}

/// The tag a response with `headers` goes out with: a strong `tag` marked with the
/// content-coding (`"…-br"`) unless it already is.
pub fn coded_tag(tag: &str, headers: &HeaderMap) -> String {
    let coding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .filter(|c| !c.is_empty() && *c != "identity");
    match coding {
        Some(coding)
            if !tag.starts_with("W/")
                && tag.ends_with('"')
                && !tag.ends_with(&format!("-{coding}\"")) =>
        {
            format!("{}-{coding}\"", &tag[..tag.len() - 1])
        }
        _ => tag.to_string(),
    }
}

/// `304 Not Modified` with the headers RFC 9110 asks a 304 to repeat.
pub fn not_modified(headers: &HeaderMap) -> Response {
    let mut res = StatusCode::NOT_MODIFIED.into_response();
    for name in [
        header::ETAG,
        header::CACHE_CONTROL,
        header::VARY,
        header::CONTENT_LOCATION,
        header::EXPIRES,
        header::LAST_MODIFIED,
    ] {
        for v in headers.get_all(&name) {
            res.headers_mut().append(name.clone(), v.clone());
        }
    }
    res
}

/// Middleware inside compression: a strong `ETag` on successful HTML and JSON `GET` answers
/// that have none yet (static files set their own)
pub async fn etag(req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let nonce = req.extensions().get::<CspNonce>().cloned();
    let res = next.run(req).await;
    let taggable = res.status() == StatusCode::OK
        && !res.headers().contains_key(header::ETAG)
        && !res.headers().contains_key(header::CONTENT_ENCODING)
        && is_taggable_type(content_type(res.headers()));
    if !taggable {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "could not read a response body");
            return (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response();
        }
    };
    let tag = entity_tag(&bytes, nonce.as_ref().map(|n| n.0.as_str()));
    if let Ok(v) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, v);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// HTML pages, JSON answers, feeds and sitemaps.
fn is_taggable_type(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    matches!(
        essence,
        "text/html"
            | "application/json"
            | "application/xml"
            | "application/rss+xml"
            | "application/atom+xml"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_ignore_the_nonce_and_change_with_the_content() {
        let a = entity_tag(b"<script nonce=\"N1\">x</script>", Some("N1"));
        let b = entity_tag(b"<script nonce=\"N2\">x</script>", Some("N2"));
        let c = entity_tag(b"<script nonce=\"N2\">y</script>", Some("N2"));
        assert_eq!(a, b);
        assert_ne!(b, c);
        assert!(a.starts_with('"') && a.ends_with('"') && a.len() == 34);
    }

    fn none_match(if_none_match: &str, etag: &str) -> bool {
        let mut request = HeaderMap::new();
        request.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(if_none_match).unwrap(),
        );
        let mut answer = HeaderMap::new();
        answer.insert(header::ETAG, HeaderValue::from_str(etag).unwrap());
        Preconditions::of(&request).hold(&answer)
    }

    #[test]
    fn if_none_match_is_compared_weakly_and_accepts_lists() {
        assert!(none_match("\"a\"", "\"a\""));
        assert!(none_match("\"x\", W/\"a\"", "\"a\""));
        assert!(none_match("*", "\"a\""));
        assert!(!none_match("\"b\"", "\"a\""));
        assert!(!none_match("\"a\"", "\"a-br\""));
    }

    #[test]
    fn compressed_representations_get_their_own_tag() {
        let mut h = HeaderMap::new();
        h.insert(header::ETAG, HeaderValue::from_static("\"abc\""));
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        tag_content_coding(&mut h);
        assert_eq!(h[header::ETAG], "\"abc-br\"");
        let mut weak = HeaderMap::new();
        weak.insert(header::ETAG, HeaderValue::from_static("W/\"abc\""));
        weak.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        tag_content_coding(&mut weak);
        assert_eq!(weak[header::ETAG], "W/\"abc\"");
        // A tag already marked (a static file's, see static_files.rs) is left as it is.
        tag_content_coding(&mut h);
        assert_eq!(h[header::ETAG], "\"abc-br\"");
    }

    /// Whether a request with `request` headers holds the answer tagged `etag` and last
    /// changed at `last_modified` (Unix seconds).
    fn not_modified(request: &HeaderMap, etag: &str, last_modified: Option<u64>) -> bool {
        let mut answer = HeaderMap::new();
        answer.insert(header::ETAG, HeaderValue::from_str(etag).unwrap());
        if let Some(t) = last_modified {
            let date =
                httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(t));
            answer.insert(header::LAST_MODIFIED, HeaderValue::from_str(&date).unwrap());
        }
        Preconditions::of(request).hold(&answer)
    }

    #[test]
    fn if_none_match_and_if_modified_since_decide_304() {
        let tag = entity_tag(b"body", None);
        assert!(tag.starts_with('"') && tag.ends_with('"') && tag.len() == 34);
        assert_ne!(tag, entity_tag(b"body2", None));
        let with = |name: header::HeaderName, v: &str| {
            let mut h = HeaderMap::new();
            h.insert(name, HeaderValue::from_str(v).unwrap());
            h
        };
        assert!(not_modified(&with(header::IF_NONE_MATCH, &tag), &tag, None));
        assert!(not_modified(
            &with(header::IF_NONE_MATCH, &format!("\"x\", W/{tag}")),
            &tag,
            None
        ));
        assert!(not_modified(&with(header::IF_NONE_MATCH, "*"), &tag, None));
        assert!(!not_modified(
            &with(header::IF_NONE_MATCH, "\"other\""),
            &tag,
            Some(0)
        ));
        let t = 1_712_482_200;
        let ims = with(
            header::IF_MODIFIED_SINCE,
            &httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(t)),
        );
        assert!(not_modified(&ims, &tag, Some(t)));
        assert!(!not_modified(&ims, &tag, Some(t + 1)));
        assert!(!not_modified(&ims, &tag, None));
        assert!(!not_modified(&HeaderMap::new(), &tag, Some(t)));
    }
}
