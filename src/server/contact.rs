//! The contact form's message: its fields checked one by one (the comment form's protections:
//! the honeypot, the signed form time, the per-address and per-client limits per hour, caps on
//! length and links, one-line names and subjects so nothing can be smuggled into a header),
//! stored for the newsroom (`/newsroom/messages`), and, when `mail.notify` names an address, a
//! notice queued to it.

use crate::server::comments::form::{self, TokenProblem};
use crate::server::comments::post::{
    checked_name, checked_text, email_problem, is_invisible_format, Problem,
};
use crate::server::email;
use crate::server::mail::notices::{self, ContactNotice};
use crate::server::store::contact_messages::{ContactAdded, ContactLimits, NewContactMessage};
use crate::server::{clock, AppState};
use axum::http::StatusCode;
use serde::Deserialize;

/// The longest subject, in characters.
pub const MAX_SUBJECT_CHARS: usize = 150;
/// The longest message, in characters (as a comment: in any script it fits the 64 kB a
/// reader's form may send, `http/request_body.rs`).
pub const MAX_MESSAGE_CHARS: usize = 5_000;
/// Web addresses one message may hold (a tip may point at a few pages).
pub const MAX_LINKS: usize = 10;

/// The form's fields (`components/contact_form.rs` names them).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub token: String,
    /// The honeypot: hidden from people, filled in by robots that fill in every field.
    #[serde(default)]
    pub leave_empty: String,
}

const INCOMPLETE: &str =
    "This contact form is incomplete. Please send your message again from the contact page.";

/// The subject as kept: trimmed, one short line.
pub fn checked_subject(raw: &str) -> Result<String, Problem> {
    let subject = raw.trim();
    if subject.is_empty() {
        return Err(Problem::bad("Please give your message a subject."));
    }
    if subject
        .chars()
        .any(|c| c.is_control() || is_invisible_format(c))
    {
        return Err(Problem::bad(
            "A subject cannot hold line breaks, control or invisible characters.",
        ));
    }
    let n = subject.chars().count();
    if n > MAX_SUBJECT_CHARS {
        return Err(Problem::bad(format!(
            "A subject is at most {MAX_SUBJECT_CHARS} characters (yours has {n})."
        )));
    }
    Ok(subject.to_string())
}

/// Checks and stores a message from `client`; returns its id.
pub async fn send(state: &AppState, f: &ContactForm, client: &str) -> Result<i64, Problem> {
    let now = clock::now().unix_timestamp();
    if !f.leave_empty.is_empty() {
        return Err(Problem::bad(
            "Your message was not sent: the field to leave empty was filled in, as spam robots do.",
        ));
    }
    let min_seconds = state.config.comments.min_seconds.into();
    let key = state.store.signing_key();
    match form::check_for(key, form::CONTACT_FORM, &f.token, now, min_seconds) {
        Ok(()) => {}
        Err(TokenProblem::Invalid) => return Err(Problem::bad(INCOMPLETE)),
        Err(TokenProblem::TooSoon) => {
            return Err(Problem::bad(
                "That was quick: please wait a few seconds, then send your message again.",
            ))
        }
        Err(TokenProblem::TooOld) => {
            return Err(Problem::bad(
                "This page was opened a long time ago. Please send your message again.",
            ))
        }
    }
    let name = checked_name(&f.name)?;
    let address = email::canonical(&f.email).map_err(|r| Problem::bad(email_problem(r)))?;
    let subject = checked_subject(&f.subject)?;
    let body = checked_text(&f.message, "message", MAX_MESSAGE_CHARS, MAX_LINKS)?;
    let limits = ContactLimits {
        per_address: state.config.comments.per_address_per_hour.into(),
        per_client: state.config.comments.per_client_per_hour.into(),
    };
    let new = NewContactMessage {
        name: &name,
        email: &address,
        subject: &subject,
        body: &body,
        client,
    };
    let id = match state.store.add_contact_message(&new, limits, now).await {
        // The same message again (a double click, a resent form): sent already.
        Ok(Ok(ContactAdded::Again(id))) => return Ok(id),
        Ok(Ok(ContactAdded::New(id))) => id,
        Ok(Err(wait)) => {
            let minutes = (wait + 59) / 60;
            let when = if minutes <= 1 {
                "a minute".to_string()
            } else {
                format!("{minutes} minutes")
            };
            return Err(Problem {
                status: StatusCode::TOO_MANY_REQUESTS,
                message: format!(
                    "You have sent many messages in a short time. Please wait {when} and try again."
                ),
                retry_after: Some(wait),
            });
        }
        Err(e) => return Err(Problem::store_failed(&e, "message")),
    };
    let notice = ContactNotice {
        name: &name,
        email: &address.email,
        subject: &subject,
        body: &body,
        newsroom_url: &format!("{}/newsroom/messages/{id}", state.config.site.public_url),
    };
    notices::notify(state, |sender, to| notices::contact(sender, to, &notice)).await;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_one_short_line() {
        assert_eq!(checked_subject("  A tip  ").unwrap(), "A tip");
        assert!(checked_subject(" ").is_err());
        assert!(checked_subject("Tip\r\nBcc: all@example.com").is_err());
        assert!(checked_subject("Tip\u{202E}").is_err());
        assert!(checked_subject(&"s".repeat(151)).is_err());
        assert!(checked_subject(&"س".repeat(150)).is_ok());
    }
}
