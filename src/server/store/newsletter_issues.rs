//! Newsletter issues and the subscribers they go to. An issue is stored once, with its articles;
//! creating it queues one outbox row per confirmed subscriber in the same transaction (one
//! `INSERT … SELECT`), naming the issue and the subscriber: the mail worker writes each message
//! as it sends it. An issue's key is unique and so is (issue, recipient) in the outbox, so
//! a second server, a second click or a restart mid-send never sends an issue to an address
//! twice.

use super::article::SELECT_SUMMARY;
use super::{ArticleRow, Result, Store};
use crate::server::store::db::{query, query_as, query_scalar};
use sqlx::FromRow;

/// An issue to create.
#[derive(Debug, Clone)]
pub struct NewIssue<'a> {
    pub key: &'a str,
    /// `day` or `week`.
    pub period: &'a str,
    pub subject: &'a str,
    /// The articles, as the digest's JSON.
    pub articles: &'a str,
    pub article_count: i64,
    /// The staff account that sent it (None: the schedule).
    pub sent_by: Option<i64>,
}

/// What creating an issue did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueCreated {
    /// Stored and queued to this many addresses (none when it holds no article).
    Queued { recipients: i64 },
    /// An issue with this key exists already: nothing was done.
    Exists,
}

/// A stored issue.
#[derive(Debug, Clone, FromRow)]
pub struct IssueRow {
    pub id: i64,
    pub key: String,
    pub period: String,
    pub subject: String,
    pub articles: String,
    pub article_count: i64,
    pub recipients: i64,
    pub sent_by: Option<i64>,
    pub created_at: i64,
}

/// An issue in the send log, with how far its sending is.
#[derive(Debug, Clone, FromRow)]
pub struct IssueProgress {
    pub key: String,
    pub period: String,
    pub subject: String,
    pub article_count: i64,
    pub recipients: i64,
    /// The name of the account that sent it (None: the schedule, or a deleted account).
    pub sent_by_name: Option<String>,
    pub created_at: i64,
    pub sent: i64,
    pub failed: i64,
    /// Not sent because there was nothing to send any more (the address left meanwhile).
    pub skipped: i64,
    /// Queued or being sent.
    pub waiting: i64,
    /// When its last message went.
    pub last_sent_at: Option<i64>,
}

/// How many subscribers are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromRow)]
pub struct SubscriberCounts {
    /// Receive newsletters.
    pub confirmed: i64,
    /// Signed up and sent a confirmation, not confirmed yet.
    pub pending: i64,
    /// Stored before double opt-in and never sent a confirmation.
    pub never_asked: i64,
    /// Unsubscribed.
    pub unsubscribed: i64,
}

/// What the mail worker needs to write a message for a subscriber.
#[derive(Debug, Clone, FromRow)]
pub struct MailSubscriber {
    pub id: i64,
    pub email: String,
    pub email_key: Option<String>,
    pub confirmed_at: Option<i64>,
    pub unsubscribed_at: Option<i64>,
}

impl MailSubscriber {
    /// Whether it receives newsletters now.
    pub fn receives(&self) -> bool {
        self.confirmed_at.is_some() && self.unsubscribed_at.is_none() && self.email_key.is_some()
    }
}

const ISSUE_COLUMNS: &str =
    "id, key, period, subject, articles, article_count, recipients, sent_by, created_at";

