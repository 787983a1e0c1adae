//! Writes: categories, authors, articles (with tags and the search index), pages.

use super::{Result, Store, StoreError};
use crate::server::search::{self, normalize};
use crate::server::text;
use sqlx::{Sqlite, Transaction};
use std::collections::{HashMap, HashSet};

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
    pub image: Option<(String, u32, u32, String)>,
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
        let id = sqlx::query_scalar(
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
        let id = sqlx::query_scalar(
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
        let mut tx = self.pool.begin().await?;
        let mut terms = TermCounts::default();
        let id = insert_article_in(&mut tx, a, &mut terms).await?;
        terms.add_to(&mut tx).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(id)
    }

    /// Inserts many articles in one transaction (for imports and the generator): all or none.
    pub async fn insert_articles(&self, articles: &[NewArticle]) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let mut terms = TermCounts::default();
        for a in articles {
            insert_article_in(&mut tx, a, &mut terms).await?;
        }
        terms.add_to(&mut tx).await?;
        tx.commit().await?;
        self.content_changed();
        Ok(())
    }

    /// Rebuilds the whole search index from the articles table, in one transaction (readers see
    /// the old index until it commits). Returns the number of articles indexed.
    pub async fn reindex_search(&self) -> Result<u64> {
        const CHUNK: i64 = 2_000;
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM article_search")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM title_terms")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM search_terms")
            .execute(&mut *tx)
            .await?;
        let mut terms = TermCounts::default();
        let mut after = 0i64;
        let mut n = 0u64;
        loop {
            let rows: Vec<IndexRow> = sqlx::query_as(
                "SELECT a.id, a.title, a.dek, a.body_md, c.name AS category, au.name AS author, \
                   COALESCE((SELECT group_concat(t.name, ' ') FROM article_tags at \
                     JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), '') AS tags \
                 FROM articles a JOIN categories c ON c.id = a.category_id \
                 JOIN authors au ON au.id = a.author_id \
                 WHERE a.id > ?1 ORDER BY a.id LIMIT ?2",
            )
            .bind(after)
            .bind(CHUNK)
            .fetch_all(&mut *tx)
            .await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            for r in &rows {
                index_article(
                    &mut tx,
                    IndexEntry {
                        id: r.id,
                        title: &r.title,
                        dek: &r.dek,
                        body_md: &r.body_md,
                        category: &r.category,
                        tags: &r.tags,
                        author: &r.author,
                    },
                    &mut terms,
                )
                .await?;
                n += 1;
            }
        }
        terms.add_to(&mut tx).await?;
        tx.commit().await?;
        self.content_changed();
        // Rewriting the whole index leaves a write-ahead log the size of the index (over 1 GB at
        // 100,000 articles); fold it into the database now rather than leave it to grow.
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await?;
        Ok(n)
    }

    /// Category paths and author slugs, for the article generator.
    pub async fn generator_targets(&self) -> Result<(Vec<String>, Vec<String>)> {
        let cats = sqlx::query_scalar("SELECT path FROM categories ORDER BY path")
            .fetch_all(&self.pool)
            .await?;
        let authors = sqlx::query_scalar("SELECT slug FROM authors ORDER BY slug")
            .fetch_all(&self.pool)
            .await?;
        Ok((cats, authors))
    }

    /// Whether articles exist but the search index is empty (after migration 0002, or a crash
    /// during an import): then the index needs a rebuild.
    pub(super) async fn search_index_missing(&self) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS(SELECT 1 FROM articles) AND \
             (NOT EXISTS(SELECT 1 FROM article_search) OR NOT EXISTS(SELECT 1 FROM title_terms) \
              OR NOT EXISTS(SELECT 1 FROM search_terms))",
        )
        .fetch_one(&self.pool)
        .await?)
    }

    pub async fn upsert_page(
        &self,
        slug: &str,
        title: &str,
        body_md: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO pages (slug, title, body_md, body_html, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT(slug) DO UPDATE SET title = excluded.title, body_md = excluded.body_md, \
             body_html = excluded.body_html, updated_at = excluded.updated_at",
        )
        .bind(slug)
        .bind(title)
        .bind(body_md)
        .bind(text::markdown_to_safe_html(body_md))
        .bind(now)
        .execute(&self.pool)
        .await?;
        self.content_changed();
        Ok(())
    }
}

/// What the search index holds for one article, before normalisation.
struct IndexEntry<'a> {
    id: i64,
    title: &'a str,
    dek: &'a str,
    body_md: &'a str,
    category: &'a str,
    tags: &'a str,
    author: &'a str,
}

#[derive(sqlx::FromRow)]
struct IndexRow {
    id: i64,
    title: String,
    dek: String,
    body_md: String,
    category: String,
    tags: String,
    author: String,
}

