//! `/newsroom/messages` (editors and admins, `Permission::Moderate`): what readers sent through
//! the contact form. Opening a message marks it read; deleting one is in the audit log.

use super::failure::unavailable;
use super::page::{frame, render, see_other, Answer, Refused};
use super::session::SignedIn;
use super::{ClientAddress, Permission};
use crate::pages::newsroom::{
    ContactMessagePage, ContactMessageView, MessageLine, MessagesPage, Said, Section,
};
use crate::server::comments::text::paragraphs;
use crate::server::zone::SiteZone;
use crate::server::{clock, AppState};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Deserialize;

const PER_PAGE: i64 = 30;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    page: String,
    #[serde(default)]
    done: String,
}

/// `GET /newsroom/messages`.
pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<ListQuery>,
) -> Answer {
    s.require(Permission::Moderate)?;
    let page = q.page.parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let (rows, total, unread) = state
        .store
        .contact_messages((page - 1) * PER_PAGE, PER_PAGE)
        .await
        .map_err(unavailable)?;
    let zone = SiteZone::of(&state.config);
    let messages = rows
        .into_iter()
        .map(|m| MessageLine {
            href: format!("/newsroom/messages/{}", m.id),
            subject: m.subject,
            from: format!("{} <{}>", m.name, m.email),
            when: zone.describe(m.created_at),
            unread: m.read_at.is_none(),
        })
        .collect();
    let at = |n: i64| format!("/newsroom/messages?page={n}");
    let prev = (page > 1).then(|| at(page - 1));
    let next = (page * PER_PAGE < total).then(|| at(page + 1));
    let said = Said::notice((q.done == "deleted").then(|| "Message deleted.".to_string()));
    Ok(render(
        StatusCode::OK,
        frame(&state, "Messages", Some(&s), Section::Messages),
        move || view! { <MessagesPage messages total unread prev next said/> },
    ))
}

fn gone() -> Response {
    Refused(
        StatusCode::NOT_FOUND,
        "There is no such message. It may have been deleted.",
    )
    .into_response()
}

/// Characters a `mailto:` link writes as they are (RFC 6068); all others percent-encoded.
const MAILTO: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'@')
    .remove(b'.')
    .remove(b'-')
    .remove(b'_');

/// A `mailto:` link answering `email` about `subject`.
fn answer_link(email: &str, subject: &str) -> String {
    format!(
        "mailto:{}?subject={}",
        utf8_percent_encode(email, MAILTO),
        utf8_percent_encode(&format!("Re: {subject}"), MAILTO)
    )
}

/// `GET /newsroom/messages/<id>`: the message, now read.
pub async fn show(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Answer {
    s.require(Permission::Moderate)?;
    let now = clock::now().unix_timestamp();
    let m = match state.store.open_contact_message(id, now).await {
        Ok(Some(m)) => m,
        Ok(None) => return Err(gone()),
        Err(e) => return Err(unavailable(e)),
    };
    let answer_href = answer_link(&m.email, &m.subject);
    let message = ContactMessageView {
        id: m.id,
        paragraphs: paragraphs(&m.body),
        subject: m.subject,
        name: m.name,
        email: m.email,
        client: m.client,
        when: SiteZone::of(&state.config).describe(m.created_at),
        answer_href,
    };
    let title = message.subject.clone();
    let csrf = s.csrf.clone();
    Ok(render(
        StatusCode::OK,
        frame(&state, &title, Some(&s), Section::Messages),
        move || view! { <ContactMessagePage message csrf/> },
    ))
}

#[derive(Deserialize, Default)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /newsroom/messages/<id>/delete`.
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<CsrfForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::Moderate)?;
    match state.store.delete_contact_message(id).await {
        Ok(true) => {}
        Ok(false) => return Err(gone()),
        Err(e) => return Err(unavailable(e)),
    }
    s.audit(
        &state,
        "message deleted",
        &format!("message {id}"),
        &address,
    )
    .await;
    see_other("/newsroom/messages?done=deleted")
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_answer_link_encodes_the_subject_and_odd_addresses() {
        assert_eq!(
            super::answer_link("a+b@example.com", "Tip & more?"),
            "mailto:a%2Bb@example.com?subject=Re%3A%20Tip%20%26%20more%3F"
        );
    }
}
