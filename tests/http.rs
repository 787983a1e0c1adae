#![cfg(feature = "ssr")]
//! The portal on the wire: validators and 304, HEAD, Cache-Control, compression, hashed and
//! precompressed build files, and the security headers (CSP nonce included) on every response.

// Not every shared helper is used here.
#[allow(dead_code)]
mod common;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use common::{app, app_with, Page, TestApp};
use scraper::{Html, Selector};
use std::path::Path;

const LAVROV: &str = "/2024/04/07/lavrov-to-visit-china-april-8-9";
const HTML_CACHE: &str = "public, max-age=60, stale-while-revalidate=600";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

// ---- helpers -------------------------------------------------------------------------------

fn header_of(p: &Page, name: impl header::AsHeaderName) -> &str {
    p.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The nonce named in the Content-Security-Policy.
fn csp_nonce(p: &Page) -> String {
    let csp = header_of(p, header::CONTENT_SECURITY_POLICY);
    csp.split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {csp:?}"))
        .to_string()
}

async fn send(app: &TestApp, method: Method, uri: &str, headers: &[(&str, &str)]) -> Page {
    let mut req = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app.request(req.body(Body::empty()).unwrap()).await
}

/// Fetches `uri` twice, the second time conditionally. Relative times ("3 hours ago") can tick
/// over between two requests and change the page, so a changed page is fetched again.
async fn revalidate(app: &TestApp, uri: &str, headers: &[(&str, &str)]) -> (Page, Page) {
    for _ in 0..3 {
        let first = send(app, Method::GET, uri, headers).await;
        let etag = header_of(&first, header::ETAG).to_string();
        assert!(!etag.is_empty(), "{uri} has an ETag");
        let mut conditional = headers.to_vec();
        conditional.push(("if-none-match", &etag));
        let second = send(app, Method::GET, uri, &conditional).await;
        if second.status == StatusCode::NOT_MODIFIED {
            return (first, second);
        }
    }
    panic!("{uri} never answered 304");
}

/// A site root holding what a hashed, precompressed release build holds.
fn site_root() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let write = |p: &Path, bytes: &[u8]| std::fs::write(p, bytes).unwrap();
    let css = "body { color: black; background: white; margin: 0 auto; }\n".repeat(20);
    write(&pkg.join("x.abc123.css"), css.as_bytes());
    write(&pkg.join("timelines.css"), css.as_bytes());
    let js = "export function hydrate() { return 'hydrated'; }\n".repeat(20);
    write(&pkg.join("x.abc123.js"), js.as_bytes());
    write(&pkg.join("x.abc123.js.br"), b"precompressed brotli bytes");
    write(&pkg.join("x.abc123.js.gz"), b"precompressed gzip bytes");
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    write(&pkg.join("x.abc123.wasm"), &wasm);
    write(
        &dir.path().join("favicon.svg"),
        br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32"/></svg>"#,
    );
    dir
}

// ---- validators and 304 --------------------------------------------------------------------

#[tokio::test]
async fn html_pages_have_a_strong_etag_and_answer_if_none_match_with_304() {
    let app = app().await;
    for uri in ["/", LAVROV, "/category/world", "/privacy-policy"] {
        let (first, second) = revalidate(&app, uri, &[]).await;
        assert_eq!(first.status, StatusCode::OK);
        let etag = header_of(&first, header::ETAG);
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "strong: {etag}"
        );
        assert_eq!(second.status, StatusCode::NOT_MODIFIED, "{uri}");
        assert!(second.bytes.is_empty());
        assert_eq!(header_of(&second, header::ETAG), etag);
        assert_eq!(header_of(&second, header::CACHE_CONTROL), HTML_CACHE);
        assert_eq!(
            header_of(&second, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff"
        );
        // The cached page keeps the CSP it was stored with (its nonce is in that page).
        assert!(second
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .is_none());
    }
    let other = send(
        &app,
        Method::GET,
        "/",
        &[("if-none-match", "\"not-this-one\"")],
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);
}

