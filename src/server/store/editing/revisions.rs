//! An article's revisions: one kept at each save (an autosave keeps one every ten minutes at
//! most), the newest 200 of them, each with who saved it and every field it held.

use super::ArticleFields;
use crate::server::store::db::{query, query_as, query_scalar, Tx};
use crate::server::store::{Result, Store};

/// Revisions kept per article; older ones go.
pub const REVISIONS_KEPT: i64 = 200;

/// The action of a save the editor makes by itself, a few seconds after typing stops.
pub const AUTOSAVE: &str = "autosave";
/// An autosave keeps a revision only when the article's newest is older than this (10 minutes):
/// typing for an hour leaves a handful of revisions, not hundreds.
pub const AUTOSAVE_REVISION_SECONDS: i64 = 600;

/// One revision in the editor's list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RevisionRow {
    pub id: i64,
    pub at: i64,
    pub action: String,
    pub staff_name: Option<String>,
    pub title: String,
}

impl Store {
    /// The article's revisions, newest first.
    pub async fn revisions(&self, article_id: i64) -> Result<Vec<RevisionRow>> {
        Ok(query_as(
            "SELECT r.id, r.at, r.action, s.name AS staff_name, r.title FROM article_revisions r \
             LEFT JOIN staff s ON s.id = r.staff_id WHERE r.article_id = ?1 ORDER BY r.id DESC",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?)
    }
}

pub(in crate::server::store) async fn record_revision(
    tx: &mut Tx,
    id: i64,
    f: &ArticleFields,
    action: &str,
    staff_id: Option<i64>,
    now: i64,
) -> Result<()> {
    if action == AUTOSAVE {
        let newest: Option<i64> =
            query_scalar("SELECT MAX(at) FROM article_revisions WHERE article_id = ?1")
                .bind(id)
                .fetch_one(&mut **tx)
                .await?;
        if newest.is_some_and(|at| now - at < AUTOSAVE_REVISION_SECONDS) {
            return Ok(());
        }
    }
    query(
        "INSERT INTO article_revisions (article_id, at, staff_id, action, title, dek, slug, body_md, lang, \
           category_id, author_id, tags, seo_title, seo_description, canonical_url) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )
    .bind(id)
    .bind(now)
    .bind(staff_id)
    .bind(action)
    .bind(&f.title)
    .bind(&f.dek)
    .bind(&f.slug)
    .bind(&f.body_md)
    .bind(&f.lang)
    .bind(f.category_id)
    .bind(f.author_id)
    .bind(f.tags.join(", "))
    .bind(&f.seo_title)
    .bind(&f.seo_description)
    .bind(&f.canonical_url)
    .execute(&mut **tx)
    .await?;
    query(
        "DELETE FROM article_revisions WHERE article_id = ?1 AND id NOT IN \
         (SELECT id FROM article_revisions WHERE article_id = ?1 ORDER BY id DESC LIMIT ?2)",
    )
    .bind(id)
    .bind(REVISIONS_KEPT)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One revision with what it held.
#[derive(Debug, Clone)]
pub struct Revision {
    pub id: i64,
    pub at: i64,
    pub action: String,
    pub staff_name: Option<String>,
    pub fields: ArticleFields,
}

impl Store {
    /// Revision `rev` of article `article_id`.
    pub async fn revision(&self, article_id: i64, rev: i64) -> Result<Option<Revision>> {
        #[derive(sqlx::FromRow)]
        struct Stored {
            id: i64,
            at: i64,
            action: String,
            staff_name: Option<String>,
            title: String,
            dek: String,
            slug: String,
            body_md: String,
            lang: String,
            category_id: i64,
            author_id: i64,
            tags: String,
            seo_title: String,
            seo_description: String,
            canonical_url: String,
        }
        let r: Option<Stored> = query_as(
            "SELECT r.id, r.at, r.action, s.name AS staff_name, r.title, r.dek, r.slug, r.body_md, r.lang, \
             r.category_id, r.author_id, r.tags, r.seo_title, r.seo_description, r.canonical_url \
             FROM article_revisions r LEFT JOIN staff s ON s.id = r.staff_id WHERE r.article_id = ?1 AND r.id = ?2",
        )
        .bind(article_id)
        .bind(rev)
        .fetch_optional(&self.pool)
        .await?;
        Ok(r.map(|r| Revision {
            id: r.id,
            at: r.at,
            action: r.action,
            staff_name: r.staff_name,
            fields: ArticleFields {
                title: r.title,
                dek: r.dek,
                slug: r.slug,
                body_md: r.body_md,
                lang: r.lang,
                category_id: r.category_id,
                author_id: r.author_id,
                tags: r
                    .tags
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect(),
                featured: false,
                editors_pick: false,
                seo_title: r.seo_title,
                seo_description: r.seo_description,
                canonical_url: r.canonical_url,
                // Revisions keep the words; the image, like placement, stays as the article has it.
                image: None,
            },
        }))
    }
}
