//! Signing in and out. Wrong credentials get one message whatever was wrong; failures are counted
//! in the store per account and per client address, and past the limits further tries are refused
//! for a while (429 with `Retry-After`) without checking the password at all.

use super::failure::unavailable;
use super::page::{self, frame, render, safe_next, Answer};
use super::session::{self, SignedIn};
use super::{audit, client_address, password};
use crate::pages::newsroom::{Section, SignInPage};
use crate::server::clock;
use crate::server::store::{staff_email, Lockout};
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::http::{header, Extensions, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

pub const WRONG: &str =
    "That email and password do not match an account. Check both and try again.";

#[derive(Deserialize, Default)]
pub struct SignInQuery {
    #[serde(default)]
    next: String,
    /// `signed-out`, `everywhere`, `ended`: why the form is shown.
    #[serde(default)]
    done: String,
}

pub async fn form(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<SignInQuery>,
) -> Response {
    if session::find(&state, &headers).await.is_some() {
        return page::no_store(Redirect::to(safe_next(&q.next)).into_response());
    }
    let notice = match q.done.as_str() {
        "signed-out" => Some("You have signed out.".to_string()),
        "everywhere" => Some("You have signed out on every browser and device.".to_string()),
        _ => None,
    };
    let next = safe_next(&q.next).to_string();
    render(
        StatusCode::OK,
        frame(&state, "Sign in", None, Section::None),
        move || view_sign_in(String::new(), next, None, notice),
    )
}

fn view_sign_in(
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
) -> impl leptos::IntoView {
    use leptos::prelude::*;
    view! { <SignInPage email next error notice/> }
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub fn lockout(state: &AppState) -> Lockout {
    let c = &state.config.newsroom;
    Lockout {
        per_account: c.lockout_per_account.into(),
        per_client: c.lockout_per_client.into(),
        window: i64::from(c.lockout_minutes) * 60,
    }
}

pub async fn submit(
    State(state): State<AppState>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> Answer {
    let address = client_address(&state, &headers, &extensions);
    let email = staff_email(&f.email);
    let next = safe_next(&f.next).to_string();
    let now = clock::now().unix_timestamp();
    let lockout = lockout(&state);
    let again = |status: StatusCode, message: String, email: String, next: String| {
        render(
            status,
            frame(&state, "Sign in", None, Section::None),
            move || view_sign_in(email, next, Some(message), None),
        )
    };
    match state
        .store
        .sign_in_locked(&email, &address, now, lockout)
        .await
    {
        Ok(Some(wait)) => {
            let minutes = (wait + 59) / 60;
            let message = format!(
                "Too many failed sign-ins. For your account's safety, please wait {minutes} minute{} and try again.",
                if minutes == 1 { "" } else { "s" }
            );
            let mut res = again(StatusCode::TOO_MANY_REQUESTS, message, email, next);
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(wait));
            return Ok(res);
        }
        Ok(None) => {}
        Err(e) => return Err(unavailable(e)),
    }
    let account = state
        .store
        .staff_for_sign_in(&email)
        .await
        .map_err(unavailable)?;
    let (staff, hash) = match account {
        Some((staff, hash)) if staff.active => (Some(staff), hash),
        _ => (None, None),
    };
    let matched = password::verify(&f.password, hash).await;
    let Some(staff) = staff.filter(|_| matched) else {
        if let Err(e) = state
            .store
            .record_sign_in_failure(&email, &address, now, lockout)
            .await
        {
            return Err(unavailable(e));
        }
        audit(&state, None, "sign-in failed", &email, &address).await;
        return Ok(again(
            StatusCode::UNAUTHORIZED,
            WRONG.to_string(),
            email,
            next,
        ));
    };
    if let Err(e) = state.store.clear_sign_in_failures(&email).await {
        return Err(unavailable(e));
    }
    // A new session id at every sign-in; the one the browser had before (if any) ends.
    if let Some(old) = session::session_id(
        &headers,
        state.config.site.public_url.starts_with("https://"),
    ) {
        let _ = state.store.end_session(&super::token::digest(&old)).await;
    }
    let cookie = match session::start(&state, staff.id).await {
        Ok((cookie, _)) => cookie,
        Err(e) => return Err(unavailable(e)),
    };
    audit(&state, Some(staff.id), "signed in", &staff.email, &address).await;
    let mut res = page::no_store(Redirect::to(&next).into_response());
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(res)
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

pub async fn sign_out(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Err(refusal) = signed_in.check_csrf(&f.csrf) {
        return refusal.into_response();
    }
    if let Err(e) = state.store.end_session(signed_in.id_hash()).await {
        return unavailable(e);
    }
    signed_out(&state, "signed-out")
}

/// Off to the sign-in form, with the session cookie removed.
pub fn signed_out(state: &AppState, why: &str) -> Response {
    let mut res =
        page::no_store(Redirect::to(&format!("/newsroom/sign-in?done={why}")).into_response());
    res.headers_mut()
        .insert(header::SET_COOKIE, session::removal(state));
    res
}
