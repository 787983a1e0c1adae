#![cfg(feature = "ssr")]
//! Newsletter sign-ups over the real router: one subscriber per canonical address, a message
//! of its own for each refused kind of address, and a limit per client address on both the
//! form (`POST /subscribe`) and the server function (`POST /api/subscribe`).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::{app, app_with, Page, TestApp};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use scraper::{Html, Selector};
use std::net::SocketAddr;
use timelines::model::SubscribeOutcome;

/// `POST uri` with an `email` field, from `client` when given (as the server's accept loop
/// records the peer address).
async fn sign_up(app: &TestApp, uri: &str, email: &str, client: Option<&str>) -> Page {
    let body = format!("email={}", utf8_percent_encode(email, NON_ALPHANUMERIC));
    post_raw(app, uri, body.into_bytes(), client, &[]).await
}

async fn post_raw(
    app: &TestApp,
    uri: &str,
    body: Vec<u8>,
    client: Option<&str>,
    headers: &[(&str, &str)],
) -> Page {
    let mut req =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let mut req = req.body(Body::from(body)).unwrap();
    if let Some(addr) = client {
        let addr: SocketAddr = addr.parse().unwrap();
        req.extensions_mut().insert(ConnectInfo(addr));
    }
    app.request(req).await
}

/// The outcome message shown on the page at `location`.
async fn shown(app: &TestApp, location: &str) -> String {
    let page = app.get(location).await;
    assert_eq!(page.status, StatusCode::OK, "{location}");
    status_text(&page)
}

fn status_text(page: &Page) -> String {
    let html = Html::parse_document(&page.body);
    let status = Selector::parse("#subscribe-status").unwrap();
    html.select(&status)
        .next()
        .map(|el| el.text().collect::<String>().trim().to_string())
        .unwrap_or_default()
}

/// The app with room for many sign-ups from one client, for tests about addresses.
async fn roomy() -> TestApp {
    app_with(|c| c.server.signups_per_minute = 1_000).await
}

async fn stored(app: &TestApp) -> Vec<String> {
    app.state.store.subscriber_emails().await.unwrap()
}

#[tokio::test]
async fn two_spellings_of_one_address_are_one_subscriber() {
    let app = roomy().await;
    let first = sign_up(&app, "/subscribe", "ÜSER1@Example.com", None).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(first.location(), "/subscribe?result=subscribed");
    for again in [
        "üser1@example.com",
        "u\u{0308}ser1@EXAMPLE.COM",         // decomposed ü
        "ÜＳＥＲ１＠ｅｘａｍｐｌｅ．ｃｏｍ", // fullwidth
    ] {
        // Still waiting for its confirmation: told again to look in its inbox.
        let r = sign_up(&app, "/subscribe", again, None).await;
        assert_eq!(r.location(), "/subscribe?result=subscribed", "{again:?}");
    }
    assert_eq!(stored(&app).await, ["ÜSER1@example.com"]);
}

#[tokio::test]
async fn an_international_domain_is_stored_once_in_ascii() {
    let app = roomy().await;
    let r = sign_up(&app, "/api/subscribe", "leser@BÜCHER.de", None).await;
    assert_eq!(r.body, "\"Subscribed\"");
    let r = sign_up(&app, "/api/subscribe", "leser@xn--bcher-kva.de", None).await;
    assert_eq!(r.body, "\"Subscribed\"");
    assert_eq!(stored(&app).await, ["leser@xn--bcher-kva.de"]);
}