#[tokio::test]
async fn the_etag_ignores_the_fresh_nonce_of_each_response() {
    let app = app().await;
    let (first, _) = revalidate(&app, LAVROV, &[]).await;
    let again = app.get(LAVROV).await;
    assert_ne!(csp_nonce(&first), csp_nonce(&again), "a fresh nonce");
    assert!(first.body.contains(&csp_nonce(&first)));
    assert!(!again.body.contains(&csp_nonce(&first)));
}

#[tokio::test]
async fn compressed_pages_have_their_own_etag_and_revalidate() {
    let app = app().await;
    let br = [("accept-encoding", "br")];
    let (first, second) = revalidate(&app, "/", &br).await;
    assert_eq!(header_of(&first, header::CONTENT_ENCODING), "br");
    let etag = header_of(&first, header::ETAG);
    assert!(etag.ends_with("-br\""), "{etag}");
    assert_eq!(second.status, StatusCode::NOT_MODIFIED);
    let plain = app.get("/").await;
    assert_ne!(header_of(&plain, header::ETAG), etag);
    assert!(header_of(&plain, header::CONTENT_ENCODING).is_empty());
}

#[tokio::test]
async fn api_reads_carry_an_etag_too() {
    let app = app().await;
    let (first, second) = revalidate(&app, "/api/site", &[]).await;
    assert!(header_of(&first, header::CONTENT_TYPE).starts_with("application/json"));
    assert_eq!(second.status, StatusCode::NOT_MODIFIED);
}

// ---- HEAD ----------------------------------------------------------------------------------

#[tokio::test]
async fn head_is_answered_wherever_get_is() {
    let app = app().await;
    for uri in [
        "/",
        LAVROV,
        "/category/world",
        "/search?q=oil",
        "/subscribe",
        "/healthz",
        "/api/site",
        "/feed",
        "/robots.txt",
        "/no-such-page",
        "/category/world?page=abc",
        "/category/world/",
    ] {
        let get = app.get(uri).await;
        let head = send(&app, Method::HEAD, uri, &[]).await;
        assert_eq!(head.status, get.status, "{uri}");
        assert_ne!(head.status, StatusCode::METHOD_NOT_ALLOWED, "{uri}");
        assert!(head.bytes.is_empty(), "{uri}");
        assert_eq!(
            header_of(&head, header::CONTENT_TYPE),
            header_of(&get, header::CONTENT_TYPE),
            "{uri}"
        );
        assert_eq!(
            header_of(&head, header::CONTENT_LENGTH),
            get.bytes.len().to_string(),
            "{uri}"
        );
        assert_eq!(
            header_of(&head, header::LOCATION),
            header_of(&get, header::LOCATION)
        );
    }
}

// ---- Cache-Control -------------------------------------------------------------------------

#[tokio::test]
async fn html_cache_control_is_short_and_configurable() {
    let app = app().await;
    assert_eq!(
        header_of(&app.get("/").await, header::CACHE_CONTROL),
        HTML_CACHE
    );
    let custom = app_with(|c| c.http.html_cache_control = "public, max-age=5".into()).await;
    assert_eq!(
        header_of(&custom.get(LAVROV).await, header::CACHE_CONTROL),
        "public, max-age=5"
    );
}

#[tokio::test]
async fn error_responses_are_never_stored() {
    let app = app().await;
    for (uri, status) in [
        ("/no-such-page", StatusCode::NOT_FOUND),
        ("/category/world?page=abc", StatusCode::BAD_REQUEST),
        ("/2024/04/07/no-such-article", StatusCode::NOT_FOUND),
    ] {
        let r = app.get(uri).await;
        assert_eq!(r.status, status, "{uri}");
        assert_eq!(header_of(&r, header::CACHE_CONTROL), "no-store", "{uri}");
        assert!(r.headers.get(header::ETAG).is_none(), "{uri}");
    }
}

