//! Queries for feeds and sitemaps: article bodies and tags for a list of articles, the URLs a
//! sitemap lists with their last change, and the news sitemap's recent articles.

use super::{Result, Store};
use crate::model::NamedRef;
use crate::server::store::db::{query_as, query_scalar, Backend, QueryBuilder};
use sqlx::FromRow;
use std::collections::HashMap;

/// What a feed item needs beyond an [`super::ArticleRow`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedExtras {
    pub body_html: String,
    pub tags: Vec<NamedRef>,
}

/// The kinds of URL a sitemap lists; each kind has its own run of child sitemaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitemapKind {
    Articles,
    Categories,
    Tags,
    Authors,
    /// Static pages (the home page is added by the caller).
    Pages,
}

impl SitemapKind {
    pub const ALL: [SitemapKind; 5] = [
        Self::Articles,
        Self::Categories,
        Self::Tags,
        Self::Authors,
        Self::Pages,
    ];

    /// The name used in child sitemap file names, e.g. `articles` in `articles-1.xml`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Articles => "articles",
            Self::Categories => "categories",
            Self::Tags => "tags",
            Self::Authors => "authors",
            Self::Pages => "pages",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// One row per URL: `key` (article slug, category path, tag, author or page slug),
    /// `published_at` (articles only, for the dated URL; 0 otherwise), `lastmod` and the
    /// featured picture's key and widths (articles with one only), in a stable
    /// order so that earlier pages keep their URLs as the newsroom grows. `?1` is now.
    fn sql(self, backend: Backend) -> String {
        let changed = backend.greatest("a.published_at", "a.updated_at");
        match self {
            Self::Articles => format!(
                "SELECT a.slug AS key, a.published_at, {changed} AS lastmod, \
                 img.key AS image_key, img.variants AS image_variants \
                 FROM articles a LEFT JOIN media img ON img.id = a.image_media_id AND img.status = 'ready' \
                 WHERE a.published_at <= ?1 ORDER BY a.published_at, a.id"
            ),
            // Only categories, tags and authors with at least one published article: an empty
            // archive is nothing to index, and it has no last change to report.
            Self::Categories => format!(
                "SELECT c.path AS key, CAST(0 AS BIGINT) AS published_at, MAX({changed}) AS lastmod, \
                 NULL AS image_key, NULL AS image_variants FROM categories c \
                 JOIN categories d ON d.path = c.path OR substr(d.path, 1, length(c.path) + 1) = c.path || '/' \
                 JOIN articles a ON a.category_id = d.id AND a.published_at <= ?1 \
                 GROUP BY c.id ORDER BY c.path"
            ),
            Self::Tags => format!(
                "SELECT t.slug AS key, CAST(0 AS BIGINT) AS published_at, MAX({changed}) AS lastmod, \
                 NULL AS image_key, NULL AS image_variants FROM tags t JOIN article_tags at ON at.tag_id = t.id \
                 JOIN articles a ON a.id = at.article_id AND a.published_at <= ?1 \
                 GROUP BY t.id ORDER BY t.slug"
            ),
            Self::Authors => format!(
                "SELECT au.slug AS key, CAST(0 AS BIGINT) AS published_at, MAX({changed}) AS lastmod, \
                 NULL AS image_key, NULL AS image_variants FROM authors au JOIN articles a ON a.author_id = au.id AND a.published_at <= ?1 \
                 GROUP BY au.id ORDER BY au.slug"
            ),
            Self::Pages => format!(
                "SELECT slug AS key, CAST(0 AS BIGINT) AS published_at, {} AS lastmod, \
                 NULL AS image_key, NULL AS image_variants FROM pages ORDER BY slug",
                backend.least("updated_at", "?1")
            ),
        }
    }
}

/// One URL of a sitemap, before it is made absolute.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SitemapRow {
    pub key: String,
    pub published_at: i64,
    pub lastmod: i64,
    pub image_key: Option<String>,
    pub image_variants: Option<String>,
}

impl SitemapRow {
    /// The featured picture's widest JPEG, `/media/<key>/<width>.jpg`, if the article has one.
    pub fn image_path(&self) -> Option<String> {
        let key = self.image_key.as_deref()?;
        let widest = super::media::widths_of(self.image_variants.as_deref()?).pop()?;
        Some(crate::urls::media(key, &format!("{widest}.jpg")))
    }
}

