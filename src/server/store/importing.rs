//! The store's side of an import: each imported thing written in one transaction with the
//! record of what the import made of it (`imported.rs`) and the old addresses that now lead to
//! it, so an import stopped half-way (a crash, a full disk) leaves every thing either whole or
//! not there, and importing again takes up where it stopped.

use super::editing::{
    check_refs, index_fields, insert_blank, keep_old_path, record_revision, write_fields,
    ArticleFields, ArticleStatus,
};
use super::search::index::{unindex_article, TermCounts};
use super::write::set_tags;
use super::{Result, Store, StoreError};
use crate::server::store::db::{query, query_as, query_scalar, Tx};

/// What an import made of one thing of the export: its site, kind (`post`, `page`, `category`,
/// `author`, `attachment`), WordPress key and the digest of what was imported.
#[derive(Debug, Clone, Copy)]
pub struct ImportKey<'a> {
    pub site: &'a str,
    pub kind: &'a str,
    pub wp_key: &'a str,
    pub digest: &'a str,
}

/// An article as an import writes it.
#[derive(Debug, Clone)]
pub struct ImportedArticle {
    pub fields: ArticleFields,
    /// Draft, or published (scheduled when `published_at` is ahead).
    pub status: ArticleStatus,
    pub published_at: Option<i64>,
    /// When it was last changed in WordPress.
    pub updated_at: i64,
    /// Shared with its translations (a Timelines export's).
    pub translation_key: Option<String>,
}

/// The revision action of an import's write.
pub const IMPORT_ACTION: &str = "import";

impl Store {
    /// Writes an imported article: new, or over `existing` (what an earlier import made), with
    /// its tags, search entry and a revision, what the import made of it (`key`) and the old
    /// addresses (`old_paths`, as `old_links` keys them) that now lead to it. One transaction.
    pub async fn import_article(
        &self,
        existing: Option<i64>,
        a: &ImportedArticle,
        key: &ImportKey<'_>,
        old_paths: &[String],
        now: i64,
    ) -> Result<i64> {
        let f = &a.fields;
        let mut tx = self.write_tx().await?;
        let image_alt = check_refs(&mut tx, f, existing).await?;
        let mut terms = TermCounts::default();
        let id = match existing {
            Some(id) => {
                let (status, published_at, slug): (String, Option<i64>, String) =
                    query_as("SELECT status, published_at, slug FROM articles WHERE id = ?1")
                        .bind(id)
                        .fetch_one(&mut *tx)
                        .await?;
                if status == ArticleStatus::Published.as_str() {
                    unindex_article(&mut tx, id, &mut terms).await?;
                    let old = published_at.map(|at| crate::urls::article(&slug, at));
                    let new = a.published_at.map(|at| crate::urls::article(&f.slug, at));
                    keep_old_path(&mut tx, id, old, new.as_deref(), now).await?;
                }
                id
            }
            None => insert_blank(&mut tx, f, a.updated_at).await?,
        };
        write_fields(
            &mut tx,
            id,
            f,
            &image_alt,
            (a.status, a.published_at),
            None,
            a.updated_at,
        )
        .await?;
        set_tags(&mut tx, id, &f.tags).await?;
        query("UPDATE articles SET translation_key = ?2 WHERE id = ?1")
            .bind(id)
            .bind(&a.translation_key)
            .execute(&mut *tx)
            .await?;
        if a.status == ArticleStatus::Published {
            index_fields(&mut tx, id, f, &mut terms).await?;
        }
        terms.add_to(&mut tx).await?;
        record_revision(&mut tx, id, f, IMPORT_ACTION, None, now).await?;
        let target = a.published_at.map(|at| crate::urls::article(&f.slug, at));
        record(&mut tx, key, id, old_paths, target.as_deref()).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(id)
    }

