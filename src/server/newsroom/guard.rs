//! Cross-site request refusal for the newsroom: a state-changing request (anything but GET,
//! HEAD and OPTIONS) is served only when the browser says it came from this site. Forms carry a
//! per-session token too (`SignedIn::check_csrf`); this check also covers the forms used before
//! there is a session (sign-in, setup, invitations).

use crate::server::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Whether a request with these headers came from a page of `public_origin`: `Sec-Fetch-Site`
/// when the browser sends it (all current ones do), else `Origin`. Neither: refused, since a
/// request that cannot be placed cannot be trusted.
pub fn same_origin(headers: &HeaderMap, public_origin: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site.as_bytes() == b"same-origin";
    }
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        Some(origin) => origin
            .trim_end_matches('/')
            .eq_ignore_ascii_case(public_origin),
        None => false,
    }
}

/// The origin (`scheme://host[:port]`) of a public URL.
pub fn origin_of(public_url: &str) -> String {
    let (scheme, rest) = public_url.split_once("://").unwrap_or(("http", public_url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{scheme}://{host}")
}

/// Middleware over the newsroom's routes.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !same_origin(req.headers(), &origin_of(&state.config.site.public_url)) {
        return super::page::refused(
            StatusCode::FORBIDDEN,
            "This request did not come from a page of this site, so it was refused.",
        );
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_requests_from_the_site_itself_pass() {
        let site = "https://news.example";
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            site
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            site
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            site
        ));
        // The browser's word beats an Origin that looks right.
        assert!(!same_origin(
            &headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "https://news.example")
            ]),
            site
        ));
        assert!(same_origin(
            &headers(&[("origin", "https://news.example")]),
            site
        ));
        assert!(!same_origin(
            &headers(&[("origin", "https://evil.example")]),
            site
        ));
        assert!(!same_origin(&headers(&[("origin", "null")]), site));
        assert!(!same_origin(&headers(&[]), site));
    }

    #[test]
    fn the_origin_of_a_public_url() {
        assert_eq!(origin_of("https://news.example/"), "https://news.example");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
        assert_eq!(origin_of("https://a.example/sub/path"), "https://a.example");
    }
}
