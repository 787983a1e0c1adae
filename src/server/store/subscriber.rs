//! Newsletter subscribers, one per canonical address (`server::email`).

use super::{Result, Store};
use crate::server::email::{self, Address};
use crate::server::store::db::{query, query_as, query_scalar};
use std::collections::HashMap;

/// What `canonicalize_subscribers` did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Canonicalized {
    /// Rows given their canonical address and key.
    pub rewritten: u64,
    /// Later rows removed because an earlier one is the same subscriber.
    pub merged: u64,
    /// Rows kept as they were: their address is refused today (and has no key).
    pub kept: u64,
}

/// Where a sign-up left its subscriber, and whether a message was queued to it now (not when
/// one was queued less than [`CONFIRM_AGAIN_AFTER`] ago).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUp {
    /// Confirmed already: told so by mail (the page says the same to everyone, so that it does
    /// not tell who is on the list).
    Confirmed { mailed: bool },
    /// Waiting for confirmation: sent the link.
    Pending { mailed: bool },
}

/// Seconds before another confirmation message may go to the same address (so nobody can make
/// the site mail someone else's inbox over and over).
pub const CONFIRM_AGAIN_AFTER: i64 = 600;

impl Store {
    /// Signs `address` up (again, after it unsubscribed): it waits for confirmation, and
    /// `message(id, confirmed)` (for subscriber `id`: the confirmation link, or, when it is
    /// confirmed already, a note saying so) is queued to it in the same transaction, unless one
    /// went less than [`CONFIRM_AGAIN_AFTER`] ago.
    pub async fn sign_up(
        &self,
        address: &Address,
        now: i64,
        message: impl FnOnce(i64, bool) -> Result<String>,
    ) -> Result<SignUp> {
        let mut tx = self.write_tx().await?;
        query(
            "INSERT INTO subscribers (email, email_key, created_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(&address.email)
        .bind(&address.key)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let (id, confirmed, unsubscribed, sent): (i64, Option<i64>, Option<i64>, Option<i64>) =
            query_as(
                "SELECT id, confirmed_at, unsubscribed_at, confirm_sent_at FROM subscribers \
                 WHERE email_key = ?1",
            )
            .bind(&address.key)
            .fetch_one(&mut *tx)
            .await?;
        let is_confirmed = confirmed.is_some() && unsubscribed.is_none();
        if unsubscribed.is_some() {
            query(
                "UPDATE subscribers SET unsubscribed_at = NULL, confirmed_at = NULL WHERE id = ?1",
            )
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        let mailed = sent.is_none_or(|at| now - at >= CONFIRM_AGAIN_AFTER);
        if mailed {
            query("UPDATE subscribers SET confirm_sent_at = ?1 WHERE id = ?2")
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let message = message(id, is_confirmed)?;
            let mail = super::outbox::NewMail {
                kind: if is_confirmed { "notice" } else { "confirm" },
                recipient: &address.email,
                message: &message,
                issue: None,
            };
            super::outbox::queue_in(&mut tx, &mail, now).await?;
        }
        tx.commit().await?;
        Ok(if is_confirmed {
            SignUp::Confirmed { mailed }
        } else {
            SignUp::Pending { mailed }
        })
    }

    /// Confirms subscriber `id` when its key is still `email_key` (the address the link was
    /// sent to). None: no such subscriber (or it left); Some(false): confirmed already.
    pub async fn confirm_subscriber(
        &self,
        id: i64,
        email_key: &str,
        now: i64,
    ) -> Result<Option<bool>> {
        let mut tx = self.write_tx().await?;
        let found: Option<Option<i64>> = query_scalar(
            "SELECT confirmed_at FROM subscribers WHERE id = ?1 AND email_key = ?2 \
             AND unsubscribed_at IS NULL",
        )
        .bind(id)
        .bind(email_key)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(confirmed) = found else {
            return Ok(None);
        };
        if confirmed.is_some() {
            return Ok(Some(false));
        }
        query("UPDATE subscribers SET confirmed_at = ?1 WHERE id = ?2")
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(true))
    }

    /// Unsubscribes subscriber `id` when its key is `email_key`. False when there is no such
    /// subscriber (or it had left already).
    pub async fn unsubscribe(&self, id: i64, email_key: &str, now: i64) -> Result<bool> {
        let done = query(
            "UPDATE subscribers SET unsubscribed_at = ?1 WHERE id = ?2 AND email_key = ?3 \
             AND unsubscribed_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .bind(email_key)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The addresses that confirmed and have not left, with their ids and keys, oldest first:
    /// whom a newsletter goes to.
    pub async fn confirmed_subscribers(&self) -> Result<Vec<(i64, String, String)>> {
        Ok(query_as(
            "SELECT id, email, email_key FROM subscribers WHERE confirmed_at IS NOT NULL \
             AND unsubscribed_at IS NULL AND email_key IS NOT NULL ORDER BY created_at, id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// The subscriber whose address has `email_key`.
    pub async fn subscriber_id(&self, email_key: &str) -> Result<Option<i64>> {
        Ok(
            query_scalar("SELECT id FROM subscribers WHERE email_key = ?1")
                .bind(email_key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The address key of subscriber `id` (what its links are signed over).
    pub async fn subscriber_key(&self, id: i64) -> Result<Option<String>> {
        let key: Option<Option<String>> =
            query_scalar("SELECT email_key FROM subscribers WHERE id = ?1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(key.flatten())
    }

    /// Adds an address once. Returns false when it was already there (not an error).
    pub async fn add_subscriber(&self, address: &Address, now: i64) -> Result<bool> {
        let done = query(
            "INSERT INTO subscribers (email, email_key, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
        )
        .bind(&address.email)
        .bind(&address.key)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn subscriber_count(&self) -> Result<i64> {
        Ok(query_scalar("SELECT COUNT(*) FROM subscribers")
            .fetch_one(&self.pool)
            .await?)
    }

    /// The subscribers' addresses, oldest first.
    pub async fn subscriber_emails(&self) -> Result<Vec<String>> {
        Ok(
            query_scalar("SELECT email FROM subscribers ORDER BY created_at, id")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Gives the rows without a key (stored before keys existed) their canonical address and
    /// key. Rows that turn out to be one subscriber, with each other or with a row that has its
    /// key already, are merged into the earliest (by sign-up time, then id); rows whose address
    /// is refused today are kept as they are. Runs at every start; after the first, only those
    /// kept rows are read again.
    pub async fn canonicalize_subscribers(&self) -> Result<Canonicalized> {
        let mut tx = self.write_tx().await?;
        let rows: Vec<(i64, String, i64)> = query_as(
            "SELECT id, email, created_at FROM subscribers WHERE email_key IS NULL
             ORDER BY created_at, id",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut done = Canonicalized::default();
        // key → the rows that have it: (created_at, id, canonical address; None for the row
        // that has the key already).
        let mut groups: HashMap<String, Vec<(i64, i64, Option<Address>)>> = HashMap::new();
        for (id, stored, created_at) in rows {
            match email::canonical(&stored) {
                Ok(address) => groups.entry(address.key.clone()).or_default().push((
                    created_at,
                    id,
                    Some(address),
                )),
                Err(_) => done.kept += 1,
            }
        }
        let mut keep = Vec::new();
        for (key, mut group) in groups {
            let keyed: Option<(i64, i64)> =
                query_as("SELECT created_at, id FROM subscribers WHERE email_key = ?1")
                    .bind(&key)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some((created_at, id)) = keyed {
                group.push((created_at, id, None));
            }
            group.sort_by_key(|(created_at, id, _)| (*created_at, *id));
            let mut rows = group.into_iter();
            if let Some((_, id, address)) = rows.next() {
                keep.extend(address.map(|a| (id, a)));
            }
            for (_, id, _) in rows {
                query("DELETE FROM subscribers WHERE id = ?1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                done.merged += 1;
            }
        }
        // After every delete, so that no address being rewritten meets one about to go.
        for (id, address) in keep {
            query("UPDATE subscribers SET email = ?1, email_key = ?2 WHERE id = ?3")
                .bind(&address.email)
                .bind(&address.key)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            done.rewritten += 1;
        }
        tx.commit().await?;
        Ok(done)
    }
}
