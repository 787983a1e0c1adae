//! Readers' messages from the contact form, listed in the newsroom (`/newsroom/messages`). The
//! flood limits are the comments' (`comments.per_address_per_hour`, `per_client_per_hour`),
//! counted here in the database, so every server and a restart share them.

use super::comments::rate_wait;
use super::{Result, Store};
use crate::server::email::Address;
use crate::server::store::db::{query, query_as, query_scalar};
use sqlx::FromRow;

/// A message to store.
#[derive(Debug, Clone)]
pub struct NewContactMessage<'a> {
    pub name: &'a str,
    pub email: &'a Address,
    pub subject: &'a str,
    pub body: &'a str,
    pub client: &'a str,
}

/// A stored message.
#[derive(Debug, Clone, FromRow)]
pub struct ContactMessage {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub subject: String,
    pub body: String,
    pub client: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// What storing a message did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactAdded {
    New(i64),
    /// The same sender sent the same subject and text within [`AGAIN_WITHIN`]: not stored
    /// twice.
    Again(i64),
}

/// Seconds within which the same message from the same address is one message.
pub const AGAIN_WITHIN: i64 = 600;

/// Messages from one address, and from one client, in an hour.
#[derive(Debug, Clone, Copy)]
pub struct ContactLimits {
    pub per_address: i64,
    pub per_client: i64,
}

const COLUMNS: &str = "id, name, email, subject, body, client, created_at, read_at";

impl Store {
    /// Stores a message, or says how many seconds its sender must wait (over a limit).
    pub async fn add_contact_message(
        &self,
        m: &NewContactMessage<'_>,
        limits: ContactLimits,
        now: i64,
    ) -> Result<std::result::Result<ContactAdded, i64>> {
        let mut tx = self.write_tx().await?;
        let again: Option<i64> = query_scalar(
            "SELECT id FROM contact_messages WHERE email_key = ?1 AND subject = ?2 AND body = ?3 \
             AND created_at > ?4 ORDER BY id DESC LIMIT 1",
        )
        .bind(&m.email.key)
        .bind(m.subject)
        .bind(m.body)
        .bind(now - AGAIN_WITHIN)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = again {
            return Ok(Ok(ContactAdded::Again(id)));
        }
        let limits = [
            (m.email.key.as_str(), limits.per_address),
            (m.client, limits.per_client),
        ];
        if let Some(wait) = rate_wait(&mut tx, "contact_messages", limits, now).await? {
            return Ok(Err(wait));
        }
        let id: i64 = query_scalar(
            "INSERT INTO contact_messages (name, email, email_key, subject, body, client, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
        )
        .bind(m.name)
        .bind(&m.email.email)
        .bind(&m.email.key)
        .bind(m.subject)
        .bind(m.body)
        .bind(m.client)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Ok(ContactAdded::New(id)))
    }

    /// The newest messages first, `limit` after `offset`, with how many there are and how many
    /// nobody has opened.
    pub async fn contact_messages(
        &self,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<ContactMessage>, i64, i64)> {
        let sql = format!(
            "SELECT {COLUMNS} FROM contact_messages ORDER BY created_at DESC, id DESC \
             LIMIT ?1 OFFSET ?2"
        );
        let rows = query_as(&sql)
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.pool)
            .await?;
        let (total, unread): (i64, i64) = query_as(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN read_at IS NULL THEN 1 ELSE 0 END), 0) \
             FROM contact_messages",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((rows, total, unread))
    }

    /// Message `id`, marked read (at `now`) if nobody had opened it.
    pub async fn open_contact_message(&self, id: i64, now: i64) -> Result<Option<ContactMessage>> {
        query("UPDATE contact_messages SET read_at = ?1 WHERE id = ?2 AND read_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
        let sql = format!("SELECT {COLUMNS} FROM contact_messages WHERE id = ?1");
        Ok(query_as(&sql).bind(id).fetch_optional(&self.pool).await?)
    }

    /// Deletes message `id`; false when there was none.
    pub async fn delete_contact_message(&self, id: i64) -> Result<bool> {
        let done = query("DELETE FROM contact_messages WHERE id = ?1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::email::canonical;
    use crate::server::store::fixtures::{empty_store, NOW};

    #[tokio::test]
    async fn messages_are_kept_listed_opened_and_limited_per_address_and_client() {
        let (store, _dir) = empty_store().await;
        let ann = canonical("ann@example.com").unwrap();
        let bob = canonical("bob@example.com").unwrap();
        let limits = ContactLimits {
            per_address: 2,
            per_client: 3,
        };
        let message = |email, client, subject| NewContactMessage {
            name: "Ann",
            email,
            subject,
            body: "Hello\nthere",
            client,
        };
        let first = store
            .add_contact_message(&message(&ann, "192.0.2.1", "Tip"), limits, NOW)
            .await
            .unwrap()
            .unwrap();
        let ContactAdded::New(first) = first else {
            panic!("a first message is new")
        };
        // Sent twice (a double click): one message.
        assert_eq!(
            store
                .add_contact_message(&message(&ann, "192.0.2.1", "Tip"), limits, NOW + 1)
                .await
                .unwrap(),
            Ok(ContactAdded::Again(first))
        );
        store
            .add_contact_message(&message(&ann, "192.0.2.1", "Tip 2"), limits, NOW + 10)
            .await
            .unwrap()
            .unwrap();
        // The address's third within the hour waits until the first leaves the window.
        let wait = store
            .add_contact_message(&message(&ann, "192.0.2.9", "Tip 3"), limits, NOW + 20)
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(wait, 3_600 - 20);
        store
            .add_contact_message(&message(&bob, "192.0.2.1", "Bob"), limits, NOW + 30)
            .await
            .unwrap()
            .unwrap();
        // The client's fourth.
        assert!(store
            .add_contact_message(&message(&bob, "192.0.2.1", "Bob 2"), limits, NOW + 40)
            .await
            .unwrap()
            .is_err());
        let (rows, total, unread) = store.contact_messages(0, 10).await.unwrap();
        assert_eq!((total, unread), (3, 3));
        assert_eq!(rows[0].subject, "Bob");
        let opened = store
            .open_contact_message(first, NOW + 50)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (opened.body.as_str(), opened.read_at),
            ("Hello\nthere", Some(NOW + 50))
        );
        // Opened again: still read since the first time.
        let again = store
            .open_contact_message(first, NOW + 60)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(again.read_at, Some(NOW + 50));
        assert_eq!(store.contact_messages(0, 10).await.unwrap().2, 2);
        assert!(store.delete_contact_message(first).await.unwrap());
        assert!(!store.delete_contact_message(first).await.unwrap());
        assert!(store
            .open_contact_message(first, NOW)
            .await
            .unwrap()
            .is_none());
    }
}