#[tokio::test]
async fn hashed_build_files_are_immutable_and_served_precompressed() {
    let root = site_root();
    let path = root.path().display().to_string();
    let app = app_with(|c| c.server.site_root = path).await;

    let css = app.get("/pkg/x.abc123.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(header_of(&css, header::CACHE_CONTROL), IMMUTABLE);
    assert!(header_of(&css, header::CONTENT_TYPE).starts_with("text/css"));

    let js = send(
        &app,
        Method::GET,
        "/pkg/x.abc123.js",
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(header_of(&js, header::CONTENT_ENCODING), "br");
    assert_eq!(&js.bytes[..], b"precompressed brotli bytes");
    assert_eq!(header_of(&js, header::CACHE_CONTROL), IMMUTABLE);
    assert!(header_of(&js, header::CONTENT_TYPE).contains("javascript"));
    let js = send(
        &app,
        Method::GET,
        "/pkg/x.abc123.js",
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(header_of(&js, header::CONTENT_ENCODING), "gzip");
    assert_eq!(&js.bytes[..], b"precompressed gzip bytes");

    // Names without a hash may change content: a day, not a year.
    for uri in ["/pkg/timelines.css", "/favicon.svg"] {
        let r = app.get(uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(
            header_of(&r, header::CACHE_CONTROL),
            "public, max-age=86400",
            "{uri}"
        );
    }
    let missing = app.get("/pkg/gone.abc123.css").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(header_of(&missing, header::CACHE_CONTROL), "no-store");
}

// ---- static files: ranges, validators, 404 ------------------------------------------------

/// The app over [`site_root`], with the root kept alive as long as the app.
async fn app_over_site_root() -> (TestApp, tempfile::TempDir) {
    let root = site_root();
    let path = root.path().display().to_string();
    (app_with(|c| c.server.site_root = path).await, root)
}

#[tokio::test]
async fn a_range_of_a_static_file_is_answered_with_206_and_those_bytes() {
    let (app, root) = app_over_site_root().await;
    let css = std::fs::read(root.path().join("pkg/x.abc123.css")).unwrap();
    let whole = app.get("/pkg/x.abc123.css").await;
    assert_eq!(header_of(&whole, header::ACCEPT_RANGES), "bytes");
    for accept in ["identity", "br"] {
        let r = send(
            &app,
            Method::GET,
            "/pkg/x.abc123.css",
            &[("range", "bytes=10-19"), ("accept-encoding", accept)],
        )
        .await;
        assert_eq!(r.status, StatusCode::PARTIAL_CONTENT, "{accept}");
        assert_eq!(&r.bytes[..], &css[10..20], "{accept}");
        assert_eq!(
            header_of(&r, header::CONTENT_RANGE),
            format!("bytes 10-19/{}", css.len())
        );
        assert_eq!(header_of(&r, header::CONTENT_LENGTH), "10");
        assert!(
            header_of(&r, header::CONTENT_ENCODING).is_empty(),
            "{accept}"
        );
        assert_eq!(header_of(&r, header::CACHE_CONTROL), IMMUTABLE);
        assert_eq!(header_of(&r, header::ETAG), header_of(&whole, header::ETAG));
    }
    let suffix = send(&app, Method::GET, "/favicon.svg", &[("range", "bytes=-6")]).await;
    assert_eq!(suffix.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(&suffix.bytes[..], b"</svg>");
    let head = send(
        &app,
        Method::HEAD,
        "/pkg/x.abc123.css",
        &[("range", "bytes=0-4")],
    )
    .await;
    assert_eq!(head.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(header_of(&head, header::CONTENT_LENGTH), "5");
    assert!(head.bytes.is_empty());
}

#[tokio::test]
async fn a_range_the_file_does_not_hold_is_answered_with_416() {
    let (app, root) = app_over_site_root().await;
    let size = std::fs::metadata(root.path().join("favicon.svg"))
        .unwrap()
        .len();
    for range in ["bytes=100000-", "bytes=100000-100010"] {
        let r = send(&app, Method::GET, "/favicon.svg", &[("range", range)]).await;
        assert_eq!(r.status, StatusCode::RANGE_NOT_SATISFIABLE, "{range}");
        assert_eq!(
            header_of(&r, header::CONTENT_RANGE),
            format!("bytes */{size}")
        );
    }
}

#[tokio::test]
async fn static_files_have_an_etag_and_answer_if_none_match_with_304() {
    let (app, _root) = app_over_site_root().await;
    let (first, second) = revalidate(&app, "/favicon.svg", &[]).await;
    let etag = header_of(&first, header::ETAG);
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "strong: {etag}"
    );
    assert_eq!(second.status, StatusCode::NOT_MODIFIED);
    assert!(second.bytes.is_empty());
    assert_eq!(header_of(&second, header::ETAG), etag);
    assert_eq!(
        header_of(&second, header::CACHE_CONTROL),
        "public, max-age=86400"
    );
    assert!(header_of(&second, header::VARY).contains("accept-encoding"));
    // One who holds the whole file is not sent a part of it.
    let range = send(
        &app,
        Method::GET,
        "/favicon.svg",
        &[("range", "bytes=0-4"), ("if-none-match", etag)],
    )
    .await;
    assert_eq!(range.status, StatusCode::NOT_MODIFIED);
    // A precompressed sibling is another representation, with a tag of its own.
    let br = [("accept-encoding", "br")];
    let (js, again) = revalidate(&app, "/pkg/x.abc123.js", &br).await;
    assert_eq!(header_of(&js, header::CONTENT_ENCODING), "br");
    assert!(header_of(&js, header::ETAG).ends_with("-br\""));
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let plain = app.get("/pkg/x.abc123.js").await;
    assert_ne!(
        header_of(&plain, header::ETAG),
        header_of(&js, header::ETAG)
    );
}

#[tokio::test]
async fn if_modified_since_the_last_modification_is_answered_with_304() {
    let (app, _root) = app_over_site_root().await;
    // Precompressed or not, compressed on the way or not: the 304 names the same
    // representation as the 200 would.
    for (uri, accept) in [
        ("/pkg/x.abc123.js", "identity"),
        ("/pkg/x.abc123.js", "br"),
        ("/pkg/x.abc123.css", "gzip"),
    ] {
        let first = send(&app, Method::GET, uri, &[("accept-encoding", accept)]).await;
        let modified = header_of(&first, header::LAST_MODIFIED);
        assert!(!modified.is_empty());
        let r = send(
            &app,
            Method::GET,
            uri,
            &[("if-modified-since", modified), ("accept-encoding", accept)],
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_MODIFIED, "{uri} {accept}");
        assert!(r.bytes.is_empty());
        assert_eq!(header_of(&r, header::LAST_MODIFIED), modified);
        assert_eq!(
            header_of(&r, header::ETAG),
            header_of(&first, header::ETAG),
            "{uri} {accept}"
        );
        assert_eq!(header_of(&r, header::CACHE_CONTROL), IMMUTABLE);
    }
    let older = send(
        &app,
        Method::GET,
        "/favicon.svg",
        &[("if-modified-since", "Thu, 01 Jan 1970 00:00:00 GMT")],
    )
    .await;
    assert_eq!(older.status, StatusCode::OK);
    // If-None-Match takes precedence: a tag that does not match gets the file, whatever the date.
    let modified = header_of(&older, header::LAST_MODIFIED).to_string();
    let stale_tag = send(
        &app,
        Method::GET,
        "/favicon.svg",
        &[
            ("if-modified-since", &modified),
            ("if-none-match", "\"0-0\""),
        ],
    )
    .await;
    assert_eq!(stale_tag.status, StatusCode::OK);
}

#[tokio::test]
async fn if_range_gets_the_part_of_the_same_file_or_else_the_whole() {
    let (app, root) = app_over_site_root().await;
    let svg = std::fs::read(root.path().join("favicon.svg")).unwrap();
    let whole = app.get("/favicon.svg").await;
    let etag = header_of(&whole, header::ETAG);
    let modified = header_of(&whole, header::LAST_MODIFIED);
    for validator in [etag, modified] {
        let r = send(
            &app,
            Method::GET,
            "/favicon.svg",
            &[("range", "bytes=0-3"), ("if-range", validator)],
        )
        .await;
        assert_eq!(r.status, StatusCode::PARTIAL_CONTENT, "{validator}");
        assert_eq!(&r.bytes[..], &svg[..4]);
    }
    for validator in [
        "\"5f5e100-1\"",
        "Thu, 01 Jan 1970 00:00:00 GMT",
        &format!("W/{etag}"),
    ] {
        let r = send(
            &app,
            Method::GET,
            "/favicon.svg",
            &[("range", "bytes=0-3"), ("if-range", validator)],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{validator}");
        assert_eq!(&r.bytes[..], &svg[..]);
    }
}

#[tokio::test]
async fn a_path_that_is_no_file_gets_the_portals_404_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::write(root.join("pkg/app.css"), "body {}").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "outside the site root").unwrap();
    let path = root.display().to_string();
    let app = app_with(|c| c.server.site_root = path).await;
    for uri in [
        "/pkg/gone.abc123.css",
        "/pkg",
        "/pkg/app.css/more",
        // Dot segments are resolved by a redirect within the site (see canonical.rs).
        "/..%2Fsecret.txt",
        "/pkg/..%2F..%2Fsecret.txt",
        "/%2e%2e/secret.txt",
        "/pkg/../../secret.txt",
    ] {
        let mut r = app.get(uri).await;
        for _ in 0..3 {
            if r.status != StatusCode::PERMANENT_REDIRECT {
                break;
            }
            assert!(r.location().starts_with('/') && !r.location().starts_with("//"));
            r = app.get(r.location()).await;
        }
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(
            header_of(&r, header::CONTENT_TYPE).starts_with("text/html"),
            "{uri}"
        );
        r.assert_has("Page not found");
        r.assert_has("aria-label=\"Main\"");
        assert!(!r.body.contains("outside the site root"), "{uri}");
        assert_eq!(header_of(&r, header::CACHE_CONTROL), "no-store", "{uri}");
    }
    // A file is only read; a path that is no file is not found, whatever the method.
    let post = app.post_form("/pkg/app.css", "x=1").await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header_of(&post, header::ALLOW), "GET,HEAD");
    let delete = send(&app, Method::DELETE, "/pkg/gone.css", &[]).await;
    assert_eq!(delete.status, StatusCode::NOT_FOUND);
    delete.assert_has("Page not found");
}

// ---- compression ---------------------------------------------------------------------------

#[tokio::test]
async fn html_json_css_js_and_wasm_are_compressed() {
    let root = site_root();
    let path = root.path().display().to_string();
    let app = app_with(|c| c.server.site_root = path).await;
    std::fs::remove_file(root.path().join("pkg/x.abc123.js.br")).unwrap();
    for uri in [
        "/",
        LAVROV,
        "/api/site",
        "/pkg/x.abc123.css",
        "/pkg/x.abc123.js",
        "/pkg/x.abc123.wasm",
    ] {
        let plain = app.get(uri).await;
        for coding in ["br", "gzip"] {
            let r = send(&app, Method::GET, uri, &[("accept-encoding", coding)]).await;
            assert_eq!(r.status, StatusCode::OK, "{uri}");
            assert_eq!(header_of(&r, header::CONTENT_ENCODING), coding, "{uri}");
            assert!(
                header_of(&r, header::VARY).contains("accept-encoding"),
                "{uri}"
            );
            assert!(
                r.bytes.len() < plain.bytes.len(),
                "{uri} {coding} is smaller"
            );
            if uri.starts_with("/pkg/") {
                assert_eq!(header_of(&r, header::CACHE_CONTROL), IMMUTABLE, "{uri}");
            }
        }
    }
    let wasm = app.get("/pkg/x.abc123.wasm").await;
    assert_eq!(header_of(&wasm, header::CONTENT_TYPE), "application/wasm");
}

// ---- security headers ----------------------------------------------------------------------

#[track_caller]
fn assert_security_headers(r: &Page, what: &str) {
    assert_eq!(
        header_of(r, header::X_CONTENT_TYPE_OPTIONS),
        "nosniff",
        "{what}"
    );
    assert_eq!(
        header_of(r, header::REFERRER_POLICY),
        "strict-origin-when-cross-origin",
        "{what}"
    );
    let pp = header_of(r, "permissions-policy");
    for feature in [
        "camera=()",
        "microphone=()",
        "geolocation=()",
        "interest-cohort=()",
    ] {
        assert!(pp.contains(feature), "{what}: {pp}");
    }
    assert_eq!(
        header_of(r, header::X_FRAME_OPTIONS),
        "SAMEORIGIN",
        "{what}"
    );
    let csp = header_of(r, header::CONTENT_SECURITY_POLICY);
    assert!(csp.contains("frame-ancestors 'self'"), "{what}: {csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{what}: {csp}");
    assert!(csp.contains("object-src 'none'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-eval'") || csp.contains("'wasm-unsafe-eval'"));
    let script_src = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap_or_else(|| panic!("{what}: no script-src in {csp}"));
    assert!(script_src.contains("'nonce-"), "{what}: {csp}");
    assert!(!script_src.contains('*'), "{what}: {csp}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let root = site_root();
    let path = root.path().display().to_string();
    let app = app_with(|c| c.server.site_root = path).await;
    for (method, uri) in [
        (Method::GET, "/"),
        (Method::GET, LAVROV),
        (Method::GET, "/no-such-page"),
        (Method::GET, "/category/world?page=abc"),
        (Method::GET, "/api/site"),
        (Method::GET, "/api/no-such-function"),
        (Method::GET, "/category/world/"),
        (Method::GET, "/healthz"),
        (Method::GET, "/feed"),
        (Method::GET, "/pkg/x.abc123.css"),
        (Method::HEAD, "/"),
        (Method::POST, "/subscribe"),
        (Method::DELETE, "/"),
    ] {
        let r = send(&app, method.clone(), uri, &[]).await;
        let what = format!("{method} {uri} ({})", r.status);
        assert_security_headers(&r, &what);
        assert_eq!(
            header_of(&r, header::STRICT_TRANSPORT_SECURITY),
            "max-age=31536000",
            "{what}"
        );
    }
}

#[tokio::test]
async fn every_inline_script_carries_this_responses_nonce() {
    let app = app().await;
    let mut seen = Vec::new();
    for uri in ["/", LAVROV, "/no-such-page"] {
        let r = app.get(uri).await;
        let nonce = csp_nonce(&r);
        assert!(nonce.len() >= 16, "{nonce}");
        let html = Html::parse_document(&r.body);
        let scripts: Vec<_> = html
            .select(&Selector::parse("script:not([src])").unwrap())
            .collect();
        assert!(!scripts.is_empty(), "{uri}: the hydration script is inline");
        for s in scripts {
            assert_eq!(
                s.value().attr("nonce"),
                Some(nonce.as_str()),
                "{uri}: {}",
                s.html().chars().take(120).collect::<String>()
            );
        }
        seen.push(nonce);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "one nonce per response");
}

#[tokio::test]
async fn hsts_is_sent_only_for_an_https_public_url() {
    let https = app().await.get("/").await;
    assert_eq!(
        header_of(&https, header::STRICT_TRANSPORT_SECURITY),
        "max-age=31536000"
    );
    assert!(
        header_of(&https, header::CONTENT_SECURITY_POLICY).contains("upgrade-insecure-requests")
    );
    let http = app_with(|c| c.site.public_url = "http://127.0.0.1:3000".into()).await;
    let r = http.get("/").await;
    assert!(r.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    assert!(!header_of(&r, header::CONTENT_SECURITY_POLICY).contains("upgrade-insecure-requests"));
    assert_security_headers(&r, "http site");
}

/// The body with this response's nonce blanked, to compare two responses of one page.
fn without_nonce(p: &Page) -> String {
    p.body.replace(&csp_nonce(p), "NONCE")
}

#[tokio::test]
async fn a_kept_page_is_served_again_with_a_fresh_nonce_and_its_etag() {
    let app = app().await;
    let first = app.get(LAVROV).await;
    let again = app.get(LAVROV).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_ne!(csp_nonce(&first), csp_nonce(&again));
    assert!(again
        .body
        .contains(&format!("nonce=\"{}\"", csp_nonce(&again))));
    assert!(!again.body.contains(&csp_nonce(&first)));
    assert_eq!(without_nonce(&first), without_nonce(&again));
    assert_eq!(first.headers["etag"], again.headers["etag"]);
    assert_eq!(
        again.headers["content-length"].to_str().unwrap(),
        again.bytes.len().to_string()
    );
    // Compressed for those who ask, from the same kept page.
    let br = send(&app, Method::GET, LAVROV, &[("accept-encoding", "br")]).await;
    assert_eq!(br.headers["content-encoding"], "br");
    // HEAD of a kept page: the length of the body it would have had.
    let head = send(&app, Method::HEAD, LAVROV, &[]).await;
    assert!(head.bytes.is_empty());
    assert_eq!(
        head.headers["content-length"].to_str().unwrap(),
        again.bytes.len().to_string()
    );
}

/// A shared cache (a CDN, or the page cache) keeps one copy of a page per URL: the HTML must not
/// differ by the theme cookie, since it says `public` and varies only on `Accept-Encoding`. The
/// chosen theme is applied in the browser before the first paint (Playwright: theme spec).
#[tokio::test]
async fn html_is_the_same_whatever_the_theme_cookie_says() {
    let app = app().await;
    let plain = app.get("/category/world").await;
    let dark = send(
        &app,
        Method::GET,
        "/category/world",
        &[("cookie", "timelines_theme=dark")],
    )
    .await;
    assert_eq!(without_nonce(&plain), without_nonce(&dark));
    let html_tag = dark
        .body
        .split("<html")
        .nth(1)
        .and_then(|t| t.split('>').next());
    assert!(!html_tag.unwrap_or_default().contains("data-theme"));
    assert!(
        dark.body.contains("timelines_theme=(light|dark)"),
        "the theme script is in the head"
    );
    let cc = dark.headers["cache-control"].to_str().unwrap();
    assert!(cc.starts_with("public"));
    for vary in dark.headers.get_all("vary") {
        assert!(!vary
            .to_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("cookie"));
    }
}

/// Query parameters a page does not read (tracking tags, cache busters) share its kept copy, so
/// they cannot fill the cache or make every request a render.
#[tokio::test]
async fn parameters_a_page_does_not_read_share_its_kept_copy() {
    let app = app().await;
    assert_eq!(app.get("/").await.headers["x-cache"], "miss");
    for i in 0..5 {
        let p = app.get(&format!("/?x={i}&utm_source=feed")).await;
        assert_eq!(p.status, StatusCode::OK);
        assert_eq!(p.headers["x-cache"], "hit");
    }
    // A page with a query is kept from its second ask (a one-off search is not kept at all).
    for (page, again) in [
        ("/category/world?page=2", "/category/world?fbclid=a&page=2"),
        ("/search?q=oil", "/search?q=oil&ref=x"),
    ] {
        assert_eq!(app.get(page).await.headers["x-cache"], "miss", "{page}");
        assert_eq!(app.get(page).await.headers["x-cache"], "miss", "{page}");
        assert_eq!(app.get(again).await.headers["x-cache"], "hit", "{again}");
    }
    assert_eq!(app.get("/search?q=gas").await.headers["x-cache"], "miss");
    // WordPress's search URL still redirects with the front page kept.
    let wp = app.get("/?s=oil").await;
    assert_eq!(wp.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(wp.location(), "/search?q=oil");
}

#[tokio::test]
async fn a_new_article_shows_at_once_although_pages_are_kept() {
    let app = app().await;
    assert!(!app.get("/").await.body.contains("Cache Busting Harbour"));
    app.state
        .store
        .insert_article(&timelines::server::store::NewArticle {
            title: "Cache Busting Harbour".into(),
            ..common::new_article("cache-busting-harbour")
        })
        .await
        .unwrap();
    app.get("/").await.assert_has("Cache Busting Harbour");
}

#[tokio::test]
async fn error_pages_stay_unstored_and_the_cache_can_be_switched_off() {
    let app = app().await;
    for _ in 0..2 {
        let r = app.get("/no-such-page").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.headers["cache-control"], "no-store");
    }
    // With the cache off, pages are still served, every request rendered (no `X-Cache`: the
    // cache never saw them). Two renders need not match byte for byte: the frame's lists
    // (trending ranks by age) are reloaded every 10 s, which a loaded machine can cross.
    let off = app_with(|c| c.http.page_cache_seconds = 0).await;
    for _ in 0..2 {
        let page = off.get(LAVROV).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.headers.get("x-cache").is_none(), "{:?}", page.headers);
        page.assert_has("Russian Foreign Minister Lavrov to travel to China for talks");
    }
}
