//! Tags as editors change them: the list, rename (the slug follows the name) and merge. The
//! addresses, menus and search index follow as for categories (see the parent module).

use super::{leave_address, reindex, tag_slug, tagged_article_ids};
use crate::server::store::db::{query, query_as, query_scalar};
use crate::server::store::{Result, Store, StoreError};
use crate::server::text;

/// A tag in the newsroom's list.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct TagRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// Articles carrying it, whatever their status.
    pub articles: i64,
}

impl Store {
    /// Tags whose name or slug contains `query` (every tag when empty), most used first: a page
    /// of `limit` from `offset`, and how many there are in all.
    pub async fn tag_list(
        &self,
        query: &str,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<TagRow>, i64)> {
        let like = format!(
            "%{}%",
            query
                .trim()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        // Letter case aside, on both databases.
        let op = self.backend().like();
        let total = query_scalar(&format!(
            "SELECT COUNT(*) FROM tags WHERE name {op} ?1 ESCAPE '\\' OR slug {op} ?1 ESCAPE '\\'"
        ))
        .bind(&like)
        .fetch_one(&self.pool)
        .await?;
        let rows = query_as(&format!(
            "SELECT t.id, t.slug, t.name, \
               (SELECT COUNT(*) FROM article_tags at WHERE at.tag_id = t.id) AS articles \
             FROM tags t WHERE t.name {op} ?1 ESCAPE '\\' OR t.slug {op} ?1 ESCAPE '\\' \
             ORDER BY articles DESC, t.name LIMIT ?2 OFFSET ?3"
        ))
        .bind(&like)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.pool)
        .await?;
        Ok((rows, total))
    }

    pub async fn tag_by_id(&self, id: i64) -> Result<Option<TagRow>> {
        Ok(query_as(
            "SELECT t.id, t.slug, t.name, \
               (SELECT COUNT(*) FROM article_tags at WHERE at.tag_id = t.id) AS articles \
             FROM tags t WHERE t.id = ?1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Renames tag `id` at `now` (its slug follows the name; the old address answers 301).
    /// A name another tag already has is refused: merge into that one instead. `Ok(false)`: no
    /// such tag.
    pub async fn rename_tag(&self, id: i64, name: &str, now: i64) -> Result<bool> {
        let slug = text::slugify(name);
        if slug.is_empty() {
            return Err(StoreError::Invalid(
                "A tag's name needs at least one letter or digit.".into(),
            ));
        }
        let mut tx = self.write_tx().await?;
        let Some(old_slug) = tag_slug(&mut tx, id).await? else {
            return Ok(false);
        };
        let taken: Option<String> =
            query_scalar("SELECT name FROM tags WHERE slug = ?1 AND id <> ?2")
                .bind(&slug)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(other) = taken {
            return Err(StoreError::Conflict(format!(
                "The tag “{other}” already has that name: merge this tag into it instead."
            )));
        }
        query("UPDATE tags SET name = ?2, slug = ?3 WHERE id = ?1")
            .bind(id)
            .bind(name)
            .bind(&slug)
            .execute(&mut *tx)
            .await?;
        if slug != old_slug {
            leave_address(&mut tx, "tag", &old_slug, &slug, now).await?;
        }
        let ids = tagged_article_ids(&mut tx, id).await?;
        reindex(&mut tx, &ids).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(true)
    }

    /// Merges tag `from` into `into` at `now`: its articles carry `into` instead, `from` goes,
    /// and its address answers 301 to `into`'s. `Ok(None)`: either tag is gone; else the number
    /// of articles that carried `from`.
    pub async fn merge_tags(&self, from: i64, into: i64, now: i64) -> Result<Option<u64>> {
        if from == into {
            return Err(StoreError::Invalid(
                "Choose another tag to merge into.".into(),
            ));
        }
        let mut tx = self.write_tx().await?;
        let (Some(from_slug), Some(into_slug)) = (
            tag_slug(&mut tx, from).await?,
            tag_slug(&mut tx, into).await?,
        ) else {
            return Ok(None);
        };
        let ids = tagged_article_ids(&mut tx, from).await?;
        query(
            "INSERT INTO article_tags (article_id, tag_id) \
             SELECT article_id, ?2 FROM article_tags WHERE tag_id = ?1 ON CONFLICT DO NOTHING",
        )
        .bind(from)
        .bind(into)
        .execute(&mut *tx)
        .await?;
        query("DELETE FROM tags WHERE id = ?1")
            .bind(from)
            .execute(&mut *tx)
            .await?;
        leave_address(&mut tx, "tag", &from_slug, &into_slug, now).await?;
        reindex(&mut tx, &ids).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(Some(ids.len() as u64))
    }

    /// The id of the tag called `name` (compared by slug, as tags are told apart).
    pub async fn tag_id_named(&self, name: &str) -> Result<Option<i64>> {
        Ok(query_scalar("SELECT id FROM tags WHERE slug = ?1")
            .bind(text::slugify(name))
            .fetch_optional(&self.pool)
            .await?)
    }
}
