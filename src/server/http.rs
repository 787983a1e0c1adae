//! What every response carries on the wire, whatever produced it: `HEAD` answered like `GET`,
//! caching (`Cache-Control`, a strong `ETag`, `304 Not Modified`) and the security headers,
//! including a Content-Security-Policy with a fresh nonce for each response.
//!
//! Two middlewares sit around the compression layer (see `router.rs`):
//! - [`respond`], outermost: turns `HEAD` into `GET`, makes the nonce (Leptos puts it on the
//!   inline scripts it renders, through [`provide_request_nonce`]), sets `Cache-Control`, answers
//!   `If-None-Match` (or, without it, `If-Modified-Since`) with 304, adds the security headers
//!   and strips the body of `HEAD`.
//! - [`etag`], inside compression: tags HTML and JSON with a hash of the uncompressed body.
//!   The nonce is left out of the hash, so a page that has not changed keeps its tag; [`respond`]
//!   then marks the tag with the content-coding (`"…-br"`), one tag per representation.
//!
//! Over 400 lines (about 420 before the tests): the conditional-request code here and in the
//! feeds is to become one path in its own module (issue 12).

use crate::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;

/// `Cache-Control` of files whose names carry their content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of other static files (favicon, share image, logo).
pub const STATIC: &str = "public, max-age=86400";
/// `Cache-Control` of error pages: never stored, so a fixed page shows at once.
pub const NO_STORE: &str = "no-store";

/// Marks a response that is a file from the site root (see `static_files.rs`), for
/// `Cache-Control` and `Vary` here.
#[derive(Clone, Copy, Debug)]
pub struct StaticFile;

/// The CSP nonce of the response being built, in the request's extensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CspNonce(pub String);

/// Puts this response's nonce into the Leptos context, so the island loader, the resource
/// scripts and `leptos_meta` scripts carry it. Called from the router's context closure.
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    if let Some(nonce) = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned())
    {
        provide_context(leptos::nonce::Nonce::from_value(nonce.0));
    }
}

/// The response policy, fixed at start from the configuration.
#[derive(Clone, Debug)]
pub struct Policy {
    html_cache_control: HeaderValue,
    https: bool,
    /// `/pkg/`: where the built JS, wasm and CSS live.
    pkg_prefix: String,
    /// Extra `connect-src` sources: the live-reload socket under `cargo leptos watch`.
    connect_extra: String,
}

impl Policy {
    pub fn new(state: &AppState) -> Arc<Self> {
        let c = &state.config;
        let reload = std::env::var_os("LEPTOS_WATCH")
            .map(|_| format!(" ws://*:{}", state.leptos_options.reload_port))
            .unwrap_or_default();
        Arc::new(Self {
            html_cache_control: HeaderValue::from_str(&c.http.html_cache_control)
                .unwrap_or_else(|_| HeaderValue::from_static(NO_STORE)),
            https: c.site.public_url.starts_with("https://"),
            pkg_prefix: format!("/{}/", state.leptos_options.site_pkg_dir.trim_matches('/')),
            connect_extra: reload,
        })
    }

    /// The Content-Security-Policy of a response whose inline scripts carry `nonce`.
    pub fn csp(&self, nonce: &str) -> String {
        let mut csp = format!(
            "default-src 'self'; \
             script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self' 'nonce-{nonce}'; \
             img-src 'self' data: https:; \
             font-src 'self'; \
             connect-src 'self'{}; \
             object-src 'none'; \
             base-uri 'self'; \
             form-action 'self'; \
             frame-ancestors 'self'",
            self.connect_extra
        );
        if self.https {
            csp.push_str("; upgrade-insecure-requests");
        }
        csp
    }