/// An article in the news sitemap.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct NewsRow {
    pub slug: String,
    pub title: String,
    pub lang: String,
    pub published_at: i64,
    pub updated_at: i64,
}

impl Store {
    /// Bodies and tags of the given articles, by id, in two queries.
    pub async fn feed_extras(&self, ids: &[i64]) -> Result<HashMap<i64, FeedExtras>> {
        let mut out: HashMap<i64, FeedExtras> = HashMap::with_capacity(ids.len());
        if ids.is_empty() {
            return Ok(out);
        }
        let mut q = QueryBuilder::new("SELECT id, body_html FROM articles WHERE id IN (");
        push_ids(&mut q, ids);
        let bodies: Vec<(i64, String)> = q.build_query_as().fetch_all(&self.pool).await?;
        for (id, body_html) in bodies {
            out.entry(id).or_default().body_html = body_html;
        }
        let mut q = QueryBuilder::new(
            "SELECT at.article_id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id \
             WHERE at.article_id IN (",
        );
        push_ids(&mut q, ids);
        q.push(" ORDER BY t.name");
        let tags: Vec<(i64, String, String)> = q.build_query_as().fetch_all(&self.pool).await?;
        for (id, slug, name) in tags {
            out.entry(id)
                .or_default()
                .tags
                .push(NamedRef { slug, name });
        }
        Ok(out)
    }

    /// How many URLs of `kind` a sitemap lists.
    pub async fn sitemap_count(&self, kind: SitemapKind, now: i64) -> Result<u32> {
        let n: i64 = query_scalar(&format!(
            "SELECT COUNT(*) FROM ({}) AS urls",
            kind.sql(self.backend())
        ))
        .bind(now)
        .fetch_one(&self.pool)
        .await?;
        Ok(n as u32)
    }

    /// The newest change among `limit` URLs of `kind` after skipping `offset`; `None` when the
    /// page is empty.
    pub async fn sitemap_lastmod(
        &self,
        kind: SitemapKind,
        now: i64,
        limit: u32,
        offset: u32,
    ) -> Result<Option<i64>> {
        Ok(query_scalar(&format!(
            "SELECT MAX(lastmod) FROM ({} LIMIT ?2 OFFSET ?3) AS urls",
            kind.sql(self.backend())
        ))
        .bind(now)
        .bind(limit as i64)
        .bind(offset as i64)
        .fetch_one(&self.pool)
        .await?)
    }

    /// `limit` URLs of `kind` after skipping `offset`.
    pub async fn sitemap_rows(
        &self,
        kind: SitemapKind,
        now: i64,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<SitemapRow>> {
        Ok(
            query_as(&format!("{} LIMIT ?2 OFFSET ?3", kind.sql(self.backend())))
                .bind(now)
                .bind(limit as i64)
                .bind(offset as i64)
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// Articles published after `since` and by `now`, newest first.
    pub async fn news_articles(&self, since: i64, now: i64, limit: u32) -> Result<Vec<NewsRow>> {
        let sql = format!(
            "SELECT slug, title, lang, published_at, {} AS updated_at FROM articles \
             WHERE published_at > ?1 AND published_at <= ?2 \
             ORDER BY published_at DESC, id DESC LIMIT ?3",
            self.backend().greatest("published_at", "updated_at")
        );
        Ok(query_as(&sql)
            .bind(since)
            .bind(now)
            .bind(limit as i64)
            .fetch_all(&self.pool)
            .await?)
    }
}

fn push_ids(q: &mut QueryBuilder<'_>, ids: &[i64]) {
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    list.push_unseparated(")");
}

#[cfg(test)]
mod tests {
    use super::SitemapKind;

    #[test]
    fn sitemap_kinds_round_trip_through_their_names() {
        for k in SitemapKind::ALL {
            assert_eq!(SitemapKind::from_name(k.name()), Some(k));
        }
        assert_eq!(SitemapKind::from_name("articles-1"), None);
        assert_eq!(SitemapKind::from_name(""), None);
    }
}
