//! Comments brought in by the WordPress import (`server/import/comments.rs`): stored as they
//! were (approved, held, spam or trash; their date, author and address), each recorded in
//! `imported` so a second import leaves it alone, and the article's count set to what readers
//! see.

use super::{recount, CommentStatus};
use crate::server::store::db::query_scalar;
use crate::server::store::importing::record;
use crate::server::store::{ImportKey, Result, Store};

/// A WordPress comment as the import stores it.
#[derive(Debug, Clone)]
pub struct ImportedComment<'a> {
    pub article_id: i64,
    /// The comment it answers (already stored), one level deep.
    pub parent_id: Option<i64>,
    pub name: &'a str,
    pub email: &'a str,
    pub email_key: &'a str,
    pub body: &'a str,
    pub status: CommentStatus,
    pub client: &'a str,
    pub created_at: i64,
}

impl Store {
    /// Stores an imported comment and records it under `key`; returns its id.
    pub async fn import_comment(
        &self,
        c: &ImportedComment<'_>,
        key: &ImportKey<'_>,
    ) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        let id: i64 = query_scalar(
            "INSERT INTO comments (article_id, parent_id, name, email, email_key, body, status, \
             client, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) \
             RETURNING id",
        )
        .bind(c.article_id)
        .bind(c.parent_id)
        .bind(c.name)
        .bind(c.email)
        .bind(c.email_key)
        .bind(c.body)
        .bind(c.status.as_str())
        .bind(c.client)
        .bind(c.created_at)
        .fetch_one(&mut *tx)
        .await?;
        record(&mut tx, key, id, &[], None).await?;
        recount(&mut tx, c.article_id).await?;
        tx.commit().await?;
        if c.status == CommentStatus::Approved {
            self.content_changed();
        }
        Ok(id)
    }
}
