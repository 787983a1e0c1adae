//! The links newsletter messages carry (`server/mail/links.rs`):
//! - `GET /subscribe/confirm?token=…` and `GET /subscribe/unsubscribe?token=…` lead to the
//!   subscribe page with a button that does it (`/subscribe?confirm=…`), so a mail scanner that
//!   opens every link confirms or unsubscribes nobody;
//! - `POST /subscribe/confirm` and `POST /subscribe/unsubscribe` (the buttons) do it, then send
//!   the reader to the page that says so (`/subscribe?result=…`);
//! - `POST /subscribe/unsubscribe?token=…` with `List-Unsubscribe=One-Click` is RFC 8058's
//!   one-click unsubscription that mail providers send: answered `200` in plain text.
//!
//! These come from mail programs, not from pages of the site, so they are not same-origin
//! checked: the signed token is the authority.

use crate::error::AppError;
use crate::model::SubscribeOutcome;
use crate::server::newsletter;
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Deserialize, Default)]
pub struct LinkForm {
    #[serde(default)]
    token: String,
}

fn encode(token: &str) -> String {
    form_urlencoded::byte_serialize(token.as_bytes()).collect()
}

fn outcome_page(outcome: SubscribeOutcome) -> Response {
    Redirect::to(&format!("/subscribe?result={}", outcome.token())).into_response()
}

/// A link that could not be used: our list out of reach for a moment (503, try again), or a
/// fault that will not pass by itself (500).
fn failed(e: AppError) -> Response {
    if matches!(e, AppError::Unavailable) {
        return unavailable();
    }
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CACHE_CONTROL, "no-store")],
        "Something went wrong on our side, so the link was not used. Please try it again later.",
    )
        .into_response()
}

fn unavailable() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::RETRY_AFTER, "30"),
        ],
        "We couldn't reach our list just now. Please try the link again in a minute.",
    )
        .into_response()
}

pub async fn confirm_page(Query(q): Query<TokenQuery>) -> Response {
    Redirect::to(&format!("/subscribe?confirm={}", encode(&q.token))).into_response()
}

pub async fn unsubscribe_page(Query(q): Query<TokenQuery>) -> Response {
    Redirect::to(&format!("/subscribe?unsubscribe={}", encode(&q.token))).into_response()
}

pub async fn confirm(State(state): State<AppState>, Form(f): Form<LinkForm>) -> Response {
    match newsletter::confirm(&state, &f.token).await {
        Ok(outcome) => outcome_page(outcome),
        Err(e) => failed(e),
    }
}

/// `POST /subscribe/unsubscribe`: the page's button (the token in the form), or a mail
/// provider's one-click unsubscription (the token in the address, as `List-Unsubscribe` gives
/// it, and a body in whatever encoding the provider chose: RFC 8058 names
/// `List-Unsubscribe=One-Click` in `multipart/form-data` or URL-encoded; it is not needed to
/// know what to do, so it is not read).
pub async fn unsubscribe(
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let one_click = !q.token.is_empty();
    let token = if one_click {
        q.token
    } else {
        let urlencoded = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if urlencoded {
            form_urlencoded::parse(&body)
                .find(|(k, _)| k == "token")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        } else {
            String::new()
        }
    };
    let outcome = match newsletter::unsubscribe(&state, &token).await {
        Ok(outcome) => outcome,
        Err(e) => return failed(e),
    };
    if one_click {
        let status = if outcome == SubscribeOutcome::Unsubscribed {
            StatusCode::OK
        } else {
            StatusCode::BAD_REQUEST
        };
        return (
            status,
            [(header::CACHE_CONTROL, "no-store")],
            outcome.message(),
        )
            .into_response();
    }
    outcome_page(outcome)
}
