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

impl Store {
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
