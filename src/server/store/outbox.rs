//! The mail outbox: every message is stored whole before it is sent, then a worker
//! (`server/mail/worker.rs`) claims the due ones, sends them and marks them sent, or due again
//! later, or failed for good after [`MAX_ATTEMPTS`]. A claimed message is due again after
//! [`CLAIM_SECONDS`], so one whose server stopped mid-send is sent by another (or the same, at
//! its next start). A newsletter issue is queued once per address (a unique index on the issue
//! and the recipient), so sending it again after a crash skips those already queued.

use super::{Result, Store};
use crate::server::store::db::{query, query_as, query_scalar};
use sqlx::FromRow;

/// Tries before a message is given up on.
pub const MAX_ATTEMPTS: i64 = 6;
/// Seconds a claim lasts: longer than a batch can take ([`crate::server::mail::worker`] claims
/// five at a time, and an SMTP command gives up after 20 s), so no message is claimed by a
/// second server while the first still sends it.
pub const CLAIM_SECONDS: i64 = 600;
/// Seconds to wait after the n-th failed try (1-based), before the next.
const BACKOFF: [i64; 5] = [60, 300, 1_800, 7_200, 43_200];

/// A message to queue. A notice to the newsroom (`kind` `notice`: a reader's message or comment
/// quoted) loses its text once it is sent or given up on, so that deleting the message in the
/// newsroom leaves no copy behind.
#[derive(Debug, Clone)]
pub struct NewMail<'a> {
    /// `confirm`, `newsletter`, `notice`.
    pub kind: &'a str,
    pub recipient: &'a str,
    /// The whole message (RFC 5322).
    pub message: &'a str,
    /// A newsletter issue's key (None for other messages).
    pub issue: Option<&'a str>,
}

/// A message in the outbox.
#[derive(Debug, Clone, FromRow)]
pub struct MailRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub message: String,
    pub issue: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// The subscriber the worker writes the message for, when `message` is empty (a newsletter
    /// issue, a confirmation queued in bulk: `store/newsletter_issues.rs`).
    pub subscriber_id: Option<i64>,
    /// 1 when given up on because there was nothing to send any more (not a delivery failure).
    pub skipped: i64,
}

pub(super) const MAIL_COLUMNS: &str = "id, kind, recipient, message, issue, status, attempts, \
     next_attempt_at, last_error, created_at, sent_at, subscriber_id, skipped";

impl Store {
    /// Queues a message, due at once. False when its issue was queued to its recipient already.
    pub async fn queue_mail(&self, m: &NewMail<'_>, now: i64) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let queued = queue_in(&mut tx, m, now).await?;
        tx.commit().await?;
        Ok(queued)
    }

    /// Claims up to `limit` due messages for sending.
    pub async fn claim_mail(&self, now: i64, limit: i64) -> Result<Vec<MailRow>> {
        let mut tx = self.write_tx().await?;
        let sql = format!(
            "SELECT {MAIL_COLUMNS} FROM mail_outbox WHERE status IN ('queued', 'sending') \
             AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2"
        );
        let mut rows: Vec<MailRow> = query_as(&sql)
            .bind(now)
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        for row in &mut rows {
            query(
                "UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, \
                 next_attempt_at = ?1 WHERE id = ?2",
            )
            .bind(now + CLAIM_SECONDS)
            .bind(row.id)
            .execute(&mut *tx)
            .await?;
            row.status = "sending".into();
            row.attempts += 1;
        }
        tx.commit().await?;
        Ok(rows)
    }

