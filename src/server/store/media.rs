//! The media library: one row per distinct upload (keyed by its content), its progress from
//! `processing` to `ready` or `failed`, its default alt text, caption and credit, the articles
//! using it, and, for reader pages, an article's featured image.
//!
//! Over 400 lines: every query of the `media` table is here, the library's (upload, progress,
//! list, edit, delete) and the reader pages' (featured images, the sizes of pictures in a body),
//! so the one rule of what may be shown (`ready` only) is kept in one file.

use super::{Result, Store, StoreError};
use crate::server::store::db::{query, query_as, query_scalar, Executor, QueryBuilder};
use crate::server::text::{self, MediaSizes};

/// Where a picture's variants are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaStatus {
    /// Kept as an original; variants are being made.
    Processing,
    Ready,
    /// Its variants could not be made (`MediaRow::error` says why).
    Failed,
}

impl MediaStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Processing => "processing",
            Self::Ready => "ready",
            Self::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "ready" => Self::Ready,
            "failed" => Self::Failed,
            _ => Self::Processing,
        }
    }
}

/// A picture of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRow {
    pub id: i64,
    pub key: String,
    pub file_name: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub bytes: i64,
    pub status: MediaStatus,
    pub error: String,
    /// The widths made, narrowest first (empty until ready).
    pub widths: Vec<u32>,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// Who uploaded it (None: the account is gone, or the demo made it).
    pub created_by: Option<String>,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    key: String,
    file_name: String,
    mime: String,
    width: i64,
    height: i64,
    bytes: i64,
    status: String,
    error: String,
    variants: String,
    alt: String,
    caption: String,
    credit: String,
    created_by: Option<String>,
    created_at: i64,
}

impl From<Row> for MediaRow {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            key: r.key,
            file_name: r.file_name,
            mime: r.mime,
            width: r.width.max(0) as u32,
            height: r.height.max(0) as u32,
            bytes: r.bytes,
            status: MediaStatus::parse(&r.status),
            error: r.error,
            widths: widths_of(&r.variants),
            alt: r.alt,
            caption: r.caption,
            credit: r.credit,
            created_by: r.created_by,
            created_at: r.created_at,
        }
    }
}

/// `"320,480,768"` as widths.
pub(super) fn widths_of(variants: &str) -> Vec<u32> {
    variants
        .split(',')
        .filter_map(|w| w.trim().parse().ok())
        .collect()
}

const MEDIA_COLUMNS: &str = "SELECT m.id, m.key, m.file_name, m.mime, m.width, m.height, m.bytes, \
     m.status, m.error, m.variants, m.alt, m.caption, m.credit, s.name AS created_by, m.created_at \
     FROM media m LEFT JOIN staff s ON s.id = m.created_by";

/// An upload that passed its checks, as it is recorded.
#[derive(Debug, Clone)]
pub struct NewMedia<'a> {
    pub key: &'a str,
    pub file_name: &'a str,
    pub mime: &'a str,
    pub width: u32,
    pub height: u32,
    pub bytes: i64,
    pub alt: &'a str,
    pub caption: &'a str,
    pub credit: &'a str,
}

/// An article using a picture.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MediaUser {
    pub id: i64,
    pub title: String,
    pub status: String,
}

/// What an article says of its featured image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeaturedText {
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// An article's featured image as reader pages show it: the picture's key and size, the widths
/// made of it (its files are `/media/<key>/<width>.webp|.jpg` and `/media/<key>/share.jpg`, see
/// `server/media.rs`), and the article's alt text, caption and credit for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeaturedImage {
    pub key: String,
    pub width: u32,
    pub height: u32,
    pub widths: Vec<u32>,
    pub alt: String,
    pub caption: String,
    pub credit: String,
}

/// A picture's size and widths by its key, for images in article bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaSize {
    pub width: u32,
    pub height: u32,
    pub widths: Vec<u32>,
}

impl Store {
    /// Records an upload, or finds the row of the same bytes uploaded before. Returns its id
    /// and whether this call made it.
    pub async fn add_media(
        &self,
        m: &NewMedia<'_>,
        by: Option<i64>,
        now: i64,
    ) -> Result<(i64, bool)> {
        let made: Option<i64> = query_scalar(
            "INSERT INTO media (key, file_name, mime, width, height, bytes, alt, caption, credit, created_by, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(key) DO NOTHING RETURNING id",
        )
        .bind(m.key)
        .bind(m.file_name)
        .bind(m.mime)
        .bind(i64::from(m.width))
        .bind(i64::from(m.height))
        .bind(m.bytes)
        .bind(m.alt)
        .bind(m.caption)
        .bind(m.credit)
        .bind(by)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(id) = made {
            return Ok((id, true));
        }
        let id = query_scalar("SELECT id FROM media WHERE key = ?1")
            .bind(m.key)
            .fetch_one(&self.pool)
            .await?;
        Ok((id, false))
    }

