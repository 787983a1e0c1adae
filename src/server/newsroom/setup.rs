//! The first admin: while no admin account exists, the server prints at start a one-time link
//! (`/newsroom/setup?token=…`, valid for 24 hours) whose form creates the owner's account and
//! signs them in.

use super::failure::unavailable;
use super::page::{frame, no_store, render, Answer};
use super::{audit, password, session, token, ClientAddress, Role};
use crate::pages::newsroom::{MessagePage, Section, SetupForm, SetupPage};
use crate::server::clock;
use crate::server::store::{NewStaff, StoreError, TokenPurpose, LINK_USED};
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

/// How long a setup link stays valid.
const VALID_SECONDS: i64 = 24 * 3_600;

/// When no admin exists, makes a setup link (replacing any unused one) and returns its URL.
pub async fn offer_link(state: &AppState) -> Result<Option<String>, StoreError> {
    if state.store.has_admin().await? {
        return Ok(None);
    }
    let secret = token::random();
    let now = clock::now().unix_timestamp();
    state
        .store
        .create_staff_token(
            &token::digest(&secret),
            TokenPurpose::Setup,
            Role::Admin,
            None,
            now,
            now + VALID_SECONDS,
        )
        .await?;
    let base = state.config.site.public_url.trim_end_matches('/');
    Ok(Some(format!("{base}/newsroom/setup?token={secret}")))
}

#[derive(Deserialize, Default)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// A kind of single-use link that makes an account: the first admin's, or an invitation.
#[derive(Clone, Copy)]
pub struct LinkKind {
    purpose: TokenPurpose,
    heading: &'static str,
    action: &'static str,
    /// How the account came to be, for the audit log.
    how: &'static str,
}

pub const SETUP: LinkKind = LinkKind {
    purpose: TokenPurpose::Setup,
    heading: "Create the first account",
    action: "/newsroom/setup",
    how: "by the setup link",
};

pub const INVITE: LinkKind = LinkKind {
    purpose: TokenPurpose::Invite,
    heading: "Join the newsroom",
    action: "/newsroom/invite",
    how: "by invitation",
};

pub async fn setup_form(state: State<AppState>, q: Query<TokenQuery>) -> Response {
    form(SETUP, state, q).await
}

pub async fn invite_form(state: State<AppState>, q: Query<TokenQuery>) -> Response {
    form(INVITE, state, q).await
}

pub async fn setup_submit(
    state: State<AppState>,
    address: ClientAddress,
    f: Form<AccountForm>,
) -> Answer {
    submit(SETUP, state, address, f).await
}

pub async fn invite_submit(
    state: State<AppState>,
    address: ClientAddress,
    f: Form<AccountForm>,
) -> Answer {
    submit(INVITE, state, address, f).await
}

async fn form(
    kind: LinkKind,
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Response {
    let now = clock::now().unix_timestamp();
    match state
        .store
        .staff_token_role(&token::digest(&q.token), kind.purpose, now)
        .await
    {
        Ok(Some(_)) => show(
            kind,
            &state,
            StatusCode::OK,
            q.token,
            SetupForm::default(),
            None,
        ),
        Ok(None) => link_used(&state),
        Err(e) => unavailable(e),
    }
}

fn show(
    kind: LinkKind,
    state: &AppState,
    status: StatusCode,
    token: String,
    form: SetupForm,
    error: Option<String>,
) -> Response {
    render(
        status,
        frame(state, kind.heading, None, Section::None),
        move || {
            let (heading, action) = (kind.heading, kind.action);
            view! { <SetupPage heading action token form error/> }
        },
    )
}

fn link_used(state: &AppState) -> Response {
    render(
        StatusCode::GONE,
        frame(state, "Link no longer valid", None, Section::None),
        || {
            view! { <MessagePage title="Link no longer valid".to_string() message=LINK_USED.to_string() link=("/newsroom/sign-in", "Sign in")/> }
        },
    )
}

#[derive(Deserialize)]
pub struct AccountForm {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub confirm: String,
}

/// What is wrong with a new account's form, in words for the form.
pub fn account_problem(f: &AccountForm) -> Option<String> {
    let name = f.name.trim();
    let email = f.email.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Some("Please give a name of 1 to 100 characters.".into());
    }
    if email.len() > 254
        || !email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.ends_with('.'))
        || email.contains(char::is_whitespace)
    {
        return Some("Please give an email address such as name@example.com.".into());
    }
    if f.password != f.confirm {
        return Some("The password and its confirmation differ.".into());
    }
    password::acceptable(&f.password, email, name)
        .err()
        .map(|w| w.to_string())
}

async fn submit(
    kind: LinkKind,
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<AccountForm>,
) -> Answer {
    let kept = SetupForm {
        name: f.name.trim().to_string(),
        email: f.email.trim().to_string(),
    };
    if let Some(problem) = account_problem(&f) {
        return Ok(show(
            kind,
            &state,
            StatusCode::BAD_REQUEST,
            f.token,
            kept,
            Some(problem),
        ));
    }
    let hash = password::hash(&f.password).await.map_err(unavailable)?;
    let now = clock::now().unix_timestamp();
    let account = NewStaff {
        email: &f.email,
        name: &f.name,
        // The link's role is what counts (the store takes it from the link).
        role: Role::Contributor,
        password_hash: Some(&hash),
    };
    let staff = match state
        .store
        .create_staff_with_token(&token::digest(&f.token), kind.purpose, account, now)
        .await
    {
        Ok(s) => s,
        Err(StoreError::Conflict(m)) if m == LINK_USED => return Ok(link_used(&state)),
        Err(StoreError::Conflict(m)) => {
            return Ok(show(
                kind,
                &state,
                StatusCode::CONFLICT,
                f.token,
                kept,
                Some(m),
            ))
        }
        Err(e) => return Err(unavailable(e)),
    };
    audit(
        &state,
        Some(staff.id),
        "account created",
        &format!("{} ({}), {}", staff.email, staff.role, kind.how),
        &address,
    )
    .await;
    let cookie = match session::start(&state, staff.id).await {
        Ok((c, _)) => c,
        Err(e) => return Err(unavailable(e)),
    };
    let mut res = no_store(Redirect::to("/newsroom").into_response());
    res.headers_mut().insert(header::SET_COOKIE, cookie);
    Ok(res)
}