    /// Writes an imported static page: new, or over `existing`; with what the import made of
    /// it and the old addresses that now lead to it. One transaction.
    pub async fn import_page(
        &self,
        existing: Option<i64>,
        f: &super::PageFields,
        updated_at: i64,
        key: &ImportKey<'_>,
        old_paths: &[String],
    ) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        let body_html = super::media::body_html_on(&mut tx, &f.body_md).await?;
        let id: i64 = match existing {
            Some(id) => {
                query_scalar(
                    "UPDATE pages SET slug = ?2, title = ?3, body_md = ?4, body_html = ?5, updated_at = ?6, \
                       version = version + 1, saved_by = NULL WHERE id = ?1 RETURNING id",
                )
                .bind(id)
                .bind(&f.slug)
                .bind(&f.title)
                .bind(&f.body_md)
                .bind(&body_html)
                .bind(updated_at)
                .fetch_one(&mut *tx)
                .await?
            }
            None => {
                query_scalar(
                    "INSERT INTO pages (slug, title, body_md, body_html, updated_at, version) \
                     VALUES (?1, ?2, ?3, ?4, ?5, 1) RETURNING id",
                )
                .bind(&f.slug)
                .bind(&f.title)
                .bind(&f.body_md)
                .bind(&body_html)
                .bind(updated_at)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        query("DELETE FROM page_redirects WHERE old_slug = ?1")
            .bind(&f.slug)
            .execute(&mut *tx)
            .await?;
        let target = crate::urls::static_page(&f.slug);
        record(&mut tx, key, id, old_paths, Some(&target)).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(id)
    }

    /// Writes an imported category (new, under `edit.parent_id`, last among its siblings) with
    /// what the import made of it and the old addresses that now lead to it.
    pub async fn import_category(
        &self,
        edit: &super::CategoryEdit<'_>,
        key: &ImportKey<'_>,
        old_paths: &[String],
    ) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        let (id, path) = super::sections::insert_category(&mut tx, edit).await?;
        let target = crate::urls::category(&path);
        record(&mut tx, key, id, old_paths, Some(&target)).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(id)
    }

    /// Records what an import made of a thing that needed no write of its own (an author
    /// mapped onto an existing account, a picture), and the old addresses that lead to `target`.
    pub async fn import_record(
        &self,
        key: &ImportKey<'_>,
        local_id: i64,
        old_paths: &[String],
        target: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        record(&mut tx, key, local_id, old_paths, target).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether article `id` was saved in the newsroom after the import last wrote it (its
    /// newest revision is not the import's).
    pub async fn edited_since_import(&self, id: i64) -> Result<bool> {
        let action: Option<String> = query_scalar(
            "SELECT action FROM article_revisions WHERE article_id = ?1 ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(action.is_some_and(|a| a != IMPORT_ACTION))
    }

    /// The article using `slug`, if one does.
    pub async fn article_with_slug(&self, slug: &str) -> Result<Option<i64>> {
        Ok(query_scalar("SELECT id FROM articles WHERE slug = ?1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The static page at `slug`, if one is.
    pub async fn page_with_slug(&self, slug: &str) -> Result<Option<i64>> {
        Ok(query_scalar("SELECT id FROM pages WHERE slug = ?1")
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Whether `table` (articles, pages, categories, staff, media) still holds row `id`: an
    /// imported thing deleted in the newsroom since is not made again.
    pub async fn still_there(&self, table: &str, id: i64) -> Result<bool> {
        let sql = match table {
            "articles" => "SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)",
            "pages" => "SELECT EXISTS (SELECT 1 FROM pages WHERE id = ?1)",
            "categories" => "SELECT EXISTS (SELECT 1 FROM categories WHERE id = ?1)",
            "staff" => "SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1)",
            "media" => "SELECT EXISTS (SELECT 1 FROM media WHERE id = ?1)",
            "comments" => "SELECT EXISTS (SELECT 1 FROM comments WHERE id = ?1)",
            other => return Err(StoreError::Invalid(format!("no table {other:?} here"))),
        };
        Ok(query_scalar(sql).bind(id).fetch_one(&self.pool).await?)
    }

    /// The account with address `email`, if there is one.
    pub async fn staff_by_email(&self, email: &str) -> Result<Option<super::StaffRow>> {
        let id: Option<i64> = query_scalar("SELECT id FROM staff WHERE email = ?1")
            .bind(super::staff_email(email))
            .fetch_optional(&self.pool)
            .await?;
        match id {
            Some(id) => self.staff_by_id(id).await,
            None => Ok(None),
        }
    }
}

/// Records `key` as made into `local_id`, and sends each of `old_paths` to `target` (when the
/// thing has a public address).
pub(super) async fn record(
    tx: &mut Tx,
    key: &ImportKey<'_>,
    local_id: i64,
    old_paths: &[String],
    target: Option<&str>,
) -> Result<()> {
    query(
        "INSERT INTO imported (site, kind, wp_key, local_id, digest) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (site, kind, wp_key) DO UPDATE SET local_id = excluded.local_id, digest = excluded.digest",
    )
    .bind(key.site)
    .bind(key.kind)
    .bind(key.wp_key)
    .bind(local_id)
    .bind(key.digest)
    .execute(&mut **tx)
    .await?;
    let Some(target) = target else {
        return Ok(());
    };
    for path in old_paths.iter().filter(|p| p.as_str() != target) {
        query(
            "INSERT INTO old_links (path, target) VALUES (?1, ?2) \
             ON CONFLICT (path) DO UPDATE SET target = excluded.target",
        )
        .bind(path)
        .bind(target)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
