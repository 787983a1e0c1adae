//! The writes an article's save is made of, shared by the newsroom's saves (`editing.rs`) and
//! the import (`importing.rs`): a blank row, the fields, the checks of what they refer to, the
//! search entry, and the old address left leading to the new one.

use super::ArticleFields;
use super::ArticleStatus;
use crate::server::store::db::{query, query_as, query_scalar, Tx};
use crate::server::store::search::index::{index_article, IndexEntry, TermCounts};
use crate::server::store::{Result, Store, StoreError};
use crate::server::text;

/// A row to write an article's fields into, made at `now` (version 0: the write of its fields
/// makes it 1).
pub(in crate::server::store) async fn insert_blank(
    tx: &mut Tx,
    f: &ArticleFields,
    now: i64,
) -> Result<i64> {
    Ok(query_scalar(
        "INSERT INTO articles (slug, title, body_md, body_html, word_count, author_id, category_id, \
           updated_at, status, version, created_at) \
         VALUES (?1, '', '', '', 0, ?2, ?3, ?4, 'draft', 0, ?4) RETURNING id",
    )
    .bind(&f.slug)
    .bind(f.author_id)
    .bind(f.category_id)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?)
}

/// Leaves a published article's old path (`old`) leading to it when its address changes to
/// `new`, and frees `new` from any redirect it held.
pub(in crate::server::store) async fn keep_old_path(
    tx: &mut Tx,
    id: i64,
    old: Option<String>,
    new: Option<&str>,
    now: i64,
) -> Result<()> {
    if let Some(old) = old.filter(|old| Some(old.as_str()) != new) {
        query(
            "INSERT INTO article_redirects (path, article_id, created_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT(path) DO UPDATE SET article_id = excluded.article_id, created_at = excluded.created_at",
        )
        .bind(old)
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    if let Some(new) = new {
        query("DELETE FROM article_redirects WHERE path = ?1")
            .bind(new)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Adds the search entry of live article `id` with fields `f`.
pub(in crate::server::store) async fn index_fields(
    tx: &mut Tx,
    id: i64,
    f: &ArticleFields,
    terms: &mut TermCounts,
) -> Result<()> {
    let (category, author): (String, String) = query_as(
        "SELECT c.name, au.name FROM categories c, authors au WHERE c.id = ?1 AND au.id = ?2",
    )
    .bind(f.category_id)
    .bind(f.author_id)
    .fetch_one(&mut **tx)
    .await?;
    let tags = f.tags.join(" ");
    index_article(
        tx,
        IndexEntry {
            id,
            title: &f.title,
            dek: &f.dek,
            body_md: &f.body_md,
            category: &category,
            tags: &tags,
            author: &author,
        },
        terms,
    )
    .await
}

impl Store {
    /// Where an old article path leads now: the path of the published article that left it.
    pub async fn article_moved_to(&self, path: &str, now: i64) -> Result<Option<String>> {
        let row: Option<(String, i64)> = query_as(
            "SELECT a.slug, a.published_at FROM article_redirects r JOIN articles a ON a.id = r.article_id \
             WHERE r.path = ?1 AND a.published_at <= ?2",
        )
        .bind(path)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(slug, at)| crate::urls::article(&slug, at)))
    }
}

/// Writes the fields of article `id` with its featured image's alt text (`image_alt`, as
/// [`check_refs`] settled it), its status and publication time, as saved by `staff_id` at
/// `now`, and counts one more version.
pub(in crate::server::store) async fn write_fields(
    tx: &mut Tx,
    id: i64,
    f: &ArticleFields,
    image_alt: &str,
    (status, published_at): (ArticleStatus, Option<i64>),
    staff_id: Option<i64>,
    now: i64,
) -> Result<()> {
    let body_html = crate::server::store::media::body_html_on(&mut **tx, &f.body_md).await?;
    query(
        "UPDATE articles SET slug = ?2, title = ?3, dek = ?4, body_md = ?5, body_html = ?6, word_count = ?7, \
           lang = ?8, dir = ?9, author_id = ?10, category_id = ?11, published_at = ?12, updated_at = ?13, \
           featured = ?14, editors_pick = ?15, status = ?16, seo_title = ?17, seo_description = ?18, \
           canonical_url = ?19, version = version + 1, saved_by = ?20, image_media_id = ?21, \
           image_alt = ?22, image_caption = ?23, image_credit = ?24 WHERE id = ?1",
    )
    .bind(id)
    .bind(&f.slug)
    .bind(&f.title)
    .bind(&f.dek)
    .bind(&f.body_md)
    .bind(body_html)
    .bind(i64::from(text::word_count(&f.body_md)))
    .bind(&f.lang)
    .bind(crate::model::direction_of(&f.lang))
    .bind(f.author_id)
    .bind(f.category_id)
    .bind(published_at)
    .bind(now)
    .bind(f.featured)
    .bind(f.editors_pick)
    .bind(status.as_str())
    .bind(&f.seo_title)
    .bind(&f.seo_description)
    .bind(&f.canonical_url)
    .bind(staff_id)
    .bind(f.image.as_ref().map(|i| i.media_id))
    .bind(f.image.as_ref().map(|_| image_alt))
    .bind(f.image.as_ref().map(|i| i.caption.as_str()).unwrap_or_default())
    .bind(f.image.as_ref().map(|i| i.credit.as_str()).unwrap_or_default())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The message refusing a featured image without alt text (the editor puts it by that field).
pub const IMAGE_ALT_MISSING: &str =
    "Give the featured image alt text: what it shows, for readers who cannot see it.";

/// Refuses a taken slug, unknown category or author ids, and a featured image that is not in
/// the library (or could not be prepared), with messages for the form. Returns the featured
/// image's alt text: the one typed, or else the picture's default (refused when neither).
pub(in crate::server::store) async fn check_refs(
    tx: &mut Tx,
    f: &ArticleFields,
    id: Option<i64>,
) -> Result<String> {
    let taken: bool = query_scalar(
        "SELECT EXISTS (SELECT 1 FROM articles WHERE slug = ?1 AND id IS DISTINCT FROM ?2)",
    )
    .bind(&f.slug)
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    if taken {
        return Err(StoreError::Conflict(format!(
            "Another article already uses the slug “{}”. Choose another.",
            f.slug
        )));
    }
    let (category, author): (bool, bool) = query_as(
        "SELECT EXISTS (SELECT 1 FROM categories WHERE id = ?1), EXISTS (SELECT 1 FROM authors WHERE id = ?2)",
    )
    .bind(f.category_id)
    .bind(f.author_id)
    .fetch_one(&mut **tx)
    .await?;
    if !category {
        return Err(StoreError::Invalid("That category does not exist.".into()));
    }
    if !author {
        return Err(StoreError::Invalid("That author does not exist.".into()));
    }
    let Some(image) = &f.image else {
        return Ok(String::new());
    };
    let media: Option<(String, String)> = query_as("SELECT status, alt FROM media WHERE id = ?1")
        .bind(image.media_id)
        .fetch_optional(&mut **tx)
        .await?;
    let default_alt = match media {
        None => return Err(StoreError::Invalid(
            "That image is not in the media library (it may have been deleted): choose another."
                .into(),
        )),
        Some((status, _)) if status == "failed" => {
            return Err(StoreError::Invalid(
                "That image could not be prepared: choose another, or upload it again.".into(),
            ))
        }
        Some((_, alt)) => alt,
    };
    let alt = if image.alt.trim().is_empty() {
        default_alt
    } else {
        image.alt.clone()
    };
    if alt.trim().is_empty() {
        return Err(StoreError::Invalid(IMAGE_ALT_MISSING.into()));
    }
    Ok(alt)
}
