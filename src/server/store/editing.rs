//! Articles as the newsroom writes them: made as drafts, saved with a version check (a save on a
//! stale version is refused, naming who saved since), published, scheduled, updated and
//! unpublished, each save kept as a revision. Only published articles are in the search index:
//! a draft's words never reach search or its spelling suggestions.

use super::search::index::{index_article, unindex_article, IndexEntry, TermCounts};
use super::write::set_tags;
use super::{Result, Store, StoreError};
use crate::server::store::db::{query, query_as, query_scalar, Tx};
use crate::server::text;

/// Where an article is in the workflow. A published article whose time is still to come is
/// scheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleStatus {
    Draft,
    Review,
    Published,
}

impl ArticleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Review => "review",
            Self::Published => "published",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "review" => Self::Review,
            "published" => Self::Published,
            _ => Self::Draft,
        }
    }
}

/// What the editor's form holds, checked (`newsroom/editor.rs` validates it before the store
/// sees it; the store checks what only it can: the slug free, the category and author real).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFields {
    pub title: String,
    pub dek: String,
    pub slug: String,
    pub body_md: String,
    pub lang: String,
    pub category_id: i64,
    pub author_id: i64,
    pub tags: Vec<String>,
    pub featured: bool,
    pub editors_pick: bool,
    pub seo_title: String,
    pub seo_description: String,
    pub canonical_url: String,
    /// The featured image (None: the article has none).
    pub image: Option<ArticleImage>,
}

/// An article's featured image: a picture of the media library, with the article's own alt
/// text (when left empty, the picture's default is taken as it is saved), caption and credit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleImage {
    pub media_id: i64,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// An article as the editor opens it.
#[derive(Debug, Clone)]
pub struct EditableArticle {
    pub id: i64,
    pub version: i64,
    pub status: ArticleStatus,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub created_at: i64,
    /// Who saved last (None: the demo loader or an import).
    pub saved_by: Option<String>,
    pub fields: ArticleFields,
}

/// What a save does besides writing the fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveAs {
    /// Keep the status (a draft stays a draft, a published article is updated live).
    Keep,
    Draft,
    Review,
    /// Published at this time (now, or later: scheduled). A published article keeps its time
    /// unless given another.
    Published(i64),
}

/// Who saves, when, and with which button (recorded in the revision).
#[derive(Debug, Clone, Copy)]
pub struct Saving<'a> {
    pub by: i64,
    pub at: i64,
    pub action: &'a str,
}

