//! Messages written as they are sent, for the subscriber the outbox row names: a newsletter
//! issue (queued to thousands of addresses in one statement, stored once) and a confirmation
//! queued in bulk to addresses stored before double opt-in. Writing them at sending time puts
//! each subscriber's own signed links in, and lets a subscriber who left meanwhile be skipped.

use super::compose::{self, ComposeError};
use super::links;
use crate::server::newsletter::digest::{stored_articles, Period};
use crate::server::store::newsletter_issues::IssueRow;
use crate::server::store::outbox::MailRow;
use crate::server::store::StoreError;
use crate::server::{clock, AppState};
use std::collections::HashMap;

/// Why a row's message was not written.
#[derive(Debug, thiserror::Error)]
pub enum NotWritten {
    /// Nothing to send any more (it unsubscribed, confirmed already, its issue is gone): the
    /// text says which, for the send log.
    #[error("{0}")]
    Skip(&'static str),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Compose(#[from] ComposeError),
}

/// The issues a worker's batches read, kept while it runs.
#[derive(Default)]
pub struct Issues(HashMap<String, Option<IssueRow>>);

impl Issues {
    async fn get(&mut self, state: &AppState, key: &str) -> Result<Option<&IssueRow>, StoreError> {
        if !self.0.contains_key(key) {
            let row = state.store.issue(key).await?;
            self.0.insert(key.to_string(), row);
        }
        Ok(self.0.get(key).and_then(Option::as_ref))
    }
}

/// The message of `row`: as stored, or written now for its subscriber.
pub async fn message(
    state: &AppState,
    row: &MailRow,
    issues: &mut Issues,
) -> Result<String, NotWritten> {
    let Some(subscriber_id) = row.subscriber_id.filter(|_| row.message.is_empty()) else {
        return Ok(row.message.clone());
    };
    let subscriber = state
        .store
        .mail_subscriber(subscriber_id)
        .await?
        .ok_or(NotWritten::Skip("Not sent: the subscriber was removed."))?;
    if subscriber.unsubscribed_at.is_some() {
        return Err(NotWritten::Skip(
            "Not sent: the address unsubscribed before it went out.",
        ));
    }
    let Some(key) = subscriber.email_key.as_deref() else {
        return Err(NotWritten::Skip(
            "Not sent: the address is not one mail can go to.",
        ));
    };
    let signing_key = state.store.signing_key();
    let base = &state.config.site.public_url;
    let leave = links::unsubscribe_token(signing_key, subscriber.id, key);
    let leave = format!("{base}/subscribe/unsubscribe?token={leave}");
    let sender = state.mail_sender();
    match (row.kind.as_str(), row.issue.as_deref()) {
        ("newsletter", Some(issue_key)) => {
            if subscriber.confirmed_at.is_none() {
                return Err(NotWritten::Skip("Not sent: the address is not confirmed."));
            }
            let issue = issues
                .get(state, issue_key)
                .await?
                .ok_or(NotWritten::Skip("Not sent: the issue was removed."))?;
            let period = Period::parse(&issue.period).unwrap_or(Period::Day);
            let articles = stored_articles(&issue.articles);
            Ok(super::digest::digest(
                &sender,
                &subscriber.email,
                &issue.subject,
                period,
                &articles,
                &leave,
            )?)
        }
        ("confirm", _) => {
            if subscriber.confirmed_at.is_some() {
                return Err(NotWritten::Skip(
                    "Not sent: the address had confirmed already.",
                ));
            }
            let now = clock::now().unix_timestamp();
            let confirm = links::confirm_token(signing_key, subscriber.id, key, now);
            let confirm = format!("{base}/subscribe/confirm?token={confirm}");
            Ok(compose::confirmation(
                &sender,
                &subscriber.email,
                &confirm,
                &leave,
            )?)
        }
        _ => Err(NotWritten::Skip("Not sent: the message is empty.")),
    }
}
