//! Article queries: lists, archives, the article itself and related stories. (Search is in
//! `search.rs`.)

use super::{Result, Store};
use crate::model::NamedRef;
use sqlx::{FromRow, QueryBuilder, Sqlite};

/// An article row joined with its category and author: everything a summary needs.
#[derive(Debug, Clone, FromRow)]
pub struct ArticleRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub dek: String,
    pub lang: String,
    pub dir: String,
    pub published_at: i64,
    pub updated_at: i64,
    pub word_count: i64,
    pub image_src: Option<String>,
    pub image_width: Option<i64>,
    pub image_height: Option<i64>,
    pub image_alt: Option<String>,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub category_path: String,
    pub author_slug: String,
    pub author_name: String,
}

/// The columns an [`ArticleRow`] reads, for queries that add their own `WHERE`.
pub(super) const SELECT_SUMMARY: &str = "SELECT a.id, a.slug, a.title, a.dek, a.lang, a.dir, a.published_at, a.updated_at, \
     a.word_count, a.image_src, a.image_width, a.image_height, a.image_alt, \
     a.category_id, c.slug AS category_slug, c.name AS category_name, c.path AS category_path, \
     au.slug AS author_slug, au.name AS author_name \
     FROM articles a JOIN categories c ON c.id = a.category_id JOIN authors au ON au.id = a.author_id ";

/// Which published articles a list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleFilter {
    All,
    /// A category and all its descendants, by path.
    Category(String),
    Tag(String),
    Author(String),
    EditorsPicks,
    Featured,
}

impl ArticleFilter {
    fn push_where(&self, q: &mut QueryBuilder<'_, Sqlite>, now: i64) {
        q.push("WHERE a.published_at <= ").push_bind(now);
        match self {
            Self::All => {}
            Self::Category(path) => {
                // `LIKE (? || '')`, not `LIKE ?`: with a bare parameter as its pattern, SQLite
                // prepares the statement again whenever another pattern is bound (in case the
                // pattern allows an index), which was a seventh of the front page's time. The
                // path column's collation allows no index for LIKE anyway (issue 12).
                q.push(" AND (c.path = ")
                    .push_bind(path.clone())
                    .push(" OR c.path LIKE (")
                    .push_bind(format!("{}/%", path.replace(['%', '_'], "")))
                    .push(" || ''))");
            }
            Self::Tag(slug) => {
                q.push(" AND a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug = ")
                    .push_bind(slug.clone())
                    .push(")");
            }
            Self::Author(slug) => {
                q.push(" AND au.slug = ").push_bind(slug.clone());
            }
            Self::EditorsPicks => {
                q.push(" AND a.editors_pick = 1");
            }
            Self::Featured => {
                q.push(" AND a.featured = 1");
            }
        }
    }
}