#[tokio::test]
async fn each_refused_kind_of_address_gets_its_own_message_on_the_page() {
    let app = roomy().await;
    let too_long = format!("{}@example.com", "a".repeat(65));
    for (email, outcome) in [
        ("not-an-address", SubscribeOutcome::Invalid),
        (too_long.as_str(), SubscribeOutcome::TooLong),
        ("us\u{200B}er@example.com", SubscribeOutcome::Invisible),
        ("\u{202E}user@example.com", SubscribeOutcome::Invisible),
        ("user\u{0007}@example.com", SubscribeOutcome::Invisible),
        ("\u{FFFD}user@example.com", SubscribeOutcome::Garbled),
        ("p\u{0430}ypal@example.com", SubscribeOutcome::LookAlike),
        ("user@\u{1D41E}xample.com", SubscribeOutcome::LookAlike),
    ] {
        let r = sign_up(&app, "/subscribe", email, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{email:?}");
        assert_eq!(
            r.location(),
            format!("/subscribe?result={}", outcome.token()),
            "{email:?}"
        );
        assert_eq!(
            shown(&app, r.location()).await,
            outcome.message(),
            "{email:?}"
        );
    }
    assert!(stored(&app).await.is_empty());
}

#[tokio::test]
async fn the_server_function_names_each_refusal() {
    let app = roomy().await;
    for (email, outcome) in [
        ("nope", "\"Invalid\""),
        ("us\u{200D}er@example.com", "\"Invisible\""),
        ("p\u{0430}ypal@example.com", "\"LookAlike\""),
        ("\u{FFFD}@example.com", "\"Garbled\""),
    ] {
        let r = sign_up(&app, "/api/subscribe", email, None).await;
        assert_eq!(r.status, StatusCode::OK, "{email:?}");
        assert_eq!(r.body, outcome, "{email:?}");
    }
    assert!(stored(&app).await.is_empty());
}

#[tokio::test]
async fn bytes_that_are_not_utf8_in_the_form_body_are_refused_as_garbled() {
    let app = roomy().await;
    // Percent-encoded, as a browser sends a form.
    let r = post_raw(
        &app,
        "/subscribe",
        b"email=us%FFer%40example.com".to_vec(),
        None,
        &[],
    )
    .await;
    assert_eq!(r.location(), "/subscribe?result=garbled");
    assert_eq!(
        shown(&app, r.location()).await,
        SubscribeOutcome::Garbled.message()
    );
    // Raw, as a hand-made client might.
    let r = post_raw(
        &app,
        "/subscribe",
        b"email=us\xFF\xFEer%40example.com".to_vec(),
        None,
        &[],
    )
    .await;
    assert_eq!(r.location(), "/subscribe?result=garbled");
    let r = post_raw(
        &app,
        "/api/subscribe",
        b"email=us%C3er%40example.com".to_vec(),
        None,
        &[],
    )
    .await;
    assert_eq!(r.body, "\"Garbled\"");
    assert!(stored(&app).await.is_empty());
}

#[tokio::test]
async fn the_form_answers_429_with_a_page_after_the_limit_and_other_clients_are_still_served() {
    let app = app().await;
    let me = Some("192.0.2.10:50000");
    for i in 0..5 {
        let r = sign_up(&app, "/subscribe", &format!("reader{i}@example.com"), me).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "sign-up {i}");
    }
    // Another port, the same address.
    let r = sign_up(
        &app,
        "/subscribe",
        "reader5@example.com",
        Some("192.0.2.10:50001"),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert!(r.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(status_text(&r), SubscribeOutcome::TooMany.message());
    // The page is the subscribe page: the form is there to try again, refilled with JS.
    r.assert_has("action=\"/subscribe\"");
    r.assert_has("data-refill");
    // Rendered for this response: its scripts carry this response's CSP nonce.
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    r.assert_has(&format!("nonce=\"{nonce}\""));
    assert_eq!(stored(&app).await.len(), 5);

    let other = sign_up(
        &app,
        "/subscribe",
        "reader5@example.com",
        Some("198.51.100.7:40000"),
    )
    .await;
    assert_eq!(other.location(), "/subscribe?result=subscribed");
    assert_eq!(stored(&app).await.len(), 6);
}

#[tokio::test]
async fn the_server_function_answers_429_in_json_after_the_limit() {
    let app = app().await;
    let me = Some("[2001:db8:5::1]:443");
    for i in 0..5 {
        let r = sign_up(&app, "/api/subscribe", &format!("fan{i}@example.org"), me).await;
        assert_eq!(r.status, StatusCode::OK, "sign-up {i}: {}", r.body);
    }
    // Another address of the same /64 network is the same client.
    let r = sign_up(
        &app,
        "/api/subscribe",
        "fan5@example.org",
        Some("[2001:db8:5::2]:443"),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    assert!(r.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(r.body, "\"TooManyRequests\"");

    let other = sign_up(
        &app,
        "/api/subscribe",
        "fan5@example.org",
        Some("[2001:db8:6::1]:443"),
    )
    .await;
    assert_eq!(other.body, "\"Subscribed\"");
}

#[tokio::test]
async fn the_form_and_the_server_function_count_against_one_limit() {
    let app = app().await;
    let me = Some("192.0.2.20:1");
    for i in 0..3 {
        sign_up(&app, "/subscribe", &format!("a{i}@example.com"), me).await;
    }
    for i in 0..2 {
        let r = sign_up(&app, "/api/subscribe", &format!("b{i}@example.com"), me).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = sign_up(&app, "/api/subscribe", "c@example.com", me).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = sign_up(&app, "/subscribe", "c@example.com", me).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn requests_without_a_known_address_share_one_limit() {
    let app = app().await;
    for i in 0..5 {
        let r = sign_up(&app, "/subscribe", &format!("x{i}@example.com"), None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let r = sign_up(&app, "/subscribe", "x5@example.com", None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = sign_up(&app, "/subscribe", "x5@example.com", Some("192.0.2.30:1")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn x_forwarded_for_is_ignored_unless_the_proxy_is_trusted() {
    let app = app().await;
    let me = Some("192.0.2.40:1");
    for i in 0..6 {
        let forwarded = format!("203.0.113.{i}");
        let body = format!("email=f{i}%40example.com").into_bytes();
        let r = post_raw(
            &app,
            "/subscribe",
            body,
            me,
            &[("x-forwarded-for", &forwarded)],
        )
        .await;
        let expected = if i < 5 {
            StatusCode::SEE_OTHER
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status, expected, "sign-up {i}");
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_address_it_appended_is_the_client() {
    let app = app_with(|c| c.server.trust_forwarded_for = true).await;
    let proxy = Some("10.0.0.2:1");
    // What the client wrote comes first and changes each time; the proxy appends what it saw.
    let spoofed = std::sync::atomic::AtomicU32::new(0);
    let from = |client: &str| {
        let n = spoofed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        format!("198.51.{}.{}, {client}", n / 256, n % 256)
    };
    for i in 0..5 {
        let body = format!("email=t{i}%40example.com").into_bytes();
        let r = post_raw(
            &app,
            "/subscribe",
            body,
            proxy,
            &[("x-forwarded-for", &from("203.0.113.5"))],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "sign-up {i}");
    }
    let body = b"email=t5%40example.com".to_vec();
    let r = post_raw(
        &app,
        "/subscribe",
        body.clone(),
        proxy,
        &[("x-forwarded-for", &from("203.0.113.5"))],
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = post_raw(
        &app,
        "/subscribe",
        body,
        proxy,
        &[("x-forwarded-for", &from("203.0.113.6"))],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_limit_is_configurable() {
    let app = app_with(|c| c.server.signups_per_minute = 2).await;
    let me = Some("192.0.2.50:1");
    assert_eq!(
        sign_up(&app, "/subscribe", "l0@example.com", me)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        sign_up(&app, "/subscribe", "l1@example.com", me)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        sign_up(&app, "/subscribe", "l2@example.com", me)
            .await
            .status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn addresses_stored_before_keys_are_made_canonical_and_merged_into_the_earliest() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/old.db", dir.path().display());
    // The database as it was before migration 0007, with the addresses it let in.
    let old = dir.path().join("migrations");
    std::fs::create_dir(&old).unwrap();
    for entry in
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite")).unwrap()
    {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if name.as_str() < "0007" {
            std::fs::copy(&path, old.join(name)).unwrap();
        }
    }
    {
        use sqlx::sqlite::SqliteConnectOptions;
        use std::str::FromStr;
        let opts = SqliteConnectOptions::from_str(&url)
            .unwrap()
            .create_if_missing(true);
        let pool = sqlx::SqlitePool::connect_with(opts).await.unwrap();
        sqlx::migrate::Migrator::new(old.as_path())
            .await
            .unwrap()
            .run(&pool)
            .await
            .unwrap();
        for (email, created_at) in [
            ("ÜSER1@Example.com", 300),
            ("üser1@example.com", 100), // the earliest of its subscriber
            ("U\u{0308}ser1@example.com", 200), // decomposed,
            ("leser@BÜCHER.de", 10),
            ("LESER@xn--bcher-kva.de", 20),
            ("us\u{200B}er@example.com", 30), // refused today: kept as it is
            ("plain@example.com", 40),
        ] {
            sqlx::query("INSERT INTO subscribers (email, created_at) VALUES (?1, ?2)")
                .bind(email)
                .bind(created_at)
                .execute(&pool)
                .await
                .unwrap();
        }
        pool.close().await;
    }

    let store = timelines::server::store::Store::open(&url).await.unwrap();
    assert_eq!(
        store.subscriber_emails().await.unwrap(),
        [
            "leser@xn--bcher-kva.de",
            "us\u{200B}er@example.com",
            "plain@example.com",
            "üser1@example.com",
        ]
    );
    // Opening again changes nothing; the kept address is read again and kept again.
    let again = store.canonicalize_subscribers().await.unwrap();
    assert_eq!(
        again,
        timelines::server::store::Canonicalized {
            rewritten: 0,
            merged: 0,
            kept: 1
        }
    );
    // The key makes every spelling of a stored subscriber one.
    let now = 1_000;
    for spelling in ["ÜSER1@EXAMPLE.COM", "Leser@bücher.DE", "PLAIN@example.com"] {
        let address = timelines::server::email::canonical(spelling).unwrap();
        assert!(
            !store.add_subscriber(&address, now).await.unwrap(),
            "{spelling}"
        );
    }
    assert_eq!(store.subscriber_count().await.unwrap(), 4);
}
