//! The response policy fixed at start from the configuration: `Cache-Control` for each kind of
//! response, the Content-Security-Policy (with the response's nonce) and the other security
//! headers.

use crate::server::AppState;
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::StatusCode;
use axum::response::Response;
use std::sync::Arc;

/// `Cache-Control` of files whose names carry their content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of other static files (favicon, share image, logo).
pub const STATIC: &str = "public, max-age=86400";
/// `Cache-Control` of error pages: never stored, so a fixed page shows at once.
pub const NO_STORE: &str = "no-store";
/// `Cache-Control` of everything under `/newsroom`.
pub const PRIVATE: &str = "private, no-store";
/// `Cache-Control` of reader pages asked for by staff (a newsroom session cookie).
pub const STAFF_HTML: &str = "private, no-cache";

/// Marks a response that is a file from the site root (see `static_files.rs`), for
/// `Cache-Control` and `Vary` here.
#[derive(Clone, Copy, Debug)]
pub struct StaticFile;

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

    pub(super) fn security_headers(&self, headers: &mut HeaderMap, nonce: &str, with_csp: bool) {
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
    /// Whether the request comes from a browser with a newsroom session cookie: staff, who
    /// must see their own publishing at once.
    pub(super) fn is_staff(&self, headers: &HeaderMap) -> bool {
        crate::server::newsroom::session::session_id(headers, self.https).is_some()
    }

    /// `Cache-Control` unless the handler chose one (see [`Self::cache_control`]); for `staff`
    /// (a newsroom session cookie), reader pages are `private, no-cache`: their browser asks
    /// again each time (a 304 when nothing changed) instead of showing, for up to a minute, the
    /// page as it was before they published. The page cache is not involved: it keeps and serves
    /// the same page to everyone.
    pub(super) fn cache_control(&self, path: &str, staff: bool, res: &mut Response) {
        self.cache_control_for_all(path, res);
        if staff
            && is_html(res.headers())
            && res.headers().get(header::CACHE_CONTROL) == Some(&self.html_cache_control)
        {
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(STAFF_HTML));
        }
    }

    fn cache_control_for_all(&self, path: &str, res: &mut Response) {
        // The newsroom's answers belong to whoever is signed in, whatever their status.
        if path == "/newsroom" || path.starts_with("/newsroom/") {
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
            return;
        }
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
            let newsroom_pkg = || {
                path.strip_prefix('/')?
                    .strip_prefix(super::assets::NEWSROOM_PKG)?
                    .strip_prefix('/')
            };
            let hashed = path
                .strip_prefix(&self.pkg_prefix)
                .or_else(newsroom_pkg)
                .is_some_and(is_hashed_file_name);
            HeaderValue::from_static(if hashed { IMMUTABLE } else { STATIC })
        } else {
            return;
        };
        res.headers_mut().insert(header::CACHE_CONTROL, value);
    }
}

/// The `Content-Type` of a response, or "".
pub(super) fn content_type(headers: &HeaderMap) -> &str {
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

/// Files from the site root may come precompressed (`.br`, `.gz` siblings), so their
/// representation depends on `Accept-Encoding` even when the compression layer left them alone.
pub(super) fn vary_on_encoding(res: &mut Response) {
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
}
