#![cfg(feature = "ssr")]
//! Newsletter sign-ups over the real router: one subscriber per canonical address, and a
//! message of its own for each refused kind of address.

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::{app, Page, TestApp};
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

async fn stored(app: &TestApp) -> Vec<String> {
    app.state.store.subscriber_emails().await.unwrap()
}

#[tokio::test]
async fn two_spellings_of_one_address_are_one_subscriber() {
    let app = app().await;
    let first = sign_up(&app, "/subscribe", "ÜSER1@Example.com", None).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(first.location(), "/subscribe?result=subscribed");
    for again in [
        "üser1@example.com",
        "u\u{0308}ser1@EXAMPLE.COM",         // decomposed ü
        "ÜＳＥＲ１＠ｅｘａｍｐｌｅ．ｃｏｍ", // fullwidth
    ] {
        let r = sign_up(&app, "/subscribe", again, None).await;
        assert_eq!(r.location(), "/subscribe?result=already", "{again:?}");
    }
    assert_eq!(stored(&app).await, ["ÜSER1@example.com"]);
}

#[tokio::test]
async fn an_international_domain_is_stored_once_in_ascii() {
    let app = app().await;
    let r = sign_up(&app, "/api/subscribe", "leser@BÜCHER.de", None).await;
    assert_eq!(r.body, "\"Subscribed\"");
    let r = sign_up(&app, "/api/subscribe", "leser@xn--bcher-kva.de", None).await;
    assert_eq!(r.body, "\"AlreadySubscribed\"");
    assert_eq!(stored(&app).await, ["leser@xn--bcher-kva.de"]);
}

#[tokio::test]
async fn each_refused_kind_of_address_gets_its_own_message_on_the_page() {
    let app = app().await;
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
    let app = app().await;
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
    let app = app().await;
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
async fn addresses_stored_before_keys_are_made_canonical_and_merged_into_the_earliest() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/old.db", dir.path().display());
    // The database as it was before migration 0007, with the addresses it let in.
    let old = dir.path().join("migrations");
    std::fs::create_dir(&old).unwrap();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations")).unwrap() {
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