impl Store {
    /// Newest first, `limit` rows after skipping `offset`.
    pub async fn list_articles(
        &self,
        filter: &ArticleFilter,
        now: i64,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<ArticleRow>> {
        let mut q = QueryBuilder::new(SELECT_SUMMARY);
        filter.push_where(&mut q, now);
        q.push(" ORDER BY a.published_at DESC, a.id DESC LIMIT ")
            .push_bind(limit as i64)
            .push(" OFFSET ")
            .push_bind(offset as i64);
        Ok(q.build_query_as().fetch_all(&self.pool).await?)
    }

    pub async fn count_articles(&self, filter: &ArticleFilter, now: i64) -> Result<u32> {
        let mut q = QueryBuilder::new(
            "SELECT COUNT(*) FROM articles a JOIN categories c ON c.id = a.category_id JOIN authors au ON au.id = a.author_id ",
        );
        filter.push_where(&mut q, now);
        let n: i64 = q.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(n as u32)
    }

    /// When the next article scheduled after `now` is published, if one is.
    pub async fn next_publication(&self, now: i64) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT MIN(published_at) FROM articles WHERE published_at > ?1")
                .bind(now)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// The most read recent stories: views, discounted by age in days.
    pub async fn trending(&self, now: i64, limit: u32) -> Result<Vec<ArticleRow>> {
        let sql = format!(
            "{SELECT_SUMMARY} WHERE a.published_at <= ?1 AND a.published_at > ?1 - 60 * 86400 \
             ORDER BY a.views / (1.0 + (?1 - a.published_at) / 86400.0) DESC, a.id DESC LIMIT ?2"
        );
        Ok(sqlx::query_as(&sql)
            .bind(now)
            .bind(limit as i64)
            .fetch_all(&self.pool)
            .await?)
    }

    /// A published article by slug, with its Markdown-rendered body.
    pub async fn find_article(
        &self,
        slug: &str,
        now: i64,
    ) -> Result<Option<(ArticleRow, ArticleBody)>> {
        let sql = format!("{SELECT_SUMMARY} WHERE a.slug = ?1 AND a.published_at <= ?2");
        let Some(row): Option<ArticleRow> = sqlx::query_as(&sql)
            .bind(slug)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let body: ArticleBody = sqlx::query_as(
            "SELECT body_html, comment_count, translation_key FROM articles WHERE id = ?1",
        )
        .bind(row.id)
        .fetch_one(&self.pool)
        .await?;
        Ok(Some((row, body)))
    }

    /// The published language versions of one story (articles sharing a `translation_key`),
    /// as (slug, lang, title, published_at), in a stable order.
    pub async fn translations(
        &self,
        key: &str,
        now: i64,
    ) -> Result<Vec<(String, String, String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT slug, lang, title, published_at FROM articles \
             WHERE translation_key = ?1 AND published_at <= ?2 ORDER BY lang, id",
        )
        .bind(key)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn article_tags(&self, article_id: i64) -> Result<Vec<NamedRef>> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT t.slug, t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id \
             WHERE at.article_id = ?1 ORDER BY t.name",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(slug, name)| NamedRef { slug, name })
            .collect())
    }

    /// Stories like this one: sharing its category (worth two tags) and its tags.
    pub async fn related(
        &self,
        article: &ArticleRow,
        now: i64,
        limit: u32,
    ) -> Result<Vec<ArticleRow>> {
        // The stories sharing a tag are scored (the shared tags counted once per story from the
        // tag index); of those sharing only the category, all scoring 2, just the newest `limit`
        // can rank, so only they are taken, from the category index; and only the `limit` best
        // are read whole. Reading every story of the category to score and sort them took 10 ms
        // per article page at 100,000 articles (issue 12); scoring every article with a
        // subquery each, before that, about a second.
        let select = SELECT_SUMMARY.replace(
            "FROM articles a ",
            "FROM best s JOIN articles a ON a.id = s.id ",
        );
        let sql = format!(
            "WITH tagged(id, n) AS (\
               SELECT x.article_id, COUNT(*) FROM article_tags x WHERE x.tag_id IN \
                 (SELECT tag_id FROM article_tags WHERE article_id = ?1) GROUP BY x.article_id), \
             scored(id, score, published_at) AS (\
               SELECT m.id, CASE WHEN m.category_id = ?3 THEN 2 ELSE 0 END + t.n, m.published_at \
                 FROM tagged t JOIN articles m ON m.id = t.id WHERE m.id != ?1 AND m.published_at <= ?2 \
               UNION ALL SELECT * FROM (SELECT id, 2, published_at FROM articles \
                 WHERE category_id = ?3 AND published_at <= ?2 AND id != ?1 AND id NOT IN (SELECT id FROM tagged) \
                 ORDER BY published_at DESC, id DESC LIMIT ?4)), \
             best AS (SELECT id, score, published_at FROM scored \
               ORDER BY score DESC, published_at DESC, id DESC LIMIT ?4) \
             {select} ORDER BY s.score DESC, s.published_at DESC, s.id DESC"
        );
        let mut rows: Vec<ArticleRow> = sqlx::query_as(&sql)
            .bind(article.id)
            .bind(now)
            .bind(article.category_id)
            .bind(limit as i64)
            .fetch_all(&self.pool)
            .await?;
        if rows.len() < limit as usize {
            // Fill from the same top-level section.
            let top = article
                .category_path
                .split('/')
                .next()
                .unwrap_or_default()
                .to_string();
            let more = self
                .list_articles(&ArticleFilter::Category(top), now, limit * 2, 0)
                .await?;
            for r in more {
                if rows.len() >= limit as usize {
                    break;
                }
                if r.id != article.id && !rows.iter().any(|x| x.id == r.id) {
                    rows.push(r);
                }
            }
        }
        Ok(rows)
    }
}

#[derive(Debug, Clone, FromRow)]
pub struct ArticleBody {
    pub body_html: String,
    pub comment_count: i64,
    pub translation_key: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::ArticleFilter;
    use crate::server::store::fixtures::{article, store, NOW};
    use crate::server::store::NewArticle;

    fn in_section(slug: &str, category: &str, tags: &[&str], age_days: i64) -> NewArticle {
        NewArticle {
            category_path: category.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..article(slug, slug, "Text.", age_days)
        }
    }

    #[tokio::test]
    async fn related_stories_rank_by_shared_category_and_tags_then_date() {
        let (s, _d) = store().await;
        let mut all = vec![
            in_section("base", "world", &["oil", "gas"], 3),
            in_section("same-section-one-tag", "world", &["oil"], 20),
            in_section("same-section-newest", "world", &[], 1),
            in_section("elsewhere-both-tags", "business", &["oil", "gas"], 5),
            in_section("elsewhere-one-tag", "business", &["gas"], 0),
            in_section("subsection", "world/europe", &[], 2),
            in_section("scheduled", "world", &["oil"], -1),
            in_section("unrelated", "business", &[], 1),
        ];
        for age in 10..18 {
            all.push(in_section(
                &format!("same-section-{age}"),
                "world",
                &[],
                age,
            ));
        }
        s.insert_articles(&all).await.unwrap();
        let base = s
            .list_articles(&ArticleFilter::All, NOW, 100, 0)
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.slug == "base")
            .unwrap();
        let related = |limit| {
            let (s, base) = (&s, &base);
            async move {
                s.related(base, NOW, limit)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|r| r.slug)
                    .collect::<Vec<_>>()
            }
        };
        // The category is worth two tags; equal scores go newest first.
        assert_eq!(
            related(6).await,
            [
                "same-section-one-tag",
                "same-section-newest",
                "elsewhere-both-tags",
                "same-section-10",
                "same-section-11",
                "same-section-12",
            ]
        );
        // Past the scored stories, the rest of the top-level section fills the list; never the
        // story itself, a scheduled one or one that shares nothing.
        let long = related(20).await;
        assert_eq!(
            long[6..],
            [
                "same-section-13",
                "same-section-14",
                "same-section-15",
                "same-section-16",
                "same-section-17",
                "elsewhere-one-tag",
                "subsection",
            ]
        );
    }
}