    fn security_headers(&self, headers: &mut HeaderMap, nonce: &str, with_csp: bool) {
        let mut set = |name: HeaderName, value: &str| {
            if let Ok(v) = HeaderValue::from_str(value) {
                headers.entry(name).or_insert(v);
            }
        };
        if with_csp {
            set(header::CONTENT_SECURITY_POLICY, &self.csp(nonce));
        }
        set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
        set(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
        set(
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        );
        set(header::X_FRAME_OPTIONS, "SAMEORIGIN");
        if self.https {
            set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
        }
    }

    /// `Cache-Control` unless the handler chose one: HTML pages per configuration, error
    /// responses never stored, hashed build files (whole, in part or not modified) for a year,
    /// other static files for a day.
    fn cache_control(&self, path: &str, res: &mut Response) {
        if res.headers().contains_key(header::CACHE_CONTROL) {
            return;
        }
        let status = res.status();
        let value = if status.is_client_error() || status.is_server_error() {
            HeaderValue::from_static(NO_STORE)
        } else if !matches!(
            status,
            StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED
        ) {
            return;
        } else if is_html(res.headers()) {
            self.html_cache_control.clone()
        } else if res.extensions().get::<StaticFile>().is_some() {
            let hashed = path
                .strip_prefix(&self.pkg_prefix)
                .is_some_and(is_hashed_file_name);
            HeaderValue::from_static(if hashed { IMMUTABLE } else { STATIC })
        } else {
            return;
        };
        res.headers_mut().insert(header::CACHE_CONTROL, value);
    }
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

fn is_html(headers: &HeaderMap) -> bool {
    content_type(headers).starts_with("text/html")
}

/// `timelines.3xJhT0….wasm`: a build file whose name carries its content hash (cargo-leptos
/// writes 22 characters of URL-safe base64; anything of 6 or more with letters and digits is
/// taken as a hash, a plain word such as `min` or `module` is not).
pub fn is_hashed_file_name(name: &str) -> bool {
    if name.contains('/') {
        return false;
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() < 3 {
        return false;
    }
    let hash = parts[parts.len() - 2];
    let url_safe = hash
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let mixed =
        hash.chars().any(|c| c.is_ascii_digit()) && hash.chars().any(|c| c.is_ascii_alphabetic());
    url_safe && (6..=64).contains(&hash.len()) && (hash.len() == 22 || mixed)
}

/// A strong entity tag over `body`, ignoring every occurrence of `nonce`.
pub fn entity_tag(body: &[u8], nonce: Option<&str>) -> String {
    let mut hasher = Sha256::new();
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
    let digest = hasher.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether `If-None-Match` matches `etag` (weak comparison, as RFC 9110 asks for this header).
pub fn none_match(if_none_match: &str, etag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let etag = opaque(etag);
    if_none_match
        .split(',')
        .any(|t| t.trim() == "*" || opaque(t) == etag)
}

/// Outermost middleware: HEAD, nonce, Cache-Control, 304 and the security headers.
pub async fn respond(State(policy): State<Arc<Policy>>, mut req: Request, next: Next) -> Response {
    let head = req.method() == Method::HEAD;
    if head {
        *req.method_mut() = Method::GET;
    }
    let conditional = req.method() == Method::GET;
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let if_modified_since = req
        .headers()
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| httpdate::parse_http_date(v.to_str().ok()?).ok());
    let path = req.uri().path().to_owned();

    let mut res = next.run(req).await;
    policy.cache_control(&path, &mut res);
    vary_on_encoding(&mut res);
    tag_content_coding(res.headers_mut());
    // RFC 9110, 13.2.2: If-None-Match decides when present, If-Modified-Since otherwise, and
    // either comes before Range (a reader who holds the whole representation needs no part).
    let matched = conditional
        && matches!(res.status(), StatusCode::OK | StatusCode::PARTIAL_CONTENT)
        && match (&if_none_match, res.headers().get(header::ETAG)) {
            (Some(inm), Some(tag)) => tag.to_str().is_ok_and(|t| none_match(inm, t)),
            (Some(_), None) => false,
            (None, _) => if_modified_since.is_some_and(|since| unmodified_since(since, &res)),
        };
    if matched {
        res = not_modified(res.headers());
    }
    // A 304 keeps the CSP stored with the cached page: its nonce is the one in that page.
    policy.security_headers(res.headers_mut(), &nonce, !matched);
    if head {
        res = without_body(res).await;
    }
    res
}

/// Whether the response's `Last-Modified` is no later than `since`.
fn unmodified_since(since: SystemTime, res: &Response) -> bool {
    res.headers()
        .get(header::LAST_MODIFIED)
        .and_then(|v| httpdate::parse_http_date(v.to_str().ok()?).ok())
        .is_some_and(|modified| modified <= since)
}

/// Files from the site root may come precompressed (`.br`, `.gz` siblings), so their
/// representation depends on `Accept-Encoding` even when the compression layer left them alone.
fn vary_on_encoding(res: &mut Response) {
    let is_static_file = res.extensions().get::<StaticFile>().is_some();
    let headers = res.headers_mut();
    let varies = headers.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .is_ok_and(|v| v.to_ascii_lowercase().contains("accept-encoding"))
    });
    if is_static_file && !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
}

/// A strong tag names one representation: a compressed body gets its own (`"…-br"`).
fn tag_content_coding(headers: &mut HeaderMap) {
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
fn not_modified(headers: &HeaderMap) -> Response {
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

/// The answer to `HEAD`: the `GET` headers, with the length of the body it would have had.
async fn without_body(res: Response) -> Response {
    use axum::body::HttpBody;
    let (mut parts, body) = res.into_parts();
    if !parts.headers.contains_key(header::CONTENT_LENGTH) {
        // Buffered bodies (pages, JSON, files) know their size; only a stream is read.
        let len = match body.size_hint().exact() {
            Some(n) => Some(n),
            None => axum::body::to_bytes(body, usize::MAX)
                .await
                .ok()
                .map(|b| b.len() as u64),
        };
        if let Some(n) = len {
            parts.headers.insert(header::CONTENT_LENGTH, n.into());
        }
    }
    Response::from_parts(parts, Body::empty())
}

/// Middleware inside compression: a strong `ETag` on successful HTML and JSON `GET` answers
/// that have none yet (feeds and static files set their own).
pub async fn etag(req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let nonce = req.extensions().get::<CspNonce>().cloned();
    let res = next.run(req).await;
    let ct = content_type(res.headers());
    let taggable = res.status() == StatusCode::OK
        && !res.headers().contains_key(header::ETAG)
        && !res.headers().contains_key(header::CONTENT_ENCODING)
        && (ct.starts_with("text/html") || ct.starts_with("application/json"));
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

/// The content hashes cargo-leptos wrote for this build (`hash-files = true`): `js`, `wasm` and
/// `css` to the hash in their file names. Leptos reads the same file, next to the server
/// binary, for the script and wasm URLs.
pub fn asset_hashes(hash_file: &str) -> Option<HashMap<String, String>> {
    let path = std::env::current_exe().ok()?.parent()?.join(hash_file);
    let text = std::fs::read_to_string(path).ok()?;
    let hashes: HashMap<String, String> = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    (!hashes.is_empty()).then_some(hashes)
}

/// Whether the built site uses hashed file names: the hash file exists and the files it names
/// are in the site root (a stale hash file next to an unhashed build is ignored).
pub fn hashed_build(site_root: &str, pkg_dir: &str, output_name: &str, hash_file: &str) -> bool {
    let Some(hashes) = asset_hashes(hash_file) else {
        return false;
    };
    ["js", "wasm", "css"].iter().all(|ext| {
        hashes.get(*ext).is_some_and(|h| {
            PathBuf::from(site_root)
                .join(pkg_dir)
                .join(format!("{output_name}.{h}.{ext}"))
                .is_file()
        })
    })
}

/// The URL of the built `css`, `js` or `wasm` file, hashed when the build is.
pub fn asset_href(options: &LeptosOptions, ext: &str) -> String {
    let (pkg, name) = (&options.site_pkg_dir, &options.output_name);
    match options
        .hash_files
        .then(|| asset_hashes(&options.hash_file))
        .flatten()
        .and_then(|h| h.get(ext).cloned())
    {
        Some(hash) => format!("/{pkg}/{name}.{hash}.{ext}"),
        None => format!("/{pkg}/{name}.{ext}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed_file_name("timelines.3xJhT0aB-c_d9EfGhIjKlM.wasm"));
        assert!(is_hashed_file_name("x.abc123.css"));
        assert!(is_hashed_file_name("timelines.ABCDEFGHIJKLMNOPQRSTUV.js"));
        assert!(!is_hashed_file_name("timelines.js"));
        assert!(!is_hashed_file_name("jquery.min.js"));
        assert!(!is_hashed_file_name("app.module.js"));
        assert!(!is_hashed_file_name("snippets/x.abc123.js"));
    }

    #[test]
    fn etags_ignore_the_nonce_and_change_with_the_content() {
        let a = entity_tag(b"<script nonce=\"N1\">x</script>", Some("N1"));
        let b = entity_tag(b"<script nonce=\"N2\">x</script>", Some("N2"));
        let c = entity_tag(b"<script nonce=\"N2\">y</script>", Some("N2"));
        assert_eq!(a, b);
        assert_ne!(b, c);
        assert!(a.starts_with('"') && a.ends_with('"') && a.len() == 34);
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
}
