//! `/newsroom/audit`: the audit log, for admins only.

use super::failure::unavailable;
use super::page::{frame, render, Answer};
use super::session::SignedIn;
use super::Permission;
use crate::pages::newsroom::{AuditLine, AuditPage, Section};
use crate::server::clock;
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use leptos::prelude::*;
use serde::Deserialize;

const PER_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    page: String,
}

pub async fn show(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<AuditQuery>,
) -> Answer {
    signed_in.require(Permission::Administer)?;
    let page: i64 = q
        .page
        .parse()
        .ok()
        .filter(|p| (1..=100_000).contains(p))
        .unwrap_or(1);
    // One more than a page, to know whether an older page exists.
    let entries = state
        .store
        .audit_entries(PER_PAGE + 1, (page - 1) * PER_PAGE)
        .await
        .map_err(unavailable)?;
    let older = entries.len() as i64 > PER_PAGE;
    let now = clock::now();
    let zone = SiteZone::of(&state.config);
    let lines = entries
        .into_iter()
        .take(PER_PAGE as usize)
        .map(|e| {
            let t = time::OffsetDateTime::from_unix_timestamp(e.at).unwrap_or(now);
            AuditLine {
                date_iso: clock::iso(t),
                date: zone.describe(e.at),
                actor: e.actor.unwrap_or_else(|| "—".into()),
                action: e.action,
                subject: e.subject,
                address: e.address,
            }
        })
        .collect();
    let link = |n: i64| {
        if n == 1 {
            "/newsroom/audit".to_string()
        } else {
            format!("/newsroom/audit?page={n}")
        }
    };
    let previous = (page > 1).then(|| link(page - 1));
    let next = older.then(|| link(page + 1));
    Ok(render(
        StatusCode::OK,
        frame(&state, "Audit log", Some(&signed_in), Section::Audit),
        move || {
            view! { <AuditPage lines previous next/> }
        },
    ))
}