/// Why a save was refused because someone else saved first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleSave {
    pub saved_by: Option<String>,
    pub saved_at: i64,
    pub version: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("someone saved this article since")]
    Stale(StaleSave),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SaveError {
    fn from(e: sqlx::Error) -> Self {
        Self::Store(StoreError::Db(e))
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    version: i64,
    status: String,
    published_at: Option<i64>,
    updated_at: i64,
    created_at: i64,
    saved_by: Option<String>,
    title: String,
    dek: String,
    slug: String,
    body_md: String,
    lang: String,
    category_id: i64,
    author_id: i64,
    featured: bool,
    editors_pick: bool,
    seo_title: String,
    seo_description: String,
    canonical_url: String,
    image_media_id: Option<i64>,
    image_alt: Option<String>,
    image_caption: String,
    image_credit: String,
}

impl Store {
    pub async fn editable_article(&self, id: i64) -> Result<Option<EditableArticle>> {
        let row: Option<Row> = query_as(
            "SELECT a.id, a.version, a.status, a.published_at, a.updated_at, a.created_at, s.name AS saved_by, \
             a.title, a.dek, a.slug, a.body_md, a.lang, a.category_id, a.author_id, (a.featured <> 0) AS featured, (a.editors_pick <> 0) AS editors_pick, \
             a.seo_title, a.seo_description, a.canonical_url, a.image_media_id, a.image_alt, \
             a.image_caption, a.image_credit \
             FROM articles a LEFT JOIN staff s ON s.id = a.saved_by WHERE a.id = ?1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let tags = query_scalar(
            "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ?1 ORDER BY t.name",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(EditableArticle {
            id: r.id,
            version: r.version,
            status: ArticleStatus::parse(&r.status),
            published_at: r.published_at,
            updated_at: r.updated_at,
            created_at: r.created_at,
            saved_by: r.saved_by,
            fields: ArticleFields {
                title: r.title,
                dek: r.dek,
                slug: r.slug,
                body_md: r.body_md,
                lang: r.lang,
                category_id: r.category_id,
                author_id: r.author_id,
                tags,
                featured: r.featured,
                editors_pick: r.editors_pick,
                seo_title: r.seo_title,
                seo_description: r.seo_description,
                canonical_url: r.canonical_url,
                image: r.image_media_id.map(|media_id| ArticleImage {
                    media_id,
                    alt: r.image_alt.unwrap_or_default(),
                    caption: r.image_caption,
                    credit: r.image_credit,
                }),
            },
        }))
    }

    /// A new article, as a draft or in review (publishing is a save after it), by `staff_id`,
    /// made from a form that carried `draft_key` (see [`Store::article_of_draft_key`]).
    pub async fn create_article(
        &self,
        f: &ArticleFields,
        status: SaveAs,
        saving: Saving<'_>,
        draft_key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        let id = create_in(&mut tx, f, status, saving, draft_key).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A new article made and published (or scheduled) as `save_as` says, in one transaction:
    /// two revisions (`first`, then `publishing`), and if anything fails, nothing stored (not
    /// even the draft).
    pub async fn create_published(
        &self,
        f: &ArticleFields,
        save_as: SaveAs,
        first: Saving<'_>,
        publishing: Saving<'_>,
        draft_key: Option<&str>,
    ) -> Result<i64, SaveError> {
        let mut tx = self.write_tx().await?;
        let id = create_in(&mut tx, f, SaveAs::Draft, first, draft_key).await?;
        let (_, changed) = save_in(&mut tx, id, 1, f, save_as, publishing).await?;
        tx.commit().await?;
        if changed {
            self.content_changed();
        }
        Ok(id)
    }

    /// The article a save from `staff_id` with `draft_key` already made, if any: a second save
    /// with the key continues it rather than making another.
    pub async fn article_of_draft_key(
        &self,
        staff_id: i64,
        draft_key: &str,
    ) -> Result<Option<i64>> {
        Ok(query_scalar(
            "SELECT article_id FROM article_draft_keys WHERE staff_id = ?1 AND draft_key = ?2",
        )
        .bind(staff_id)
        .bind(draft_key)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Saves `f` over version `version` of article `id` and moves it as `save_as` says, in one
    /// transaction, with a revision recorded as `action`. Returns the new version. Refused with [`SaveError::Stale`] when the stored
    /// version is not `version`. Only changes readers can see (a published article's) mark the
    /// content changed.
    pub async fn save_article(
        &self,
        id: i64,
        version: i64,
        f: &ArticleFields,
        save_as: SaveAs,
        saving: Saving<'_>,
    ) -> Result<i64, SaveError> {
        let mut tx = self.write_tx().await?;
        let (version, changed) = save_in(&mut tx, id, version, f, save_as, saving).await?;
        tx.commit().await?;
        if changed {
            self.content_changed();
        }
        Ok(version)
    }
}

/// [`Store::save_article`] in `tx`: the new version, and whether readers' pages change.
async fn save_in(
    tx: &mut Tx,
    id: i64,
    version: i64,
    f: &ArticleFields,
    save_as: SaveAs,
    saving: Saving<'_>,
) -> Result<(i64, bool), SaveError> {
    let Saving {
        by: staff_id,
        at: now,
        action,
    } = saving;
    let current: Option<(i64, String, Option<i64>, String)> =
        query_as("SELECT version, status, published_at, slug FROM articles WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((stored, status, published_at, old_slug)) = current else {
        return Err(SaveError::Store(StoreError::Db(sqlx::Error::RowNotFound)));
    };
    if stored != version {
        let (saved_by, saved_at): (Option<String>, i64) = query_as(
                "SELECT s.name, a.updated_at FROM articles a LEFT JOIN staff s ON s.id = a.saved_by WHERE a.id = ?1",
            )
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
        return Err(SaveError::Stale(StaleSave {
            saved_by,
            saved_at,
            version: stored,
        }));
    }
    let image_alt = check_refs(tx, f, Some(id)).await?;
    let was_live = ArticleStatus::parse(&status) == ArticleStatus::Published;
    let published_at_before = published_at;
    let (status, published_at) = match save_as {
        SaveAs::Keep => (ArticleStatus::parse(&status), published_at),
        SaveAs::Draft => (ArticleStatus::Draft, None),
        SaveAs::Review => (ArticleStatus::Review, None),
        SaveAs::Published(at) => (ArticleStatus::Published, Some(at)),
    };
    let live = status == ArticleStatus::Published;
    // A published article whose address changes leaves its old one behind, redirected.
    let old_path = published_at_before
        .filter(|_| was_live)
        .map(|at| crate::urls::article(&old_slug, at));
    let new_path = published_at.map(|at| crate::urls::article(&f.slug, at));
    keep_old_path(tx, id, old_path, new_path.as_deref(), now).await?;
    let mut terms = TermCounts::default();
    if was_live {
        unindex_article(tx, id, &mut terms).await?;
    }
    write_fields(
        tx,
        id,
        f,
        &image_alt,
        (status, published_at),
        Some(staff_id),
        now,
    )
    .await?;
    set_tags(tx, id, &f.tags).await?;
    if live {
        index_fields(tx, id, f, &mut terms).await?;
    }
    terms.add_to(tx).await?;
    record_revision(tx, id, f, action, Some(staff_id), now).await?;
    Ok((version + 1, was_live || live))
}

/// [`Store::create_article`] in `tx`.
async fn create_in(
    tx: &mut Tx,
    f: &ArticleFields,
    status: SaveAs,
    saving: Saving<'_>,
    draft_key: Option<&str>,
) -> Result<i64> {
    let Saving {
        by: staff_id,
        at: now,
        action,
    } = saving;
    let status = match status {
        SaveAs::Review => ArticleStatus::Review,
        _ => ArticleStatus::Draft,
    };
    let image_alt = check_refs(tx, f, None).await?;
    let id = insert_blank(tx, f, now).await?;
    write_fields(tx, id, f, &image_alt, (status, None), Some(staff_id), now).await?;
    set_tags(tx, id, &f.tags).await?;
    record_revision(tx, id, f, action, Some(staff_id), now).await?;
    if let Some(key) = draft_key {
        query("DELETE FROM article_draft_keys WHERE created_at < ?1")
            .bind(now - DRAFT_KEY_SECONDS)
            .execute(&mut **tx)
            .await?;
        query(
            "INSERT INTO article_draft_keys (draft_key, staff_id, article_id, created_at) \
                 VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(key)
        .bind(staff_id)
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// A row to write an article's fields into, made at `now` (version 0: the write of its fields
/// makes it 1).
pub(super) async fn insert_blank(tx: &mut Tx, f: &ArticleFields, now: i64) -> Result<i64> {
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
pub(super) async fn keep_old_path(
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
pub(super) async fn index_fields(
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

/// How long a new article's form key is remembered.
const DRAFT_KEY_SECONDS: i64 = 2 * 86_400;

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

pub(super) async fn record_revision(
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
pub(super) async fn write_fields(
    tx: &mut Tx,
    id: i64,
    f: &ArticleFields,
    image_alt: &str,
    (status, published_at): (ArticleStatus, Option<i64>),
    staff_id: Option<i64>,
    now: i64,
) -> Result<()> {
    let body_html = super::media::body_html_on(&mut **tx, &f.body_md).await?;
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
pub(super) async fn check_refs(tx: &mut Tx, f: &ArticleFields, id: Option<i64>) -> Result<String> {
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