    pub async fn media_by_id(&self, id: i64) -> Result<Option<MediaRow>> {
        let sql = format!("{MEDIA_COLUMNS} WHERE m.id = ?1");
        let row: Option<Row> = query_as(&sql).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.map(MediaRow::from))
    }

    /// Every picture's content key (a backup checks that each has its original).
    pub async fn media_keys(&self) -> Result<Vec<String>> {
        Ok(query_scalar("SELECT key FROM media ORDER BY id")
            .fetch_all(&self.pool)
            .await?)
    }

    /// Pictures whose variants are still to be made (after a restart: the work left undone).
    pub async fn pending_media(&self) -> Result<Vec<(i64, String)>> {
        Ok(
            query_as("SELECT id, key FROM media WHERE status = 'processing' ORDER BY id")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Marks a picture's variants made, `widths` wide. Pages showing it change.
    pub async fn media_ready(&self, id: i64, widths: &[u32]) -> Result<()> {
        let variants = widths
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        query("UPDATE media SET status = 'ready', error = '', variants = ?2 WHERE id = ?1")
            .bind(id)
            .bind(variants)
            .execute(&self.pool)
            .await?;
        if self.media_in_use(id).await? {
            self.content_changed();
        }
        Ok(())
    }

    /// Marks a picture's variants as not made, for `reason` (shown in the library).
    pub async fn media_failed(&self, id: i64, reason: &str) -> Result<()> {
        query("UPDATE media SET status = 'failed', error = ?2 WHERE id = ?1")
            .bind(id)
            .bind(reason)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// One page of the library, newest first: all of it, or the pictures whose alt text or
    /// file name holds `search` (any case); and how many match in all.
    pub async fn list_media(
        &self,
        search: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<MediaRow>, i64)> {
        let search = search.trim();
        let filter = |q: &mut QueryBuilder<'_>| {
            if !search.is_empty() {
                let pattern = format!(
                    "%{}%",
                    search
                        .replace('\\', "\\\\")
                        .replace('%', "\\%")
                        .replace('_', "\\_")
                );
                let like = self.backend().like();
                q.push(format!(" WHERE (m.alt {like} "))
                    .push_bind(pattern.clone())
                    .push(format!(" ESCAPE '\\' OR m.file_name {like} "))
                    .push_bind(pattern)
                    .push(" ESCAPE '\\')");
            }
        };
        let mut q = QueryBuilder::new(MEDIA_COLUMNS);
        filter(&mut q);
        q.push(" ORDER BY m.created_at DESC, m.id DESC LIMIT ")
            .push_bind(limit)
            .push(" OFFSET ")
            .push_bind(offset);
        let rows: Vec<Row> = q.build_query_as().fetch_all(&self.pool).await?;
        let mut count = QueryBuilder::new("SELECT COUNT(*) FROM media m");
        filter(&mut count);
        let total: i64 = count.build_query_scalar().fetch_one(&self.pool).await?;
        Ok((rows.into_iter().map(MediaRow::from).collect(), total))
    }

    /// The newest `limit` pictures that can be chosen for an article (all but those that
    /// failed), newest first.
    pub async fn recent_media(&self, limit: i64) -> Result<Vec<MediaRow>> {
        let sql = format!(
            "{MEDIA_COLUMNS} WHERE m.status <> 'failed' ORDER BY m.created_at DESC, m.id DESC LIMIT ?1"
        );
        let rows: Vec<Row> = query_as(&sql).bind(limit).fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(MediaRow::from).collect())
    }

    /// Sets a picture's default alt text, caption and credit.
    pub async fn save_media_text(
        &self,
        id: i64,
        alt: &str,
        caption: &str,
        credit: &str,
    ) -> Result<bool> {
        let done = query("UPDATE media SET alt = ?2, caption = ?3, credit = ?4 WHERE id = ?1")
            .bind(id)
            .bind(alt)
            .bind(caption)
            .bind(credit)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The articles whose featured image is picture `id`, latest change first.
    pub async fn media_users(&self, id: i64) -> Result<Vec<MediaUser>> {
        Ok(query_as(
            "SELECT id, title, status FROM articles WHERE image_media_id = ?1 ORDER BY updated_at DESC, id DESC",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn media_in_use(&self, id: i64) -> Result<bool> {
        Ok(query_scalar(
            "SELECT EXISTS (SELECT 1 FROM articles WHERE image_media_id = ?1 AND status = 'published')",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Deletes picture `id` and returns its key (for its files), or `Ok(None)` when there is
    /// no such picture. Refused with [`StoreError::Conflict`] while an article uses it.
    pub async fn delete_media(&self, id: i64) -> Result<Option<String>> {
        let mut tx = self.write_tx().await?;
        let used: i64 = query_scalar("SELECT COUNT(*) FROM articles WHERE image_media_id = ?1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if used > 0 {
            return Err(StoreError::Conflict(format!(
                "This image is the featured image of {used} article{}; choose another image for {} first, then delete it.",
                if used == 1 { "" } else { "s" },
                if used == 1 { "it" } else { "them" },
            )));
        }
        let key: Option<String> = query_scalar("DELETE FROM media WHERE id = ?1 RETURNING key")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(key)
    }

    /// Makes picture `media_id` the featured image of the article with `slug`, with the
    /// article's own alt text, caption and credit. False when there is no such article.
    pub async fn set_featured_image(
        &self,
        slug: &str,
        media_id: i64,
        text: &FeaturedText,
    ) -> Result<bool> {
        let done = query(
            "UPDATE articles SET image_media_id = ?2, image_alt = ?3, image_caption = ?4, \
             image_credit = ?5, version = version + 1 WHERE slug = ?1",
        )
        .bind(slug)
        .bind(media_id)
        .bind(&text.alt)
        .bind(&text.caption)
        .bind(&text.credit)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        self.content_changed();
        Ok(true)
    }

    /// The featured image of article `article_id`, once its variants are made.
    pub async fn featured_image(&self, article_id: i64) -> Result<Option<FeaturedImage>> {
        Ok(self
            .featured_images(&[article_id])
            .await?
            .remove(&article_id))
    }

    /// The featured images of several articles at once (for lists of cards), by article id;
    /// articles without one, or whose picture is not ready, are left out.
    pub async fn featured_images(
        &self,
        article_ids: &[i64],
    ) -> Result<std::collections::HashMap<i64, FeaturedImage>> {
        #[derive(sqlx::FromRow)]
        struct Featured {
            id: i64,
            key: String,
            width: i64,
            height: i64,
            variants: String,
            alt: String,
            caption: String,
            credit: String,
        }
        if article_ids.is_empty() {
            return Ok(Default::default());
        }
        let mut q = QueryBuilder::new(
            "SELECT a.id, m.key, m.width, m.height, m.variants, COALESCE(a.image_alt, '') AS alt, \
             a.image_caption AS caption, a.image_credit AS credit \
             FROM articles a JOIN media m ON m.id = a.image_media_id WHERE m.status = 'ready' AND a.id IN (",
        );
        let mut ids = q.separated(", ");
        for id in article_ids {
            ids.push_bind(*id);
        }
        q.push(")");
        let rows: Vec<Featured> = q.build_query_as().fetch_all(&self.pool).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let image = FeaturedImage {
                    key: r.key,
                    width: r.width.max(0) as u32,
                    height: r.height.max(0) as u32,
                    widths: widths_of(&r.variants),
                    alt: r.alt,
                    caption: r.caption,
                    credit: r.credit,
                };
                (r.id, image)
            })
            .collect())
    }

    /// The size and widths of the ready picture with `key`, if there is one.
    pub async fn media_size(&self, key: &str) -> Result<Option<MediaSize>> {
        let row: Option<(i64, i64, String)> = query_as(
            "SELECT width, height, variants FROM media WHERE key = ?1 AND status = 'ready'",
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(width, height, variants)| MediaSize {
            width: width.max(0) as u32,
            height: height.max(0) as u32,
            widths: widths_of(&variants),
        }))
    }
}

/// The sizes of the library pictures `markdown` shows (all but those that failed), read on
/// `conn` (a transaction's, when the body is saved in one).
async fn media_sizes(conn: impl Executor<'_>, markdown: &str) -> Result<MediaSizes> {
    let keys = text::media_keys(markdown);
    if keys.is_empty() {
        return Ok(MediaSizes::new());
    }
    let mut q = QueryBuilder::new(
        "SELECT key, width, height FROM media WHERE status <> 'failed' AND key IN (",
    );
    let mut list = q.separated(", ");
    for key in &keys {
        list.push_bind(key.as_str());
    }
    q.push(")");
    let rows: Vec<(String, i64, i64)> = q.build_query_as().fetch_all(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(key, w, h)| (key, (w.max(0) as u32, h.max(0) as u32)))
        .collect())
}

/// A Markdown body as readers get it (`text::markdown_to_safe_html`), its images sized from the
/// library, read on `conn`.
pub(crate) async fn body_html_on(conn: impl Executor<'_>, markdown: &str) -> Result<String> {
    let sizes = media_sizes(conn, markdown).await?;
    Ok(text::markdown_to_safe_html(markdown, &sizes))
}

impl Store {
    /// A Markdown body as readers get it, its images sized from the library (for previews;
    /// saves render it in their own transaction).
    pub async fn body_html(&self, markdown: &str) -> Result<String> {
        body_html_on(&self.pool, markdown).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_read_from_their_list() {
        assert_eq!(widths_of("320,480,768"), vec![320, 480, 768]);
        assert_eq!(widths_of(""), Vec::<u32>::new());
        assert_eq!(widths_of("250"), vec![250]);
    }
}
