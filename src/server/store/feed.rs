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
    /// order ([`Self::order`]) so that earlier pages keep their URLs as the newsroom grows.
    /// `?1` is now.
    fn sql(self, backend: Backend) -> String {
        format!(
            "{}SELECT {} {} ORDER BY {}",
            self.with(backend),
            self.columns(backend),
            self.source(),
            self.order()
        )
    }

    fn columns(self, backend: Backend) -> String {
        let changed = backend.greatest("a.published_at", "a.updated_at");
        match self {
            Self::Articles => format!(
                "a.slug AS key, a.published_at, {changed} AS lastmod, \
                 img.key AS image_key, img.variants AS image_variants"
            ),
            // Each section's newest change among its own articles, then the most recent of
            // those over it and its subsections (see `source`).
            Self::Categories => "c.path AS key, CAST(0 AS BIGINT) AS published_at, \
                 MAX(m.lastmod) AS lastmod, NULL AS image_key, NULL AS image_variants"
                .to_string(),
            Self::Tags | Self::Authors => format!(
                "{} AS key, CAST(0 AS BIGINT) AS published_at, MAX({changed}) AS lastmod, \
                 NULL AS image_key, NULL AS image_variants",
                self.order()
            ),
            Self::Pages => format!(
                "slug AS key, CAST(0 AS BIGINT) AS published_at, {} AS lastmod, \
                 NULL AS image_key, NULL AS image_variants",
                backend.least("updated_at", "?1")
            ),
        }
    }

    /// What the query reads first: for sections, each section's newest change among its own
    /// articles, read once. MATERIALIZED, or SQLite 3.46 reads the articles again for every
    /// section it joins them to (1.9 s at 20,000 articles against 60 ms, `make soak`).
    fn with(self, backend: Backend) -> String {
        match self {
            Self::Categories => format!(
                "WITH m AS MATERIALIZED (SELECT a.category_id, MAX({}) AS lastmod FROM articles a \
                 WHERE a.published_at <= ?1 GROUP BY a.category_id) ",
                backend.greatest("a.published_at", "a.updated_at")
            ),
            _ => String::new(),
        }
    }

    /// FROM, WHERE and GROUP BY. Only categories, tags and authors with at least one published
    /// article are listed: an empty archive is nothing to index, and it has no last change.
    /// Sections join their articles' newest change by section ([`Self::with`]) over the
    /// section tree: joining every article under each of its ancestors read each article once
    /// per level.
    fn source(self) -> &'static str {
        match self {
            Self::Articles => {
                "FROM articles a \
                 LEFT JOIN media img ON img.id = a.image_media_id AND img.status = 'ready' \
                 WHERE a.published_at <= ?1"
            }
            Self::Categories => {
                "FROM categories c \
                 JOIN categories d ON d.path = c.path OR substr(d.path, 1, length(c.path) + 1) = c.path || '/' \
                 JOIN m ON m.category_id = d.id \
                 GROUP BY c.id"
            }
            Self::Tags => {
                "FROM tags t JOIN article_tags at ON at.tag_id = t.id \
                 JOIN articles a ON a.id = at.article_id AND a.published_at <= ?1 \
                 GROUP BY t.id"
            }
            Self::Authors => {
                "FROM authors au \
                 JOIN articles a ON a.author_id = au.id AND a.published_at <= ?1 \
                 GROUP BY au.id"
            }
            Self::Pages => "FROM pages",
        }
    }

    /// The order URLs are listed in, and so split into pages.
    fn order(self) -> &'static str {
        match self {
            Self::Articles => "a.published_at, a.id",
            Self::Categories => "c.path",
            Self::Tags => "t.slug",
            Self::Authors => "au.slug",
            Self::Pages => "slug",
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
        Some(crate::urls::media_variant(key, widest, "jpg"))
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

    /// The newest change on each page of `per_page` URLs of `kind`, first page first: one
    /// entry per page, none when nothing of `kind` is published. One query, numbering the URLs
    /// in their listed order, however many pages there are.
    pub async fn sitemap_page_lastmods(
        &self,
        kind: SitemapKind,
        now: i64,
        per_page: u32,
    ) -> Result<Vec<i64>> {
        let backend = self.backend();
        let sql = format!(
            "{}SELECT page, MAX(lastmod) AS lastmod FROM (\
             SELECT {}, (ROW_NUMBER() OVER (ORDER BY {}) - 1) / ?2 AS page {}\
             ) AS urls GROUP BY page ORDER BY page",
            kind.with(backend),
            kind.columns(backend),
            kind.order(),
            kind.source()
        );
        let pages: Vec<(i64, i64)> = query_as(&sql)
            .bind(now)
            .bind(i64::from(per_page.max(1)))
            .fetch_all(&self.pool)
            .await?;
        Ok(pages.into_iter().map(|(_, lastmod)| lastmod).collect())
    }

    /// The newest change among the articles published by `now`; `None` before the first.
    pub async fn articles_lastmod(&self, now: i64) -> Result<Option<i64>> {
        Ok(query_scalar(&format!(
            "SELECT MAX({}) FROM articles WHERE published_at <= ?1",
            self.backend().greatest("published_at", "updated_at")
        ))
        .bind(now)
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
    use crate::server::store::fixtures::{article, empty_store, store, NOW};
    use crate::server::store::NewArticle;

    #[tokio::test]
    async fn each_sitemap_page_reports_the_newest_change_among_its_own_urls() {
        let (s, _d) = store().await;
        let mut all: Vec<NewArticle> = (0..7)
            .map(|age| NewArticle {
                tags: vec![format!("tag-{}", age % 3)],
                category_path: ["world", "world/europe", "business"][age as usize % 3].into(),
                ..article(&format!("a-{age}"), "A", "Body.", age)
            })
            .collect();
        // Corrected later than everything published after it.
        all[5].updated_at = NOW - 3_600;
        all.push(article("scheduled", "Not yet", "Body.", -1));
        s.insert_articles(&all).await.unwrap();
        let categories = s
            .sitemap_rows(SitemapKind::Categories, NOW, u32::MAX, 0)
            .await
            .unwrap();
        let listed: Vec<(&str, i64)> = categories
            .iter()
            .map(|r| (r.key.as_str(), r.lastmod))
            .collect();
        assert_eq!(
            listed,
            [
                // a-2, and a-5 with its correction.
                ("business", NOW - 3_600),
                // Its own a-0, a-3 and a-6, and its subsection's.
                ("world", NOW),
                // a-1 and a-4 only.
                ("world/europe", NOW - 86_400),
            ],
            "a section's last change counts its subsections' articles"
        );
        for kind in [
            SitemapKind::Articles,
            SitemapKind::Categories,
            SitemapKind::Tags,
            SitemapKind::Authors,
        ] {
            let rows = s.sitemap_rows(kind, NOW, u32::MAX, 0).await.unwrap();
            for per_page in [1, 2, 3, 100] {
                let expected: Vec<i64> = rows
                    .chunks(per_page as usize)
                    .map(|page| page.iter().map(|r| r.lastmod).max().unwrap())
                    .collect();
                assert_eq!(
                    s.sitemap_page_lastmods(kind, NOW, per_page).await.unwrap(),
                    expected,
                    "{kind:?}, {per_page} to a page"
                );
                let second = s.sitemap_rows(kind, NOW, per_page, per_page).await.unwrap();
                assert_eq!(
                    second,
                    rows.iter()
                        .skip(per_page as usize)
                        .take(per_page as usize)
                        .cloned()
                        .collect::<Vec<_>>()
                );
            }
        }
        let articles = s
            .sitemap_rows(SitemapKind::Articles, NOW, u32::MAX, 0)
            .await
            .unwrap();
        assert_eq!(articles.len(), 7, "the scheduled article is not listed");
        assert_eq!(
            s.sitemap_page_lastmods(SitemapKind::Articles, NOW, 2)
                .await
                .unwrap(),
            [NOW - 3_600, NOW - 3 * 86_400, NOW - 86_400, NOW],
            "oldest first; the corrected article's page reports its correction"
        );
        assert_eq!(s.articles_lastmod(NOW).await.unwrap(), Some(NOW));
        assert_eq!(
            s.articles_lastmod(NOW - 6 * 86_400).await.unwrap(),
            Some(NOW - 6 * 86_400),
            "only what was published by then"
        );
    }

    #[tokio::test]
    async fn an_empty_newsroom_has_no_sitemap_pages() {
        let (s, _d) = empty_store().await;
        for kind in SitemapKind::ALL {
            assert!(
                s.sitemap_page_lastmods(kind, NOW, 10)
                    .await
                    .unwrap()
                    .is_empty(),
                "{kind:?}"
            );
        }
        assert_eq!(s.articles_lastmod(NOW).await.unwrap(), None);
    }

    #[test]
    fn sitemap_kinds_round_trip_through_their_names() {
        for k in SitemapKind::ALL {
            assert_eq!(SitemapKind::from_name(k.name()), Some(k));
        }
        assert_eq!(SitemapKind::from_name("articles-1"), None);
        assert_eq!(SitemapKind::from_name(""), None);
    }
}