    /// Records a claimed message as sent (only under the claim that sent it: a late answer
    /// from a claim that ran out changes nothing).
    pub async fn mail_sent(&self, row: &MailRow, now: i64) -> Result<()> {
        query(
            "UPDATE mail_outbox SET status = 'sent', sent_at = ?1, last_error = '', \
             message = CASE WHEN kind = 'notice' THEN '' ELSE message END \
             WHERE id = ?2 AND status = 'sending' AND attempts = ?3",
        )
        .bind(now)
        .bind(row.id)
        .bind(row.attempts)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failed try: due again after the back-off, or failed for good after the last
    /// try or when `permanent` (the server refused the address).
    pub async fn mail_failed(
        &self,
        row: &MailRow,
        error: &str,
        permanent: bool,
        now: i64,
    ) -> Result<()> {
        let give_up = permanent || row.attempts >= MAX_ATTEMPTS;
        let wait = BACKOFF[(row.attempts.max(1) as usize - 1).min(BACKOFF.len() - 1)];
        query(
            "UPDATE mail_outbox SET status = ?1, next_attempt_at = ?2, last_error = ?3, \
             message = CASE WHEN ?1 = 'failed' AND kind = 'notice' THEN '' ELSE message END \
             WHERE id = ?4 AND status = 'sending' AND attempts = ?5",
        )
        .bind(if give_up { "failed" } else { "queued" })
        .bind(now + wait)
        .bind(error)
        .bind(row.id)
        .bind(row.attempts)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a claimed message as not sent for good because there is nothing to send any more
    /// (`why`: its subscriber left, or confirmed already).
    pub async fn mail_skipped(&self, row: &MailRow, why: &str) -> Result<()> {
        query(
            "UPDATE mail_outbox SET status = 'failed', skipped = 1, last_error = ?1 \
             WHERE id = ?2 AND status = 'sending' AND attempts = ?3",
        )
        .bind(why)
        .bind(row.id)
        .bind(row.attempts)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest messages, newest first (the send log), of `kind` when given.
    pub async fn mail_log(&self, kind: Option<&str>, limit: i64) -> Result<Vec<MailRow>> {
        let sql = format!(
            "SELECT {MAIL_COLUMNS} FROM mail_outbox WHERE ?1 = '' OR kind = ?1 \
             ORDER BY created_at DESC, id DESC LIMIT ?2"
        );
        Ok(query_as(&sql)
            .bind(kind.unwrap_or_default())
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// When the next queued message is due, if any is.
    pub async fn next_mail_due(&self) -> Result<Option<i64>> {
        Ok(query_scalar(
            "SELECT MIN(next_attempt_at) FROM mail_outbox WHERE status IN ('queued', 'sending')",
        )
        .fetch_one(&self.pool)
        .await?)
    }
}

/// Queues a message inside `tx` (for writes that queue mail with what they store).
pub(super) async fn queue_in(tx: &mut super::db::Tx, m: &NewMail<'_>, now: i64) -> Result<bool> {
    let done = query(
        "INSERT INTO mail_outbox (kind, recipient, message, issue, status, next_attempt_at, created_at) \
         VALUES (?1, ?2, ?3, ?4, 'queued', ?5, ?5) ON CONFLICT DO NOTHING",
    )
    .bind(m.kind)
    .bind(m.recipient)
    .bind(m.message)
    .bind(m.issue)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::store::fixtures::{empty_store, NOW};

    fn mail<'a>(to: &'a str, issue: Option<&'a str>) -> NewMail<'a> {
        NewMail {
            kind: "newsletter",
            recipient: to,
            message: "Subject: x\r\n\r\nbody",
            issue,
        }
    }

    #[tokio::test]
    async fn mail_is_claimed_retried_with_back_off_and_given_up() {
        let (store, _dir) = empty_store().await;
        assert!(store
            .queue_mail(&mail("a@example.com", None), NOW)
            .await
            .unwrap());
        let claimed = store.claim_mail(NOW, 10).await.unwrap();
        assert_eq!(claimed.len(), 1);
        assert_eq!(claimed[0].attempts, 1);
        let stale = claimed[0].clone();
        // Claimed: not due again until the claim runs out (a server that died mid-send).
        assert!(store.claim_mail(NOW + 1, 10).await.unwrap().is_empty());
        assert_eq!(
            store
                .claim_mail(NOW + CLAIM_SECONDS, 10)
                .await
                .unwrap()
                .len(),
            1
        );
        let row = &store.claim_mail(NOW + 2 * CLAIM_SECONDS, 10).await.unwrap()[0];
        assert_eq!(row.attempts, 3);
        // A first claim's late answer changes nothing: the third claim holds it.
        store.mail_sent(&stale, NOW).await.unwrap();
        assert_eq!(store.mail_log(None, 1).await.unwrap()[0].status, "sending");
        store
            .mail_failed(row, "421 try later", false, NOW)
            .await
            .unwrap();
        assert!(store.claim_mail(NOW + 1_799, 10).await.unwrap().is_empty());
        let row = &store.claim_mail(NOW + 1_800, 10).await.unwrap()[0];
        store
            .mail_failed(row, "550 no such user", true, NOW)
            .await
            .unwrap();
        assert!(store
            .claim_mail(NOW + 1_000_000, 10)
            .await
            .unwrap()
            .is_empty());
        let log = store.mail_log(None, 10).await.unwrap();
        assert_eq!(
            (log[0].status.as_str(), log[0].last_error.as_str()),
            ("failed", "550 no such user")
        );
        assert_eq!(store.next_mail_due().await.unwrap(), None);
    }

    #[tokio::test]
    async fn an_issue_goes_to_an_address_once() {
        let (store, _dir) = empty_store().await;
        assert!(store
            .queue_mail(&mail("a@example.com", Some("2026-12-06")), NOW)
            .await
            .unwrap());
        assert!(!store
            .queue_mail(&mail("a@example.com", Some("2026-12-06")), NOW)
            .await
            .unwrap());
        assert!(store
            .queue_mail(&mail("b@example.com", Some("2026-12-06")), NOW)
            .await
            .unwrap());
        let row = &store.claim_mail(NOW, 1).await.unwrap()[0];
        store.mail_sent(row, NOW).await.unwrap();
        assert_eq!(store.claim_mail(NOW, 10).await.unwrap().len(), 1);
        assert_eq!(
            store.mail_log(Some("newsletter"), 10).await.unwrap().len(),
            2
        );
        assert!(store
            .mail_log(Some("confirm"), 10)
            .await
            .unwrap()
            .is_empty());
    }
}
