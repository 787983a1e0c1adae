//! Posting a reader's comment: the form's fields checked one by one, each refusal with what the
//! reader is told and its HTTP status, then the store's own checks (the article, the comment
//! answered, the rate limits) and the moderation rule.

use super::form::{self, TokenProblem};
use super::text::{self, MAX_CHARS, MAX_NAME_CHARS};
use crate::server::email::{self, Refusal};
use crate::server::http::error_response::UNAVAILABLE_RETRY_SECONDS;
use crate::server::mail::notices::{self, HeldNotice};
use crate::server::store::comments::{
    CommentRefused, CommentRules, CommentStatus, NewComment, Posted,
};
use crate::server::store::StoreError;
use crate::server::{clock, AppState};
use axum::http::StatusCode;
use serde::Deserialize;

/// The comment form's fields (`components/comments.rs` names them).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    pub article: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub token: String,
    /// The honeypot: hidden from people, filled in by robots that fill in every field.
    #[serde(default)]
    pub leave_empty: String,
}

/// Why a comment was not posted: what the reader is told, with the answer's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: StatusCode,
    pub message: String,
    /// Seconds to wait, for a 429 or a 503.
    pub retry_after: Option<i64>,
}

impl Problem {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn bad(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// The store failed while keeping what the reader sent (`what`: "comment", "message"),
    /// logged in full: a fault of the database that passes is a 503 with `Retry-After`, since
    /// the same post will work in a moment; anything else a 500 (posting again will not help).
    pub fn store_failed(e: &StoreError, what: &str) -> Self {
        tracing::error!(error = %e, "a reader's {what} could not be kept");
        if e.is_unavailable() {
            return Self {
                retry_after: Some(i64::from(UNAVAILABLE_RETRY_SECONDS)),
                ..Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    format!("We couldn't save your {what} just now. Please try again in a moment."),
                )
            };
        }
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "Something went wrong on our side and your {what} was not saved. Please try again later."
            ),
        )
    }
}

const INCOMPLETE: &str =
    "This comment form is incomplete. Please post your comment again from the article.";

/// The article a form posts to, when its field holds one.
pub fn article_id(form: &CommentForm) -> Option<i64> {
    form.article.trim().parse().ok().filter(|id| *id > 0)
}

/// The rules of `comments.*` for the store.
pub fn rules(state: &AppState) -> CommentRules {
    let c = &state.config.comments;
    CommentRules {
        per_address: c.per_address_per_hour.into(),
        per_client: c.per_client_per_hour.into(),
        hold_all: c.hold_all,
    }
}

/// Checks and stores a comment from `client`.
pub async fn post(state: &AppState, form: &CommentForm, client: &str) -> Result<Posted, Problem> {
    let now = clock::now().unix_timestamp();
    let article_id = article_id(form).ok_or_else(|| Problem::bad(INCOMPLETE))?;
    if !form.leave_empty.is_empty() {
        return Err(Problem::bad(
            "Your comment was not posted: the field to leave empty was filled in, as spam robots do.",
        ));
    }
    let min_seconds = state.config.comments.min_seconds.into();
    match form::check(state.store.signing_key(), &form.token, now, min_seconds) {
        Ok(()) => {}
        Err(TokenProblem::Invalid) => return Err(Problem::bad(INCOMPLETE)),
        Err(TokenProblem::TooSoon) => {
            return Err(Problem::bad(
                "That was quick: please wait a few seconds, then post your comment again.",
            ))
        }
        Err(TokenProblem::TooOld) => {
            return Err(Problem::bad(
                "This page was opened a long time ago. Please post your comment again.",
            ))
        }
    }
    let name = checked_name(&form.name)?;
    let address = email::canonical(&form.email).map_err(|r| Problem::bad(email_problem(r)))?;
    let body = checked_body(&form.comment, state.config.comments.max_links as usize)?;
    let parent_id = match form.parent.trim() {
        "" => None,
        p => Some(p.parse::<i64>().map_err(|_| Problem::bad(INCOMPLETE))?),
    };
    let new = NewComment {
        article_id,
        parent_id,
        name: &name,
        email: &address,
        body: &body,
        client,
        staff_id: None,
    };
    match state.store.add_comment(&new, rules(state), now).await {
        Ok(Ok(posted)) => {
            if posted.status == CommentStatus::Held {
                tell_newsroom(state, posted.id, article_id, &name, &body).await;
            }
            Ok(posted)
        }
        Ok(Err(refused)) => Err(refused_problem(refused)),
        Err(e) => Err(Problem::store_failed(&e, "comment")),
    }
}

/// Tells `mail.notify`, when it names an address, of a comment held for moderation.
async fn tell_newsroom(state: &AppState, id: i64, article_id: i64, name: &str, body: &str) {
    if state.config.mail.notify.trim().is_empty() {
        return;
    }
    let title = match state.store.article_title(article_id).await {
        Ok(Some(title)) => title,
        _ => format!("article {article_id}"),
    };
    let url = format!("{}/newsroom/comments/{id}", state.config.site.public_url);
    let notice = HeldNotice {
        name,
        article_title: &title,
        body,
        newsroom_url: &url,
    };
    notices::notify(state, |sender, to| {
        notices::held_comment(sender, to, &notice)
    })
    .await;
}

