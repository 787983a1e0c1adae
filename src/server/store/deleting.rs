//! Deleting an article: its row and everything that hangs off it (tags, revisions, old
//! addresses, by the foreign keys' cascade), its search index entry, and, when readers could
//! read it, a record of its addresses so they answer 410 Gone. Revisions go with the article:
//! there is no trash.

use super::search::index::{unindex_article, TermCounts};
use super::{Result, Store};
use crate::server::store::db::{query, query_as, query_scalar};

/// What a delete removed, for the audit log and the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedArticle {
    pub title: String,
    /// Whether readers could see it (published, its time come): its addresses now answer 410.
    pub was_public: bool,
}

impl Store {
    /// Deletes article `id` at `now`, in one transaction. `Ok(None)` when there is no such
    /// article (never was, or someone deleted it first: two deletes at once are one delete and
    /// one "not found"). Only an article in the search index or on reader pages (published or
    /// scheduled) marks the content changed; a draft's delete leaves the reader caches alone.
    pub async fn delete_article(&self, id: i64, now: i64) -> Result<Option<DeletedArticle>> {
        let mut tx = self.write_tx().await?;
        let row: Option<(String, String, Option<i64>, String)> =
            query_as("SELECT status, slug, published_at, title FROM articles WHERE id = ?1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((status, slug, published_at, title)) = row else {
            return Ok(None);
        };
        let indexed = status == "published";
        let was_public = indexed && published_at.is_some_and(|at| at <= now);
        if indexed {
            let mut terms = TermCounts::default();
            unindex_article(&mut tx, id, &mut terms).await?;
            terms.add_to(&mut tx).await?;
        }
        if let (true, Some(at)) = (was_public, published_at) {
            let mut paths: Vec<String> =
                query_scalar("SELECT path FROM article_redirects WHERE article_id = ?1")
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
            paths.push(crate::urls::article(&slug, at));
            for path in paths {
                query(
                    "INSERT INTO deleted_articles (path, deleted_at) VALUES (?1, ?2) \
                     ON CONFLICT(path) DO UPDATE SET deleted_at = excluded.deleted_at",
                )
                .bind(path)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
        query("DELETE FROM articles WHERE id = ?1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        if indexed {
            self.content_changed();
        }
        Ok(Some(DeletedArticle { title, was_public }))
    }

    /// Whether `path` was the address of an article since deleted.
    pub async fn article_was_deleted(&self, path: &str) -> Result<bool> {
        Ok(
            query_scalar("SELECT EXISTS (SELECT 1 FROM deleted_articles WHERE path = ?1)")
                .bind(path)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}
