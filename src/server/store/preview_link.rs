//! Secret preview links: the digest of each link's token, the article it opens, who made it
//! and until when. Expired links are swept as new ones are made.

use super::{Result, Store};
use crate::server::store::db::{query, query_as, query_scalar};

/// The live links of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveLinks {
    pub count: i64,
    /// When the last of them expires.
    pub until: i64,
}

impl Store {
    /// A link to article `article_id` whose token has `digest`, made by `by` at `now`, open
    /// until `expires_at`.
    pub async fn create_preview_link(
        &self,
        article_id: i64,
        digest: &str,
        by: i64,
        (now, expires_at): (i64, i64),
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        query("DELETE FROM preview_links WHERE expires_at <= ?1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        query(
            "INSERT INTO preview_links (token_hash, article_id, created_by, created_at, expires_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(digest)
        .bind(article_id)
        .bind(by)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The article a live link with `digest` opens at `now`.
    pub async fn preview_link_article(&self, digest: &str, now: i64) -> Result<Option<i64>> {
        Ok(query_scalar(
            "SELECT article_id FROM preview_links WHERE token_hash = ?1 AND expires_at > ?2",
        )
        .bind(digest)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The article's links still open at `now`, if any.
    pub async fn live_preview_links(&self, article_id: i64, now: i64) -> Result<Option<LiveLinks>> {
        let (count, until): (i64, Option<i64>) = query_as(
            "SELECT COUNT(*), MAX(expires_at) FROM preview_links WHERE article_id = ?1 AND expires_at > ?2",
        )
        .bind(article_id)
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(until.map(|until| LiveLinks { count, until }))
    }

    /// Withdraws every link to the article; returns how many there were.
    pub async fn revoke_preview_links(&self, article_id: i64) -> Result<u64> {
        Ok(query("DELETE FROM preview_links WHERE article_id = ?1")
            .bind(article_id)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }
}
