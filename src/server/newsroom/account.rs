//! `/newsroom/account`: the signed-in account's page, password change and "Sign out everywhere".

use super::failure::unavailable;
use super::page::{frame, render, Answer};
use super::session::SignedIn;
use super::sign_in::{signed_out, CsrfForm};
use super::{audit, password, ClientAddress};
use crate::pages::newsroom::{AccountNotice, AccountPage, Section};
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct AccountQuery {
    #[serde(default)]
    done: String,
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<AccountQuery>,
) -> Answer {
    let notice = (q.done == "password").then(|| {
        AccountNotice::Done(
            "Your password has been changed. Other sessions have been signed out.".into(),
        )
    });
    page(&state, &signed_in, StatusCode::OK, notice).await
}

async fn page(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    notice: Option<AccountNotice>,
) -> Answer {
    let sessions = state
        .store
        .session_count(s.staff.id)
        .await
        .map_err(unavailable)?;
    let (name, email, role, csrf) = (
        s.staff.name.clone(),
        s.staff.email.clone(),
        s.staff.role.label(),
        s.csrf.clone(),
    );
    Ok(render(
        status,
        frame(state, "Account", Some(s), Section::Account),
        move || view! { <AccountPage name email role sessions csrf notice/> },
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(f): Form<PasswordForm>,
) -> Answer {
    signed_in.check_csrf(&f.csrf)?;
    let staff = &signed_in.staff;
    let problem = |text: String| {
        page(
            &state,
            &signed_in,
            StatusCode::BAD_REQUEST,
            Some(AccountNotice::Problem(text)),
        )
    };
    let stored = state
        .store
        .password_hash(staff.id)
        .await
        .map_err(unavailable)?;
    if !password::verify(&f.current, stored).await {
        return problem("Your current password is not right, so nothing was changed.".into()).await;
    }
    if f.new != f.confirm {
        return problem(
            "The new password and its confirmation differ, so nothing was changed.".into(),
        )
        .await;
    }
    if let Err(weak) = password::acceptable(&f.new, &staff.email, &staff.name) {
        return problem(format!("{weak} Nothing was changed.")).await;
    }
    let hash = password::hash(&f.new).await.map_err(unavailable)?;
    if let Err(e) = state.store.set_password(staff.id, &hash).await {
        return Err(unavailable(e));
    }
    if let Err(e) = state
        .store
        .end_sessions_of(staff.id, Some(signed_in.id_hash()))
        .await
    {
        return Err(unavailable(e));
    }
    audit(
        &state,
        Some(staff.id),
        "password changed",
        &staff.email,
        &address,
    )
    .await;
    Ok(super::page::no_store(
        Redirect::to("/newsroom/account?done=password").into_response(),
    ))
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(f): Form<CsrfForm>,
) -> Response {
    if let Err(refusal) = signed_in.check_csrf(&f.csrf) {
        return refusal.into_response();
    }
    if let Err(e) = state.store.end_sessions_of(signed_in.staff.id, None).await {
        return unavailable(e);
    }
    audit(
        &state,
        Some(signed_in.staff.id),
        "signed out everywhere",
        &signed_in.staff.email,
        &address,
    )
    .await;
    signed_out(&state, "everywhere")
}
