#![cfg(feature = "ssr")]
//! Server functions through their `/api/` endpoints: answers, and the status of each kind of
//! error (a client's mistake is never a 500).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{app, Page};
use timelines::error::AppError;

/// The `AppError` a server function's error body carries.
fn error_of(p: &Page) -> AppError {
    serde_json::from_slice(&p.bytes)
        .unwrap_or_else(|e| panic!("an AppError body, not {:?}: {e}", p.body))
}

#[tokio::test]
async fn a_correct_call_answers_200_with_its_data() {
    let app = app().await;
    let p = app.get("/api/page?slug=privacy-policy").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    p.assert_has("Privacy");
    let search = app.get("/api/search_page?q=ukraine&page=1").await;
    assert_eq!(search.status, StatusCode::OK, "{}", search.body);
}

#[tokio::test]
async fn a_page_that_does_not_exist_answers_404() {
    let app = app().await;
    let p = app.get("/api/page?slug=zz").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert_eq!(error_of(&p), AppError::NotFound);
    let archive = app.get("/api/category?path=no/such/section").await;
    assert_eq!(archive.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_malformed_page_number_answers_400() {
    let app = app().await;
    let p = app.get("/api/search_page?q=ukraine&page=0").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(matches!(error_of(&p), AppError::Invalid(_)), "{}", p.body);
}

#[tokio::test]
async fn a_missing_or_malformed_argument_answers_400() {
    let app = app().await;
    for uri in [
        "/api/page",
        "/api/page?nothing=here",
        "/api/article?year=2024&month=04",
        "/api/category?path=world&page=2&page=3",
    ] {
        let p = app.get(uri).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{uri}: {}", p.body);
        assert_eq!(error_of(&p), AppError::BadRequest, "{uri}");
        assert!(!p.body.contains("missing field"), "no library text: {uri}");
    }
}

#[tokio::test]
async fn a_malformed_body_to_subscribe_answers_400() {
    let app = app().await;
    let form = "application/x-www-form-urlencoded";
    let bodies: [(&str, Body); 4] = [
        (form, Body::from("")),
        (form, Body::from("mail=reader%40example.com")),
        (form, Body::from(&b"email=\xff\xfe"[..])),
        ("application/json", Body::from("{\"email\": [1, 2]")),
    ];
    for (content_type, body) in bodies {
        let req = Request::post("/api/subscribe")
            .header(header::CONTENT_TYPE, content_type)
            .body(body)
            .unwrap();
        let p = app.request(req).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.body);
        assert_eq!(error_of(&p), AppError::BadRequest);
        assert_eq!(
            p.headers[header::CACHE_CONTROL],
            "no-store",
            "errors are not stored"
        );
    }
}

#[tokio::test]
async fn a_well_formed_subscription_answers_200() {
    let app = app().await;
    let p = app
        .post_form("/api/subscribe", "email=api-reader%40example.com")
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
}

#[tokio::test]
async fn an_unknown_server_function_answers_404() {
    let app = app().await;
    let p = app.get("/api/no_such_function?x=1").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let post = app.post_form("/api/no_such_function", "x=1").await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_read_called_with_the_wrong_method_answers_405() {
    let app = app().await;
    let p = app.post_form("/api/page", "slug=terms").await;
    assert_eq!(p.status, StatusCode::METHOD_NOT_ALLOWED);
}