/// How many of the articles just indexed hold each word: added to `search_terms` (every
/// column) and `title_terms` (titles) once per batch, one statement per distinct word.
#[derive(Default)]
struct TermCounts {
    search: HashMap<String, i64>,
    title: HashMap<String, i64>,
}

impl TermCounts {
    async fn add_to(self, tx: &mut Transaction<'_, Sqlite>) -> Result<()> {
        for (table, counts) in [("search_terms", self.search), ("title_terms", self.title)] {
            let sql = format!(
                "INSERT INTO {table} (term, docs) VALUES (?1, ?2) \
                 ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs"
            );
            for (term, n) in counts {
                sqlx::query(&sql)
                    .bind(term)
                    .bind(n)
                    .execute(&mut **tx)
                    .await?;
            }
        }
        Ok(())
    }
}

/// Writes one article's search-index row, under rowid `-id` (newest first; see migration
/// 0006), records its length in words for the ranking, and counts its words into `terms`. Every column is normalised with the same function
/// as the queries (`search::normalize`).
async fn index_article(
    tx: &mut Transaction<'_, Sqlite>,
    e: IndexEntry<'_>,
    terms: &mut TermCounts,
) -> Result<()> {
    let columns = [
        normalize(e.title),
        normalize(e.dek),
        normalize(&text::plain_text(e.body_md)),
        normalize(e.category),
        normalize(e.tags),
        normalize(e.author),
    ];
    let [title, dek, body, category, tags, author] = &columns;
    sqlx::query("INSERT INTO article_search (rowid, title, dek, body, category, tags, author) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(-e.id)
        .bind(title)
        .bind(dek)
        .bind(body)
        .bind(category)
        .bind(tags)
        .bind(author)
        .execute(&mut **tx)
        .await?;
    let mut length = 0i64;
    let words: HashSet<String> = columns
        .iter()
        .flat_map(|c| search::index_words(c))
        .inspect(|_| length += 1)
        .collect();
    sqlx::query("UPDATE articles SET search_length = ?1 WHERE id = ?2")
        .bind(length)
        .bind(e.id)
        .execute(&mut **tx)
        .await?;
    for w in words {
        *terms.search.entry(w).or_default() += 1;
    }
    let title_words: HashSet<String> = search::query_words(e.title).into_iter().collect();
    for w in title_words {
        *terms.title.entry(w).or_default() += 1;
    }
    Ok(())
}

async fn insert_article_in(
    tx: &mut Transaction<'_, Sqlite>,
    a: &NewArticle,
    terms: &mut TermCounts,
) -> Result<i64> {
    if !text::is_ascii_slug(&a.slug) {
        return Err(StoreError::Invalid(format!(
            "bad article slug {:?}",
            a.slug
        )));
    }
    let body_html = text::markdown_to_safe_html(&a.body_md);
    let words = text::word_count(&a.body_md);
    let (category_id, category_name): (i64, String) =
        sqlx::query_as("SELECT id, name FROM categories WHERE path = ?1")
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
        sqlx::query_as("SELECT id, name FROM authors WHERE slug = ?1")
            .bind(&a.author_slug)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| {
                StoreError::Invalid(format!("article {}: no author {:?}", a.slug, a.author_slug))
            })?;
    let (img_src, img_w, img_h, img_alt) = match &a.image {
        Some((s, w, h, alt)) => (
            Some(s.as_str()),
            Some(*w as i64),
            Some(*h as i64),
            Some(alt.as_str()),
        ),
        None => (None, None, None, None),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO articles (slug, title, dek, body_md, body_html, word_count, lang, dir, author_id, category_id, \
           published_at, updated_at, image_src, image_width, image_height, image_alt, featured, editors_pick, views, translation_key) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) RETURNING id",
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
    .bind(img_src)
    .bind(img_w)
    .bind(img_h)
    .bind(img_alt)
    .bind(a.featured)
    .bind(a.editors_pick)
    .bind(a.views)
    .bind(&a.translation_key)
    .fetch_one(&mut **tx)
    .await?;
    let mut tag_names = Vec::new();
    for name in &a.tags {
        let name = name.trim();
        let slug = text::slugify(name);
        if slug.is_empty() {
            continue;
        }
        let tag_id: i64 = sqlx::query_scalar(
            "INSERT INTO tags (slug, name) VALUES (?1, ?2) ON CONFLICT(slug) DO UPDATE SET slug = excluded.slug RETURNING id",
        )
        .bind(&slug)
        .bind(name)
        .fetch_one(&mut **tx)
        .await?;
        sqlx::query("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?1, ?2)")
            .bind(id)
            .bind(tag_id)
            .execute(&mut **tx)
            .await?;
        tag_names.push(name);
    }
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