fn refused_problem(refused: CommentRefused) -> Problem {
    match refused {
        CommentRefused::NoArticle => Problem::new(
            StatusCode::NOT_FOUND,
            "There is no such article to comment on. It may have been taken down.",
        ),
        CommentRefused::Closed => Problem::new(
            StatusCode::FORBIDDEN,
            "Comments are closed on this article.",
        ),
        CommentRefused::NoParent => Problem::bad(
            "The comment you answered is no longer there. Post yours as a new comment instead.",
        ),
        CommentRefused::TooMany(wait) => {
            let minutes = (wait + 59) / 60;
            let when = if minutes <= 1 {
                "a minute".to_string()
            } else {
                format!("{minutes} minutes")
            };
            Problem {
                status: StatusCode::TOO_MANY_REQUESTS,
                message: format!(
                    "You have posted many comments in a short time. Please wait {when} and try again."
                ),
                retry_after: Some(wait),
            }
        }
    }
}

/// The name as kept: trimmed, one line, not too long.
pub fn checked_name(raw: &str) -> Result<String, Problem> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Problem::bad("Please give your name."));
    }
    if name
        .chars()
        .any(|c| c.is_control() || is_invisible_format(c))
    {
        return Err(Problem::bad(
            "A name cannot hold line breaks, control or invisible characters.",
        ));
    }
    let n = name.chars().count();
    if n > MAX_NAME_CHARS {
        return Err(Problem::bad(format!(
            "A name is at most {MAX_NAME_CHARS} characters (yours has {n})."
        )));
    }
    Ok(name.to_string())
}

/// The comment as kept: line endings made one, trimmed, under the caps on length and links.
pub fn checked_body(raw: &str, max_links: usize) -> Result<String, Problem> {
    checked_text(raw, "comment", MAX_CHARS, max_links)
}

/// A reader's `noun` (comment, message) as kept: line endings made one, trimmed, at most
/// `max_chars` characters and `max_links` web addresses, no control characters.
pub fn checked_text(
    raw: &str,
    noun: &str,
    max_chars: usize,
    max_links: usize,
) -> Result<String, Problem> {
    let body = text::normalized(raw);
    if body.is_empty() {
        return Err(Problem::bad(format!("Please write your {noun}.")));
    }
    if body
        .chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == char::REPLACEMENT_CHARACTER)
    {
        return Err(Problem::bad(format!(
            "A {noun} cannot hold control characters or bytes that are not text."
        )));
    }
    let n = body.chars().count();
    if n > max_chars {
        return Err(Problem::bad(format!(
            "A {noun} is at most {} characters (yours has {n}). Please shorten it.",
            thousands(max_chars)
        )));
    }
    let links = text::link_count(&body);
    if links > max_links {
        return Err(Problem::bad(match max_links {
            0 => format!("Web addresses are not allowed in a {noun}. Please remove them."),
            1 => format!("A {noun} may hold one web address (yours has {links})."),
            m => format!("A {noun} may hold at most {m} web addresses (yours has {links})."),
        }));
    }
    Ok(body)
}

/// `5000` as `5,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Bidi controls and zero-width characters, which make a name read otherwise than it is.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

pub fn email_problem(r: Refusal) -> &'static str {
    match r {
        Refusal::NotAnAddress => "Please give your email address, such as name@example.com. It is never shown.",
        Refusal::TooLong => "That email address is too long to be real.",
        Refusal::Invisible => {
            "That email address holds invisible characters. Please type it again."
        }
        Refusal::Garbled => "That email address holds bytes that are not text. Please type it again.",
        Refusal::LookAlike => {
            "That email address mixes letters that only look alike. Please type it with ordinary letters."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_short_line() {
        assert_eq!(checked_name("  Ann  ").unwrap(), "Ann");
        assert!(checked_name("").is_err());
        assert!(checked_name("Ann\r\nBcc: x@example.com").is_err());
        assert!(checked_name("Ann\u{202E}nimda").is_err());
        assert!(checked_name(&"a".repeat(81)).is_err());
        assert_eq!(checked_name("عائشة").unwrap(), "عائشة");
    }

    #[test]
    fn bodies_are_capped_in_length_and_links() {
        assert_eq!(checked_body(" a\r\nb ", 2).unwrap(), "a\nb");
        assert!(checked_body("   ", 2).is_err());
        assert!(checked_body(&"x".repeat(5_001), 2).is_err());
        assert!(checked_body(&"é".repeat(5_000), 2).is_ok());
        assert!(checked_body("nul \0 here", 2).is_err());
        let three = "https://a.example https://b.example www.c.example";
        let refused = checked_body(three, 2).unwrap_err();
        assert_eq!(
            refused.message,
            "A comment may hold at most 2 web addresses (yours has 3)."
        );
        assert!(checked_body(three, 3).is_ok());
        assert_eq!(
            checked_text(&"x".repeat(12_001), "message", 12_000, 5)
                .unwrap_err()
                .message,
            "A message is at most 12,000 characters (yours has 12001). Please shorten it."
        );
    }

    #[test]
    fn floods_are_told_how_long_to_wait() {
        let p = refused_problem(CommentRefused::TooMany(125));
        assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(p.retry_after, Some(125));
        assert!(p.message.contains("3 minutes"));
    }
}
