#![cfg(feature = "ssr")]
//! One log line per request: method, route pattern, path, status, latency, the page cache's answer and the
//! request id (also in the answer's `X-Request-Id`, the proxy's own when it set one), as text or
//! JSON; never the query string (it holds what readers search for), a password, a session
//! cookie or a form token.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::http::StatusCode;
use common::log::{Format, Log};
use common::newsroom::{form, post, staff, Call, PASSWORD};
use timelines::server::newsroom::Role;

/// The request lines of `log` that name `path` (`path=/x` followed by the next field).
fn lines_for<'a>(log: &'a str, path: &str) -> Vec<&'a str> {
    let field = format!("path={path} ");
    log.lines()
        .filter(|l| l.contains("timelines::request") && l.contains(&field))
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn every_request_gets_one_line_with_its_outcome() {
    let (log, _capturing) = Log::capture_thread();
    let app = common::app().await;
    app.get("/category/world").await;
    app.get("/category/world").await;
    app.get("/no-such-page").await;
    app.get("/search?q=secret+words").await;
    let text = log.text();

    let world = lines_for(&text, "/category/world");
    assert_eq!(world.len(), 2, "{text}");
    for (line, cache) in world.iter().zip(["miss", "hit"]) {
        assert!(line.contains("method=GET"), "{line}");
        assert!(line.contains("route=/category/{*path}"), "{line}");
        assert!(line.contains("status=200"), "{line}");
        assert!(line.contains(&format!("cache={cache}")), "{line}");
        assert!(line.contains("latency_ms="), "{line}");
    }
    let missing = lines_for(&text, "/no-such-page");
    assert_eq!(missing.len(), 1, "{text}");
    assert!(missing[0].contains("status=404"), "{}", missing[0]);
    assert!(missing[0].contains("route=/{slug}"), "{}", missing[0]);
    assert_eq!(lines_for(&text, "/search").len(), 1, "{text}");
    assert!(!text.contains("secret"), "the query is not logged: {text}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_request_whose_client_left_gets_its_line_with_status_499() {
    let (log, _capturing) = Log::capture_thread();
    let app = common::app().await;
    let ana = common::newsroom::desk(&app, "ana@example.com", Role::Author).await;
    // A publish waits for a database another program has locked; its client gives up first.
    // The form is made first, so the client's 500 ms are the POST's alone.
    let world = common::newsroom::category(&app, "world").await;
    let body = form(&[
        ("csrf", &ana.csrf),
        ("category", &world),
        ("action", "publish"),
        ("title", "Harbour cranes return to Port Elan"),
        ("body", "The cranes are back."),
        ("lang", "en"),
    ]);
    let locked = common::WritesLocked::take(&app).await;
    let call = Call {
        cookie: Some(&ana.cookie),
        ..Call::default()
    };
    let publishing = post(&app, "/newsroom/articles", &body, call);
    let gave_up = tokio::time::timeout(std::time::Duration::from_millis(500), publishing).await;
    assert!(gave_up.is_err(), "answered before the client left");
    locked.release().await;

    let text = log.text();
    let lines = lines_for(&text, "/newsroom/articles");
    assert_eq!(lines.len(), 1, "{text}");
    let line = lines[0];
    assert!(line.contains("status=499"), "{line}");
    assert!(line.contains("method=POST"), "{line}");
    assert!(line.contains("route=/newsroom/articles"), "{line}");
    let latency: f64 = line
        .split("latency_ms=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a latency: {line}"));
    // The server's clock starts a moment after the client's, as the request reaches it.
    assert!(
        (450.0..5_000.0).contains(&latency),
        "about as long as the client waited: {line}"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn each_request_has_an_id_the_proxys_when_it_set_a_plausible_one() {
    let (log, _capturing) = Log::capture_thread();
    let app = common::app().await;
    let own = app.get("/category/world").await;
    let id = own.headers["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 32, "{id}");
    let from_proxy = axum::http::Request::get("/category/europe")
        .header("x-request-id", "nginx-7f3a.1")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(
        app.request(from_proxy).await.headers["x-request-id"],
        "nginx-7f3a.1"
    );
    let forged = axum::http::Request::get("/category/business")
        .header("x-request-id", "x status=200 path=/admin")
        .body(axum::body::Body::empty())
        .unwrap();
    let replaced = app.request(forged).await.headers["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        replaced.len(),
        32,
        "an implausible id is replaced: {replaced}"
    );
    let text = log.text();
    assert!(
        lines_for(&text, "/category/world")[0].contains(&format!("request_id={id}")),
        "{text}"
    );
    assert!(
        lines_for(&text, "/category/europe")[0].contains("request_id=nginx-7f3a.1"),
        "{text}"
    );
    assert!(!text.contains("path=/admin"), "{text}");
}

#[tokio::test(flavor = "current_thread")]
async fn no_password_session_cookie_or_form_token_is_logged() {
    let (log, _capturing) = Log::capture_thread();
    let app = common::app().await;
    staff(&app, "ed@news.example", Role::Editor).await;
    let signed_in = post(
        &app,
        "/newsroom/sign-in",
        &form(&[("email", "ed@news.example"), ("password", PASSWORD)]),
        Call::default(),
    )
    .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let cookie = common::newsroom::cookie_of(&signed_in).expect("a session cookie");
    let csrf = common::newsroom::csrf(&app, &cookie).await;
    let wrong = post(
        &app,
        "/newsroom/sign-in",
        &form(&[
            ("email", "ed@news.example"),
            ("password", "a wrong guess 123"),
        ]),
        Call::default(),
    )
    .await;
    assert_ne!(wrong.status, StatusCode::SEE_OTHER);
    // A preview link's token opens a draft: its path is logged without it.
    app.get("/preview/AbCdEfSecretPreviewToken123").await;
    let session = cookie
        .split_once('=')
        .map(|(_, v)| v)
        .unwrap_or(&cookie)
        .to_string();
    let text = log.text();
    assert!(lines_for(&text, "/newsroom/sign-in").len() >= 2, "{text}");
    assert!(text.contains("path=/preview/…"), "{text}");
    for secret in [
        "AbCdEfSecretPreviewToken123",
        PASSWORD,
        "a wrong guess 123",
        session.as_str(),
        csrf.as_str(),
    ] {
        assert!(!text.contains(secret), "{secret:?} is in the log: {text}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_json_format_writes_one_object_a_line() {
    let (log, _capturing) = Log::capture_thread_as(Format::Json);
    let app = common::app().await;
    app.get("/category/world").await;
    let text = log.text();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let request = lines
        .iter()
        .find(|l| l["span"]["path"] == "/category/world")
        .unwrap_or_else(|| panic!("no request line: {text}"));
    assert_eq!(request["status"], 200);
    assert_eq!(request["span"]["method"], "GET");
    assert_eq!(request["span"]["request_id"].as_str().unwrap().len(), 32);
    assert_eq!(request["target"], "timelines::request");
}
