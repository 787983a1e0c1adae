//! Static pages as the newsroom edits them: the list, one page, create, save with a version
//! check (a save over a stale version is refused, naming who saved since), delete, and the old
//! addresses of pages whose slug changed (`page_redirects`). Every write drops the page cache.

use super::editing::{SaveError, StaleSave};
use super::{Result, Store, StoreError};
use crate::server::store::db::{query, query_as, query_scalar, Tx};

/// A static page as the newsroom shows and edits it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PageRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub body_md: String,
    pub updated_at: i64,
    pub version: i64,
    /// Who saved it last (None: made by the demo or an import, or the account is gone).
    pub saved_by: Option<String>,
}

/// What a page is saved with.
#[derive(Debug, Clone)]
pub struct PageFields {
    pub slug: String,
    pub title: String,
    pub body_md: String,
}

const PAGE_COLUMNS: &str = "SELECT p.id, p.slug, p.title, p.body_md, p.updated_at, p.version, \
     s.name AS saved_by FROM pages p LEFT JOIN staff s ON s.id = p.saved_by";

impl Store {
    /// Every static page, by title.
    pub async fn all_pages(&self) -> Result<Vec<PageRow>> {
        let sql = format!(
            "{PAGE_COLUMNS} ORDER BY {}, p.id",
            self.backend().caseless("p.title")
        );
        Ok(query_as(&sql).fetch_all(&self.pool).await?)
    }

    pub async fn page_by_id(&self, id: i64) -> Result<Option<PageRow>> {
        let sql = format!("{PAGE_COLUMNS} WHERE p.id = ?1");
        Ok(query_as(&sql).bind(id).fetch_optional(&self.pool).await?)
    }

    /// Makes a page; refused with [`StoreError::Conflict`] when its address is taken.
    pub async fn create_page(&self, f: &PageFields, staff_id: i64, now: i64) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        slug_free(&mut tx, &f.slug, None).await?;
        let body_html = super::media::body_html_on(&mut tx, &f.body_md).await?;
        let id: i64 = query_scalar(
            "INSERT INTO pages (slug, title, body_md, body_html, updated_at, version, saved_by) \
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6) RETURNING id",
        )
        .bind(&f.slug)
        .bind(&f.title)
        .bind(&f.body_md)
        .bind(body_html)
        .bind(now)
        .bind(staff_id)
        .fetch_one(&mut *tx)
        .await?;
        // The address is this page's now, whatever page it used to lead to.
        query("DELETE FROM page_redirects WHERE old_slug = ?1")
            .bind(&f.slug)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.content_changed();
        Ok(id)
    }

    /// Saves `f` over version `version` of page `id`; a changed slug leaves the old one leading
    /// to the page. Returns the new version, or `Ok(None)` when there is no such page.
    pub async fn save_page(
        &self,
        id: i64,
        version: i64,
        f: &PageFields,
        staff_id: i64,
        now: i64,
    ) -> std::result::Result<Option<i64>, SaveError> {
        let mut tx = self.write_tx().await?;
        let stored: Option<(i64, String, i64, Option<String>)> = query_as(
            "SELECT p.version, p.slug, p.updated_at, s.name FROM pages p \
             LEFT JOIN staff s ON s.id = p.saved_by WHERE p.id = ?1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(StoreError::from)?;
        let Some((stored, old_slug, saved_at, saved_by)) = stored else {
            return Ok(None);
        };
        if stored != version {
            return Err(SaveError::Stale(StaleSave {
                saved_by,
                saved_at,
                version: stored,
            }));
        }
        slug_free(&mut tx, &f.slug, Some(id)).await?;
        let body_html = super::media::body_html_on(&mut tx, &f.body_md).await?;
        query(
            "UPDATE pages SET slug = ?2, title = ?3, body_md = ?4, body_html = ?5, updated_at = ?6, \
             version = version + 1, saved_by = ?7 WHERE id = ?1",
        )
        .bind(id)
        .bind(&f.slug)
        .bind(&f.title)
        .bind(&f.body_md)
        .bind(body_html)
        .bind(now)
        .bind(staff_id)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::from)?;
        if old_slug != f.slug {
            query("DELETE FROM page_redirects WHERE old_slug = ?1")
                .bind(&f.slug)
                .execute(&mut *tx)
                .await
                .map_err(StoreError::from)?;
            query(
                "INSERT INTO page_redirects (old_slug, page_id) VALUES (?1, ?2) \
                 ON CONFLICT(old_slug) DO UPDATE SET page_id = excluded.page_id",
            )
            .bind(&old_slug)
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::from)?;
        }
        tx.commit().await.map_err(StoreError::from)?;
        self.content_changed();
        Ok(Some(version + 1))
    }

    /// Deletes page `id` (its old addresses go with it); returns its title, or None when there
    /// was no such page.
    pub async fn delete_page(&self, id: i64) -> Result<Option<String>> {
        let title: Option<String> = query_scalar("DELETE FROM pages WHERE id = ?1 RETURNING title")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        if title.is_some() {
            self.content_changed();
        }
        Ok(title)
    }

    /// Where a page that had the address `/old_slug` is now (its slug), if one did.
    pub async fn page_moved_to(&self, old_slug: &str) -> Result<Option<String>> {
        Ok(query_scalar(
            "SELECT p.slug FROM page_redirects r JOIN pages p ON p.id = r.page_id \
             WHERE r.old_slug = ?1",
        )
        .bind(old_slug)
        .fetch_optional(&self.pool)
        .await?)
    }
}

/// Refuses `slug` when another page than `except` has it.
async fn slug_free(tx: &mut Tx, slug: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<String> =
        query_scalar("SELECT title FROM pages WHERE slug = ?1 AND id IS DISTINCT FROM ?2")
            .bind(slug)
            .bind(except)
            .fetch_optional(&mut **tx)
            .await?;
    match taken {
        Some(title) => Err(StoreError::Conflict(format!(
            "The address /{slug} is already the page “{title}”. Choose another slug."
        ))),
        None => Ok(()),
    }
}