impl Store {
    /// The articles published in `[from, until)`, most read first (newest first among equals).
    pub async fn top_articles(&self, from: i64, until: i64, limit: i64) -> Result<Vec<ArticleRow>> {
        let sql = format!(
            "{SELECT_SUMMARY} WHERE a.published_at >= ?1 AND a.published_at < ?2 \
             ORDER BY a.views DESC, a.published_at DESC, a.id DESC LIMIT ?3"
        );
        Ok(query_as(&sql)
            .bind(from)
            .bind(until)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Stores an issue and, when it holds articles, queues it to every confirmed subscriber.
    pub async fn create_issue(&self, issue: &NewIssue<'_>, now: i64) -> Result<IssueCreated> {
        let mut tx = self.write_tx().await?;
        let id: Option<i64> = query_scalar(
            "INSERT INTO newsletter_issues \
             (key, period, subject, articles, article_count, recipients, sent_by, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(issue.key)
        .bind(issue.period)
        .bind(issue.subject)
        .bind(issue.articles)
        .bind(issue.article_count)
        .bind(issue.sent_by)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            return Ok(IssueCreated::Exists);
        };
        let mut recipients = 0;
        if issue.article_count > 0 {
            recipients = query(
                "INSERT INTO mail_outbox \
                 (kind, recipient, message, issue, subscriber_id, status, next_attempt_at, created_at) \
                 SELECT 'newsletter', email, '', ?1, id, 'queued', ?2, ?2 FROM subscribers \
                 WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL \
                 AND email_key IS NOT NULL ON CONFLICT DO NOTHING",
            )
            .bind(issue.key)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected() as i64;
            query("UPDATE newsletter_issues SET recipients = ?1 WHERE id = ?2")
                .bind(recipients)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(IssueCreated::Queued { recipients })
    }

    /// The issue with `key`.
    pub async fn issue(&self, key: &str) -> Result<Option<IssueRow>> {
        let sql = format!("SELECT {ISSUE_COLUMNS} FROM newsletter_issues WHERE key = ?1");
        Ok(query_as(&sql).bind(key).fetch_optional(&self.pool).await?)
    }

    /// The newest issues first (only issue `key` when given), each with how far its sending is.
    pub async fn issue_log(&self, key: Option<&str>, limit: i64) -> Result<Vec<IssueProgress>> {
        Ok(query_as(
            "SELECT i.key, i.period, i.subject, i.article_count, i.recipients, \
             s.name AS sent_by_name, i.created_at, \
             COALESCE(SUM(CASE WHEN m.status = 'sent' THEN 1 ELSE 0 END), 0) AS sent, \
             COALESCE(SUM(CASE WHEN m.status = 'failed' AND m.skipped = 0 THEN 1 ELSE 0 END), 0) \
             AS failed, \
             COALESCE(SUM(CASE WHEN m.status = 'failed' AND m.skipped = 1 THEN 1 ELSE 0 END), 0) \
             AS skipped, \
             COALESCE(SUM(CASE WHEN m.status IN ('queued', 'sending') THEN 1 ELSE 0 END), 0) \
             AS waiting, MAX(m.sent_at) AS last_sent_at \
             FROM newsletter_issues i LEFT JOIN staff s ON s.id = i.sent_by \
             LEFT JOIN mail_outbox m ON m.issue = i.key WHERE ?1 = '' OR i.key = ?1 \
             GROUP BY i.id, i.key, i.period, i.subject, i.article_count, i.recipients, s.name, \
             i.created_at ORDER BY i.created_at DESC, i.id DESC LIMIT ?2",
        )
        .bind(key.unwrap_or_default())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// An issue's messages, those not sent first, then by address.
    pub async fn issue_mail(&self, key: &str, limit: i64) -> Result<Vec<super::outbox::MailRow>> {
        let sql = format!(
            "SELECT {} FROM mail_outbox WHERE issue = ?1 \
             ORDER BY CASE status WHEN 'failed' THEN 0 WHEN 'sent' THEN 2 ELSE 1 END, recipient \
             LIMIT ?2",
            super::outbox::MAIL_COLUMNS
        );
        Ok(query_as(&sql)
            .bind(key)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// How many subscribers are in each state.
    pub async fn subscriber_counts(&self) -> Result<SubscriberCounts> {
        Ok(query_as(
            "SELECT \
             COALESCE(SUM(CASE WHEN unsubscribed_at IS NULL AND confirmed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS confirmed, \
             COALESCE(SUM(CASE WHEN unsubscribed_at IS NULL AND confirmed_at IS NULL AND confirm_sent_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS pending, \
             COALESCE(SUM(CASE WHEN unsubscribed_at IS NULL AND confirmed_at IS NULL AND confirm_sent_at IS NULL THEN 1 ELSE 0 END), 0) AS never_asked, \
             COALESCE(SUM(CASE WHEN unsubscribed_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS unsubscribed \
             FROM subscribers WHERE email_key IS NOT NULL",
        )
        .fetch_one(&self.pool)
        .await?)
    }

    /// Queues a confirmation to every subscriber stored before double opt-in that was never sent
    /// one (the worker writes each with its own link). Returns how many were queued; a second
    /// call, here or on another server, finds none left.
    pub async fn queue_first_confirmations(&self, now: i64) -> Result<u64> {
        // Two statements over the same rows, in one transaction that holds the store's write
        // lock (no other write comes between them), rather than one statement per address.
        const NEVER_ASKED: &str = "confirmed_at IS NULL AND unsubscribed_at IS NULL \
             AND confirm_sent_at IS NULL AND email_key IS NOT NULL";
        let mut tx = self.write_tx().await?;
        let queued = query(&format!(
            "INSERT INTO mail_outbox \
             (kind, recipient, message, subscriber_id, status, next_attempt_at, created_at) \
             SELECT 'confirm', email, '', id, 'queued', ?1, ?1 FROM subscribers WHERE {NEVER_ASKED}"
        ))
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        query(&format!(
            "UPDATE subscribers SET confirm_sent_at = ?1 WHERE {NEVER_ASKED}"
        ))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(queued)
    }

    /// Subscriber `id` as the mail worker needs it.
    pub async fn mail_subscriber(&self, id: i64) -> Result<Option<MailSubscriber>> {
        Ok(query_as(
            "SELECT id, email, email_key, confirmed_at, unsubscribed_at FROM subscribers \
             WHERE id = ?1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }
}

#[cfg(test)]
mod tests;
