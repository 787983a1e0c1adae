//! What an export reads: every author (with the account writing under it, if any), category,
//! tag, static page and picture, and the articles a batch at a time (by id), so a site of
//! 100,000 articles is never held whole.

use super::{Result, Store};
use crate::server::store::db::query_as;

/// A byline, and the staff account that writes under it (the demo's authors have none).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportAuthor {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub bio: String,
    pub email: Option<String>,
    pub role: Option<String>,
    pub active: Option<bool>,
}

/// An article whole, with its category's path, author's slug and tag names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportArticle {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub dek: String,
    pub body_md: String,
    pub body_html: String,
    pub lang: String,
    pub status: String,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    pub created_at: i64,
    pub author_slug: String,
    pub category_path: String,
    pub featured: bool,
    pub editors_pick: bool,
    pub seo_title: String,
    pub seo_description: String,
    pub canonical_url: String,
    pub image_key: Option<String>,
    pub image_media_id: Option<i64>,
    pub image_alt: Option<String>,
    pub image_caption: String,
    pub image_credit: String,
    /// Tag names, joined by U+001F.
    pub tags: String,
    /// Shared by an article and its translations.
    pub translation_key: Option<String>,
}

impl ExportArticle {
    pub fn tag_names(&self) -> Vec<&str> {
        self.tags
            .split('\u{1f}')
            .filter(|t| !t.is_empty())
            .collect()
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportPage {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub body_md: String,
    pub body_html: String,
    pub updated_at: i64,
}

impl Store {
    pub async fn export_authors(&self) -> Result<Vec<ExportAuthor>> {
        Ok(query_as(
            "SELECT a.id, a.slug, a.name, a.bio, s.email, s.role, (s.active <> 0) AS active \
             FROM authors a LEFT JOIN staff s ON s.author_id = a.id ORDER BY a.id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every tag: (slug, name).
    pub async fn export_tags(&self) -> Result<Vec<(String, String)>> {
        Ok(query_as("SELECT slug, name FROM tags ORDER BY slug")
            .fetch_all(&self.pool)
            .await?)
    }

    /// Up to `limit` articles with ids above `after`, by id.
    pub async fn export_articles(&self, after: i64, limit: i64) -> Result<Vec<ExportArticle>> {
        // Tag names joined by the unit separator (U+001F), which no name holds.
        let sql = format!(
            "SELECT a.id, a.slug, a.title, a.dek, a.body_md, a.body_html, a.lang, a.status, \
               a.published_at, a.updated_at, a.created_at, au.slug AS author_slug, \
               c.path AS category_path, (a.featured <> 0) AS featured, (a.editors_pick <> 0) AS editors_pick, a.seo_title, a.seo_description, \
               a.canonical_url, m.key AS image_key, a.image_media_id, a.image_alt, a.image_caption, \
               a.image_credit, \
               COALESCE((SELECT {} FROM article_tags at \
                 JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), '') AS tags, \
               a.translation_key \
             FROM articles a JOIN authors au ON au.id = a.author_id \
             JOIN categories c ON c.id = a.category_id LEFT JOIN media m ON m.id = a.image_media_id \
             WHERE a.id > ?1 ORDER BY a.id LIMIT ?2",
            self.backend().joined("t.name", "'\u{1f}'")
        );
        Ok(query_as(&sql)
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    pub async fn export_pages(&self) -> Result<Vec<ExportPage>> {
        Ok(query_as(
            "SELECT id, slug, title, body_md, body_html, updated_at FROM pages ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every picture of the library, oldest first.
    pub async fn export_media(&self) -> Result<Vec<super::MediaRow>> {
        let (mut rows, _) = self.list_media("", i64::MAX, 0).await?;
        rows.reverse();
        Ok(rows)
    }
}
