//! `/newsroom/staff` (admins): every account with its role and access, role changes,
//! deactivation (its sessions end at once, its articles stay) and invitation links.

use super::failure::unavailable;
use super::page::{frame, render, see_other, Answer, Refused};
use super::session::SignedIn;
use super::{token, ClientAddress, Permission, Role};
use crate::pages::newsroom::{Section, StaffLine, StaffPage};
use crate::server::clock;
use crate::server::store::{StoreError, TokenPurpose};
use crate::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

/// How long an invitation link works.
const INVITE_SECONDS: i64 = 7 * 86_400;

#[derive(Deserialize, Default)]
pub struct StaffQuery {
    #[serde(default)]
    done: String,
}

pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<StaffQuery>,
) -> Answer {
    s.require(Permission::Administer)?;
    let notice = (q.done == "saved").then(|| "Saved.".to_string());
    page(&state, &s, StatusCode::OK, None, notice, None).await
}

async fn page(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    invite: Option<String>,
    notice: Option<String>,
    problem: Option<String>,
) -> Answer {
    let staff = state.store.all_staff().await.map_err(unavailable)?;
    let lines = staff
        .into_iter()
        .map(|m| StaffLine {
            id: m.id,
            is_you: m.id == s.staff.id,
            name: m.name,
            email: m.email,
            role: m.role.as_str(),
            active: m.active,
        })
        .collect();
    let csrf = s.csrf.clone();
    Ok(render(
        status,
        frame(state, "Staff", Some(s), Section::Staff),
        move || {
            view! { <StaffPage lines csrf invite notice problem/> }
        },
    ))
}

#[derive(Deserialize)]
pub struct AccessForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    active: String,
}

pub async fn change(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<AccessForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::Administer)?;
    let (Ok(role), Ok(active)) = (f.role.parse::<Role>(), f.active.parse::<bool>()) else {
        return Err(
            Refused(StatusCode::BAD_REQUEST, "Choose a role from the list.").into_response(),
        );
    };
    let before = match state.store.staff_by_id(id).await {
        Ok(Some(m)) => m,
        Ok(None) => {
            return Err(Refused(StatusCode::NOT_FOUND, "There is no such account.").into_response())
        }
        Err(e) => return Err(unavailable(e)),
    };
    match state.store.set_staff_access(id, role, active).await {
        Ok(()) => {}
        Err(StoreError::Conflict(m)) => {
            return page(&state, &s, StatusCode::CONFLICT, None, None, Some(m)).await
        }
        Err(e) => return Err(unavailable(e)),
    }
    if before.role != role {
        let what = format!("{}: {} → {}", before.email, before.role, role);
        s.audit(&state, "role changed", &what, &address).await;
    }
    if before.active != active {
        let action = if active {
            "account reactivated"
        } else {
            "account deactivated"
        };
        s.audit(&state, action, &before.email, &address).await;
    }
    see_other("/newsroom/staff?done=saved")
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    role: String,
}

/// Makes an invitation and shows its link once (answered as the page itself, not a redirect,
/// so the link never sits in an address bar's history or a log).
pub async fn invite(
    State(state): State<AppState>,
    s: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(f): Form<InviteForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::Administer)?;
    let Ok(role) = f.role.parse::<Role>() else {
        return Err(
            Refused(StatusCode::BAD_REQUEST, "Choose a role from the list.").into_response(),
        );
    };
    let secret = token::random();
    let now = clock::now().unix_timestamp();
    if let Err(e) = state
        .store
        .create_staff_token(
            &token::digest(&secret),
            TokenPurpose::Invite,
            role,
            Some(s.staff.id),
            now,
            now + INVITE_SECONDS,
        )
        .await
    {
        return Err(unavailable(e));
    }
    s.audit(&state, "invitation made", role.as_str(), &address)
        .await;
    let link = format!(
        "{}/newsroom/invite?token={secret}",
        state.config.site.public_url.trim_end_matches('/')
    );
    page(&state, &s, StatusCode::OK, Some(link), None, None).await
}
