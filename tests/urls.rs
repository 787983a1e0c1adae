#![cfg(feature = "ssr")]
//! One spelling per URL (src/server/canonical.rs): other spellings of a page redirect to it,
//! other spellings of a page number are refused, and no redirect leaves the site. Requests carry
//! raw targets (the `http` crate keeps them as written); one test sends them over a real socket
//! to show that hyper does too.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::raw_http;
use common::{app, TestApp};

/// Asserts that `from` redirects (308) to `to`, and that `to` is a page (200).
async fn assert_redirects(app: &TestApp, from: &str, to: &str) {
    let r = app.get(from).await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{from}");
    assert_eq!(r.location(), to, "{from}");
    assert_eq!(app.get(to).await.status, StatusCode::OK, "{to}");
}

#[tokio::test]
async fn encoded_unreserved_characters_redirect_to_the_plain_spelling() {
    let app = app().await;
    assert_redirects(&app, "/category/%77orld", "/category/world").await;
    assert_redirects(&app, "/category/world%2Feurope", "/category/world/europe").await;
    assert_redirects(&app, "/tag/%69srael%2dwar", "/tag/israel-war").await;
    assert_redirects(&app, "/category/%77orld/feed", "/category/world/feed").await;
}

#[tokio::test]
async fn empty_segments_redirect_to_the_canonical_path() {
    let app = app().await;
    assert_redirects(&app, "/category/world//feed", "/category/world/feed").await;
    assert_redirects(&app, "/category//world", "/category/world").await;
    assert_redirects(
        &app,
        "/category/world//europe?page=2",
        "/category/world/europe?page=2",
    )
    .await;
}

#[tokio::test]
async fn dot_segments_redirect_where_a_browser_resolves_them() {
    let app = app().await;
    assert_redirects(&app, "/category/..", "/").await;
    assert_redirects(&app, "/category/world/./europe", "/category/world/europe").await;
    assert_redirects(
        &app,
        "/category/world/europe/%2e%2e/../world",
        "/category/world",
    )
    .await;
    // Never above the root.
    assert_redirects(&app, "/../../category/world", "/category/world").await;
}

#[tokio::test]
async fn page_one_of_an_archive_has_no_page_parameter() {
    let app = app().await;
    assert_redirects(&app, "/category/world?page=1", "/category/world").await;
    assert_redirects(&app, "/tag/israel-war?page=", "/tag/israel-war").await;
    assert_redirects(&app, "/author/anna-koval?page=%31", "/author/anna-koval").await;
    assert_redirects(&app, "/search?q=oil&page=1", "/search?q=oil").await;
    assert_redirects(
        &app,
        "/category/world?page=3&page=2",
        "/category/world?page=2",
    )
    .await;
}

#[tokio::test]
async fn other_spellings_of_a_page_number_are_bad_requests() {
    let app = app().await;
    for uri in [
        "/category/world?page=+1",
        "/category/world?page=%2B1",
        "/category/world?page=01",
        "/category/world?page=%201",
        "/tag/israel-war?page=02",
        "/search?q=oil&page=+2",
    ] {
        let p = app.get(uri).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{uri}");
        p.assert_has("The page number must be a whole number from 1 up.");
    }
    assert_eq!(
        app.get("/category/world?page=2").await.status,
        StatusCode::OK
    );
}

/// Where a redirect could point: on this site, a path that no URL parser reads as another host.
#[track_caller]
fn assert_on_site(from: &str, location: &str) {
    assert!(location.is_ascii(), "{from} -> {location:?}");
    assert!(location.starts_with('/'), "{from} -> {location:?}");
    assert!(
        !matches!(location.as_bytes().get(1), Some(b'/' | b'\\')),
        "{from} -> {location:?}"
    );
}

#[tokio::test]
async fn no_canonical_redirect_leaves_the_site() {
    let app = app().await;
    for uri in [
        "//evil.example//x",
        "/%2F%2Fevil.example//x",
        "/%2fevil.example/..//x",
        "/%5C%5Cevil.example//x",
        "/..//evil.example/x",
        "/.//evil.example/%78",
        "/%2E%2E/%2E%2E//evil.example/%78",
    ] {
        let r = app.get(uri).await;
        assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{uri}");
        assert_on_site(uri, r.location());
    }
}

/// Sends `request` as it is over a real socket to the portal's own accept loop, and reads the
/// answer.
async fn raw_request(served: &raw_http::Served, request: &[u8]) -> raw_http::RawResponse {
    let mut stream = served.connect().await;
    raw_http::send(&mut stream, request).await;
    match raw_http::next_response(&mut stream, raw_http::PATIENCE).await {
        raw_http::Outcome::Response(res) => res,
        other => panic!("expected an answer to {request:?}, got {other:?}"),
    }
}

fn raw_get(target: &[u8]) -> Vec<u8> {
    let mut request = b"GET ".to_vec();
    request.extend_from_slice(target);
    request.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    request
}

#[tokio::test]
async fn the_server_redirects_raw_request_targets_as_they_were_sent() {
    let app = app().await;
    let served = raw_http::serve(app.router.clone(), raw_http::limits(30.0)).await;
    for (target, location) in [
        (&b"/category/%77orld"[..], "/category/world"),
        (b"/category/..", "/"),
        (b"/category/world//feed", "/category/world/feed"),
        (b"/category/world?page=1", "/category/world"),
        (b"/category/world/", "/category/world"),
        (b"/tag/caf\xc3\xa9", "/tag/caf%C3%A9"),
        (b"/caf\xc3\xa9/", "/caf%C3%A9"),
        (b"/\\evil.example//x", "/%5Cevil.example/x"),
        (b"/\\evil.example/", "/%5Cevil.example"),
        (b"/\\\\evil.example/", "/%5C%5Cevil.example"),
        (b"//evil.example/", "/evil.example"),
        (b"/\\/evil.example/", "/%5C/evil.example"),
    ] {
        let res = raw_request(&served, &raw_get(target)).await;
        let sent = String::from_utf8_lossy(target);
        assert_eq!(res.status(), 308, "{sent}");
        let to = res.header("location").unwrap_or_default();
        assert_eq!(to, location, "{sent}");
        assert_on_site(&sent, to);
    }
}

/// `CONNECT`'s authority form and `OPTIONS *` name no path: 400, before anything that expects
/// one (leptos_axum panicked on them), and the server goes on.
#[tokio::test]
async fn request_targets_without_a_path_get_400_and_the_server_goes_on() {
    let app = app().await;
    let served = raw_http::serve(app.router.clone(), raw_http::limits(30.0)).await;
    for request in [
        "CONNECT news.example:443 HTTP/1.1\r\nHost: news.example:443\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\n\r\n",
    ] {
        let res = raw_request(&served, request.as_bytes()).await;
        assert_eq!(res.status(), 400, "{request:?}");
    }
    // The absolute form is an ordinary request for its path.
    let res = raw_request(&served, &raw_get(b"http://news.example/category/world")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(raw_request(&served, &raw_get(b"/")).await.status(), 200);
}
