//! The worker that empties the outbox: it claims the due messages, sends each, and records
//! what happened (sent; due again after a back-off; failed for good). It sleeps until the next
//! message is due, a new one is queued on this server (`Mailer::wake`), or 30 seconds pass (a
//! message queued by another server on the same database).

use super::for_subscriber::{self, Issues, NotWritten};
use crate::server::metrics::MAIL;
use crate::server::store::outbox::MAX_ATTEMPTS;
use crate::server::{clock, AppState};
use std::time::Duration;

/// Messages claimed at a time.
const BATCH: i64 = 5;
/// The longest sleep between looks at the outbox.
const LOOK_EVERY: Duration = Duration::from_secs(30);

pub async fn run(state: AppState) {
    let (store, mailer) = (state.store.clone(), state.mailer.clone());
    let mut issues = Issues::default();
    loop {
        let now = clock::now().unix_timestamp();
        let claimed = match store.claim_mail(now, BATCH).await {
            Ok(rows) => rows,
            Err(e) => {
                tracing::warn!(error = %e, "the mail outbox could not be read; trying again");
                tokio::time::sleep(Duration::from_secs(5)).await;
                continue;
            }
        };
        let full = claimed.len() as i64 == BATCH;
        for row in claimed {
            let outcome = match for_subscriber::message(&state, &row, &mut issues).await {
                Ok(message) => mailer.send(&row.recipient, &message).await,
                Err(NotWritten::Skip(why)) => {
                    tracing::info!(id = row.id, kind = %row.kind, why, "mail not needed any more");
                    count(&row.kind, "skipped");
                    if let Err(e) = store.mail_skipped(&row, why).await {
                        tracing::warn!(id = row.id, error = %e, "a skipped mail could not be marked");
                    }
                    continue;
                }
                // An address lettre will not take stays so: no retry helps.
                Err(NotWritten::Compose(e)) => Err(super::transport::SendFailure {
                    permanent: true,
                    text: format!("the message could not be written: {e}"),
                }),
                Err(e) => Err(super::transport::SendFailure {
                    permanent: false,
                    text: format!("the message could not be written: {e}"),
                }),
            };
            let now = clock::now().unix_timestamp();
            let recorded = match outcome {
                Ok(()) => {
                    tracing::info!(id = row.id, kind = %row.kind, "mail sent");
                    count(&row.kind, "sent");
                    store.mail_sent(&row, now).await
                }
                Err(failure) => {
                    tracing::warn!(id = row.id, kind = %row.kind, attempt = row.attempts,
                        error = %failure.text, "mail not sent");
                    let given_up = failure.permanent || row.attempts >= MAX_ATTEMPTS;
                    count(&row.kind, if given_up { "failed" } else { "retry" });
                    store
                        .mail_failed(&row, &failure.text, failure.permanent, now)
                        .await
                }
            };
            if let Err(e) = recorded {
                tracing::warn!(id = row.id, error = %e, "a sent mail's outcome could not be stored");
            }
        }
        if full {
            continue;
        }
        let wait = match store.next_mail_due().await {
            Ok(Some(due)) => {
                let secs = (due - clock::now().unix_timestamp()).clamp(0, 30) as u64;
                Duration::from_secs(secs).min(LOOK_EVERY)
            }
            _ => LOOK_EVERY,
        };
        if wait.is_zero() {
            tokio::time::sleep(Duration::from_millis(200)).await;
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = mailer.woken() => {}
        }
    }
}

/// Counts one message's outcome for `/metrics` (`kind` is one of the few the code queues).
fn count(kind: &str, outcome: &'static str) {
    metrics::counter!(MAIL, "kind" => kind.to_string(), "outcome" => outcome).increment(1);
}
