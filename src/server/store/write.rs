//! Writes: categories, authors, articles (with their tags; their search index rows are written
//! by `search/index.rs`), pages.

use super::search::index::{index_article, IndexEntry, TermCounts};
use super::{Result, Store, StoreError};
use crate::server::store::db::{query, query_as, query_scalar, Tx};
use crate::server::text;

pub struct NewCategory<'a> {
    pub parent_path: Option<&'a str>,
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub position: i64,
}

/// An article as an editor or an importer hands it in; the store renders and indexes it.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub slug: String,
    pub title: String,
    pub dek: String,
    pub body_md: String,
    pub lang: String,
    pub category_path: String,
    pub author_slug: String,
    pub tags: Vec<String>,
    pub published_at: i64,
    pub updated_at: i64,
    pub featured: bool,
    pub editors_pick: bool,
    pub views: i64,
    pub translation_key: Option<String>,
}

impl Store {
    pub async fn insert_category(&self, c: NewCategory<'_>) -> Result<i64> {
        if !text::is_ascii_slug(c.slug) {
            return Err(StoreError::Invalid(format!(
                "bad category slug {:?}",
                c.slug
            )));
        }
        let (parent_id, path) = match c.parent_path {
            None => (None, c.slug.to_string()),
            Some(p) => {
                let parent = self
                    .find_category(p)
                    .await?
                    .ok_or_else(|| StoreError::Invalid(format!("no parent category {p:?}")))?;
                (Some(parent.id), format!("{}/{}", parent.path, c.slug))
            }
        };
        let id = query_scalar(
            "INSERT INTO categories (parent_id, slug, name, description, position, path) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        )
        .bind(parent_id)
        .bind(c.slug)
        .bind(c.name)
        .bind(c.description)
        .bind(c.position)
        .bind(path)
        .fetch_one(&self.pool)
        .await?;
        self.content_changed();
        Ok(id)
    }

    pub async fn upsert_author(&self, slug: &str, name: &str, bio: &str) -> Result<i64> {
        let id = query_scalar(
            "INSERT INTO authors (slug, name, bio) VALUES (?1, ?2, ?3) \
             ON CONFLICT(slug) DO UPDATE SET name = excluded.name, bio = excluded.bio RETURNING id",
        )
        .bind(slug)
        .bind(name)
        .bind(bio)
        .fetch_one(&self.pool)
        .await?;
        self.content_changed();
        Ok(id)
    }

    /// Inserts an article, its tags and its search-index entry in one transaction.
    pub async fn insert_article(&self, a: &NewArticle) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        let mut terms = TermCounts::default();
        let id = insert_article_in(&mut tx, a, &mut terms).await?;
        terms.add_to(&mut tx).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(id)
    }

    /// Inserts many articles in one transaction (for imports and the generator): all or none.
    pub async fn insert_articles(&self, articles: &[NewArticle]) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let mut terms = TermCounts::default();
        for a in articles {
            insert_article_in(&mut tx, a, &mut terms).await?;
        }
        terms.add_to(&mut tx).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(())
    }

    /// Category paths and author slugs, for the article generator.
    pub async fn generator_targets(&self) -> Result<(Vec<String>, Vec<String>)> {
        let cats = query_scalar("SELECT path FROM categories ORDER BY path")
            .fetch_all(&self.pool)
            .await?;
        let authors = query_scalar("SELECT slug FROM authors ORDER BY slug")
            .fetch_all(&self.pool)
            .await?;
        Ok((cats, authors))
    }

    pub async fn upsert_page(
        &self,
        slug: &str,
        title: &str,
        body_md: &str,
        now: i64,
    ) -> Result<()> {
        query(
            "INSERT INTO pages (slug, title, body_md, body_html, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(slug) DO UPDATE SET title = excluded.title, body_md = excluded.body_md, \
             body_html = excluded.body_html, updated_at = excluded.updated_at, \
             version = pages.version + 1, saved_by = NULL",
        )
        .bind(slug)
        .bind(title)
        .bind(body_md)
        .bind(self.body_html(body_md).await?)
        .bind(now)
        .execute(&self.pool)
        .await?;
        self.content_changed();
        Ok(())
    }
}

async fn insert_article_in(tx: &mut Tx, a: &NewArticle, terms: &mut TermCounts) -> Result<i64> {
    if !text::is_slug(&a.slug) {
        return Err(StoreError::Invalid(format!(
            "bad article slug {:?}",
            a.slug
        )));
    }
    let body_html = super::media::body_html_on(&mut **tx, &a.body_md).await?;
    let words = text::word_count(&a.body_md);
    let (category_id, category_name): (i64, String) =
        query_as("SELECT id, name FROM categories WHERE path = ?1")
            .bind(&a.category_path)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "article {}: no category {:?}",
                    a.slug, a.category_path
                ))
            })?;
    let (author_id, author_name): (i64, String) =
        query_as("SELECT id, name FROM authors WHERE slug = ?1")
            .bind(&a.author_slug)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| {
                StoreError::Invalid(format!("article {}: no author {:?}", a.slug, a.author_slug))
            })?;
    let id: i64 = query_scalar(
        "INSERT INTO articles (slug, title, dek, body_md, body_html, word_count, lang, dir, author_id, category_id, \
           published_at, updated_at, featured, editors_pick, views, translation_key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id",
    )
    .bind(&a.slug)
    .bind(&a.title)
    .bind(&a.dek)
    .bind(&a.body_md)
    .bind(&body_html)
    .bind(words as i64)
    .bind(&a.lang)
    .bind(crate::model::direction_of(&a.lang))
    .bind(author_id)
    .bind(category_id)
    .bind(a.published_at)
    .bind(a.updated_at.max(a.published_at))
    .bind(a.featured)
    .bind(a.editors_pick)
    .bind(a.views)
    .bind(&a.translation_key)
    .fetch_one(&mut **tx)
    .await?;
    let tag_names = set_tags(tx, id, &a.tags).await?;
    let tags = tag_names.join(" ");
    index_article(
        tx,
        IndexEntry {
            id,
            title: &a.title,
            dek: &a.dek,
            body_md: &a.body_md,
            category: &category_name,
            tags: &tags,
            author: &author_name,
        },
        terms,
    )
    .await?;
    Ok(id)
}

/// Replaces the article's tags with `names` (trimmed; names with no letter or digit skipped),
/// making tags that do not exist yet; returns the names kept.
pub(super) async fn set_tags<'a>(
    tx: &mut Tx,
    id: i64,
    names: &'a [String],
) -> Result<Vec<&'a str>> {
    query("DELETE FROM article_tags WHERE article_id = ?1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let mut kept = Vec::new();
    for name in names {
        let name = name.trim();
        let slug = text::slugify(name);
        if slug.is_empty() {
            continue;
        }
        let tag_id: i64 = query_scalar(
            "INSERT INTO tags (slug, name) VALUES (?1, ?2) ON CONFLICT(slug) DO UPDATE SET slug = excluded.slug RETURNING id",
        )
        .bind(&slug)
        .bind(name)
        .fetch_one(&mut **tx)
        .await?;
        // A tag is live at its address: an old tag's redirect from there goes (sections.rs).
        query("DELETE FROM moved_sections WHERE path = ?1")
            .bind(crate::urls::tag(&slug))
            .execute(&mut **tx)
            .await?;
        query(
            "INSERT INTO article_tags (article_id, tag_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(tag_id)
        .execute(&mut **tx)
        .await?;
        kept.push(name);
    }
    Ok(kept)
}
