//! Articles as the newsroom writes them: made as drafts, saved with a version check (a save on a
//! stale version is refused, naming who saved since), published, scheduled, updated and
//! unpublished, each save kept as a revision. Only published articles are in the search index:
//! a draft's words never reach search or its spelling suggestions.

use super::search::index::{unindex_article, TermCounts};
use super::write::set_tags;
use super::{Result, Store, StoreError};
use crate::server::store::db::{query, query_as, query_scalar, Tx};

mod revisions;
mod writing;
pub(in crate::server::store) use revisions::record_revision;
pub use revisions::{Revision, RevisionRow, AUTOSAVE, AUTOSAVE_REVISION_SECONDS, REVISIONS_KEPT};
pub use writing::IMAGE_ALT_MISSING;
pub(in crate::server::store) use writing::{
    check_refs, index_fields, insert_blank, keep_old_path, write_fields,
};

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

/// How long a new article's form key is remembered.
const DRAFT_KEY_SECONDS: i64 = 2 * 86_400;
