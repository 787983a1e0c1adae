//! Article queries: lists, archives, the article itself and related stories. (Search is in
//! `search.rs`.)

use super::{Result, Store};
use crate::model::NamedRef;
use crate::server::store::db::{query_as, query_scalar, Conn, QueryBuilder};
use sqlx::FromRow;

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
    /// The featured image's picture, when it has one whose variants are made.
    pub image_key: Option<String>,
    pub image_width: Option<i64>,
    pub image_height: Option<i64>,
    pub image_variants: Option<String>,
    pub image_alt: Option<String>,
    pub image_caption: String,
    pub image_credit: String,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub category_path: String,
    pub author_slug: String,
    pub author_name: String,
    /// The comments readers see.
    pub comment_count: i64,
    pub comments_closed: i64,
}

/// The columns an [`ArticleRow`] reads, for queries that add their own `WHERE`.
pub(super) const SELECT_SUMMARY: &str = "SELECT a.id, a.slug, a.title, a.dek, a.lang, a.dir, a.published_at, a.updated_at, \
     a.word_count, img.key AS image_key, img.width AS image_width, img.height AS image_height, \
     img.variants AS image_variants, a.image_alt, a.image_caption, a.image_credit, \
     a.category_id, c.slug AS category_slug, c.name AS category_name, c.path AS category_path, \
     au.slug AS author_slug, au.name AS author_name, a.comment_count, a.comments_closed \
     FROM articles a JOIN categories c ON c.id = a.category_id JOIN authors au ON au.id = a.author_id \
     LEFT JOIN media img ON img.id = a.image_media_id AND img.status = 'ready' ";

impl ArticleRow {
    /// The article's featured image, when it has one ready to show.
    pub fn featured_image(&self) -> Option<super::FeaturedImage> {
        let (Some(key), Some(width), Some(height), Some(variants)) = (
            &self.image_key,
            self.image_width,
            self.image_height,
            &self.image_variants,
        ) else {
            return None;
        };
        Some(super::FeaturedImage {
            key: key.clone(),
            width: width.max(0) as u32,
            height: height.max(0) as u32,
            widths: super::media::widths_of(variants),
            alt: self.image_alt.clone().unwrap_or_default(),
            caption: self.image_caption.clone(),
            credit: self.image_credit.clone(),
        })
    }
}

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
    /// Published at or after the first time and before the second (a date archive).
    Between(i64, i64),
}

impl ArticleFilter {
    fn push_where(&self, q: &mut QueryBuilder<'_>, now: i64) {
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
                    .push_bind(subsections_of(path))
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
            Self::Between(from, until) => {
                q.push(" AND a.published_at >= ")
                    .push_bind(*from)
                    .push(" AND a.published_at < ")
                    .push_bind(*until);
            }
        }
    }
}

/// The `LIKE` pattern of the sections under section `path`.
fn subsections_of(path: &str) -> String {
    format!("{}/%", path.replace(['%', '_'], ""))
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
        let mut q = if let ArticleFilter::Category(path) = filter {
            // A section's articles are counted from their index (category_id, published_at):
            // the list's form walks every article newest first, which is right for a page of
            // 20 but took over a second for a section of 9,000 among 20,000 under `make soak`.
            let mut q =
                QueryBuilder::new("SELECT COUNT(*) FROM articles a WHERE a.published_at <= ");
            q.push_bind(now)
                .push(" AND a.category_id IN (SELECT c.id FROM categories c WHERE c.path = ")
                .push_bind(path.clone())
                .push(" OR c.path LIKE (")
                .push_bind(subsections_of(path))
                .push(" || ''))");
            q
        } else {
            let mut q = QueryBuilder::new(
                "SELECT COUNT(*) FROM articles a JOIN categories c ON c.id = a.category_id JOIN authors au ON au.id = a.author_id ",
            );
            filter.push_where(&mut q, now);
            q
        };
        let n: i64 = q.build_query_scalar().fetch_one(&self.pool).await?;
        Ok(n as u32)
    }

    /// When the next article scheduled after `now` is published, if one is.
    pub async fn next_publication(&self, now: i64) -> Result<Option<i64>> {
        Ok(
            query_scalar("SELECT MIN(published_at) FROM articles WHERE published_at > ?1")
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
        Ok(query_as(&sql)
            .bind(now)
            .bind(limit as i64)
            .fetch_all(&self.pool)
            .await?)
    }

    /// A published article by slug, with its Markdown-rendered body, its tags and its published
    /// language versions, in one query (they were three, and a fourth for the body; each query
    /// costs a round trip to the database thread, issue 12).
    pub async fn find_article(
        &self,
        slug: &str,
        now: i64,
    ) -> Result<Option<(ArticleRow, ArticleBody)>> {
        let sql = format!(
            "{} WHERE a.slug = ?1 AND a.published_at <= ?2",
            self.select_article("FROM articles a ")
        );
        let found: Option<FoundArticle> = query_as(&sql)
            .bind(slug)
            .bind(now)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.map(FoundArticle::split).transpose()?.flatten())
    }

    /// The article page's reads: [`Store::find_article`]'s article and, when it is found, up to
    /// `limit` stories like it. Those sharing its category (worth two tags) or its tags rank by
    /// that score, then newest first; when they are fewer than `limit` and
    /// `others_in_section(article)` (its top-level section has categories besides its own: the
    /// caller knows the tree), the newest stories of the section's other categories follow.
    ///
    /// The article and the scored stories are one query; the section's stories, when wanted,
    /// a second on the same connection. Each query is a round trip to the database's thread
    /// (SQLite) or server, and each pooled connection another going back (sqlx pings it); these
    /// reads were three queries on two connections (issue 12).
    pub async fn article_with_related(
        &self,
        slug: &str,
        now: i64,
        limit: u32,
        others_in_section: impl FnOnce(&ArticleRow) -> bool,
    ) -> Result<Option<(ArticleRow, ArticleBody, Vec<ArticleRow>)>> {
        // Of the stories sharing only the category, all scoring 2, just the newest `limit` can
        // rank, so only they are taken, from the category index; the shared tags are counted
        // from the tag index; only the `limit` best are read whole. Reading every story of the
        // category to score and sort them took 10 ms per article page at 100,000 articles
        // (issue 12); scoring every article with a subquery each, before that, about a second.
        // The article's id and category are scalar subqueries, not joins: each is worked out
        // once and then used as a constant is, so the category's newest stories come from its
        // index in order. Joined, both databases walked all articles by date to find them: on
        // SQLite 620 µs against 79 µs for an article of the 100,000 of `make bench`; on
        // PostgreSQL 85 to 150 ms against 37 to 59 ms on 48,000 articles (700 copies of the
        // demo's, every copy sharing its tags). The article's row comes first (`k`), then the
        // related stories, best first (the sort columns are named: a compound query's ORDER BY
        // names its own result columns).
        let sql = format!(
            "WITH art(id, category_id) AS (\
               SELECT id, category_id FROM articles WHERE slug = ?1 AND published_at <= ?2), \
             tagged(id, n) AS (\
               SELECT x.article_id, COUNT(*) FROM article_tags x WHERE x.tag_id IN \
                 (SELECT tag_id FROM article_tags WHERE article_id = (SELECT id FROM art)) \
               GROUP BY x.article_id), \
             scored(id, score, published_at) AS (\
               SELECT m.id, CASE WHEN m.category_id = (SELECT category_id FROM art) THEN 2 ELSE 0 END \
                 + t.n, m.published_at FROM tagged t JOIN articles m ON m.id = t.id \
                 WHERE m.id != (SELECT id FROM art) AND m.published_at <= ?2 \
               UNION ALL SELECT * FROM (SELECT f.id, 2, f.published_at FROM articles f \
                 WHERE f.category_id = (SELECT category_id FROM art) AND f.published_at <= ?2 \
                 AND f.id != (SELECT id FROM art) AND f.id NOT IN (SELECT id FROM tagged) \
                 ORDER BY f.published_at DESC, f.id DESC LIMIT ?3) AS fill), \
             best AS (SELECT id, score, published_at FROM scored \
               ORDER BY score DESC, published_at DESC, id DESC LIMIT ?3) \
             {article} UNION ALL {related} ORDER BY k, score DESC, at DESC, sid DESC",
            article = self.select_article(", 0 AS k, 0 AS score, 0 AS at, 0 AS sid FROM art JOIN articles a ON a.id = art.id "),
            related = SELECT_SUMMARY.replace(
                "FROM articles a ",
                ", NULL, NULL, NULL, NULL, 1, s.score, s.published_at, s.id \
                 FROM best s JOIN articles a ON a.id = s.id ",
            ),
        );
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<FoundArticle> = query_as(&sql)
            .bind(slug)
            .bind(now)
            .bind(limit as i64)
            .fetch_all(&mut conn)
            .await?;
        let mut rows = rows.into_iter();
        let Some((row, body)) = rows.next().map(FoundArticle::split).transpose()?.flatten() else {
            return Ok(None);
        };
        let mut related: Vec<ArticleRow> = rows.map(|r| r.row).collect();
        if related.len() < limit as usize && others_in_section(&row) {
            self.fill_from_section(&mut conn, &row, now, limit, &mut related)
                .await?;
        }
        Ok(Some((row, body, related)))
    }

    /// An article's columns and what its page shows beyond them (body, tags, language
    /// versions), the `FROM` clause being `from` (with anything before it).
    fn select_article(&self, from: &str) -> String {
        let backend = self.backend();
        SELECT_SUMMARY.replace(
            " FROM articles a ",
            &format!(
                ", a.body_html, a.translation_key, \
                 (SELECT {} FROM tags t JOIN article_tags x ON x.tag_id = t.id \
                    WHERE x.article_id = a.id) AS tags, \
                 (SELECT {} FROM articles v WHERE v.translation_key = a.translation_key \
                    AND v.published_at <= ?2) AS translations {from}",
                backend.json_rows("t.slug, t.name", "t.name"),
                backend.json_rows("v.slug, v.lang, v.title, v.published_at", "v.lang, v.id"),
            ),
        )
    }

    /// Adds to `related`, up to `limit`, the newest stories of the rest of the article's
    /// top-level section: its other categories', from the category index. (Listing the
    /// section by date and skipping the stories of other sections read the whole table when
    /// the section was small.)
    async fn fill_from_section(
        &self,
        conn: &mut Conn,
        article: &ArticleRow,
        now: i64,
        limit: u32,
        related: &mut Vec<ArticleRow>,
    ) -> Result<()> {
        let top = article.category_path.split('/').next().unwrap_or_default();
        let sql = format!(
            "{SELECT_SUMMARY} WHERE a.category_id IN (SELECT id FROM categories \
               WHERE (path = ?1 OR substr(path, 1, length(?1) + 1) = ?1 || '/') AND id != ?2) \
             AND a.published_at <= ?3 ORDER BY a.published_at DESC, a.id DESC LIMIT ?4"
        );
        let more: Vec<ArticleRow> = query_as(&sql)
            .bind(top)
            .bind(article.category_id)
            .bind(now)
            .bind(limit as i64 * 2)
            .fetch_all(&mut *conn)
            .await?;
        for r in more {
            if related.len() >= limit as usize {
                break;
            }
            if r.id != article.id && !related.iter().any(|x| x.id == r.id) {
                related.push(r);
            }
        }
        Ok(())
    }

    pub async fn article_tags(&self, article_id: i64) -> Result<Vec<NamedRef>> {
        let rows: Vec<(String, String)> = query_as(
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
}

/// What the article page shows beyond an [`ArticleRow`].
#[derive(Debug, Clone)]
pub struct ArticleBody {
    pub body_html: String,
    pub translation_key: Option<String>,
    /// By name.
    pub tags: Vec<NamedRef>,
    /// The published language versions of the story (the articles sharing its translation
    /// key, this one included) as (slug, lang, title, published_at), by language; none
    /// without a key.
    pub translations: Vec<(String, String, String, i64)>,
}

/// [`Store::find_article`]'s row: the tags and translations as JSON arrays. A related story's
/// row in [`Store::article_with_related`] has none of these (NULL).
#[derive(FromRow)]
struct FoundArticle {
    #[sqlx(flatten)]
    row: ArticleRow,
    body_html: Option<String>,
    translation_key: Option<String>,
    tags: Option<String>,
    translations: Option<String>,
}

impl FoundArticle {
    /// The article and what its page shows beyond its row; `None` for a related story's row.
    fn split(self) -> std::result::Result<Option<(ArticleRow, ArticleBody)>, sqlx::Error> {
        let (Some(body_html), Some(tags)) = (self.body_html, self.tags) else {
            return Ok(None);
        };
        let json = |e: serde_json::Error| sqlx::Error::Decode(Box::new(e));
        let tags: Vec<(String, String)> = serde_json::from_str(&tags).map_err(json)?;
        let translations = match (&self.translation_key, self.translations) {
            (Some(_), Some(list)) => serde_json::from_str(&list).map_err(json)?,
            _ => vec![],
        };
        let body = ArticleBody {
            body_html,
            translations,
            translation_key: self.translation_key,
            tags: tags
                .into_iter()
                .map(|(slug, name)| NamedRef { slug, name })
                .collect(),
        };
        Ok(Some((self.row, body)))
    }
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
        let related_in = |limit, others_in_section| {
            let s = &s;
            async move {
                let (.., related) = s
                    .article_with_related("base", NOW, limit, |_| others_in_section)
                    .await
                    .unwrap()
                    .unwrap();
                related.into_iter().map(|r| r.slug).collect::<Vec<_>>()
            }
        };
        let related = |limit| related_in(limit, true);
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
        // A section with no category but the story's own has nothing to fill with: that
        // query is left out, and only the scored stories come.
        assert_eq!(related_in(20, false).await, long[..12]);

        // The article comes with the related stories as find_article gives it alone (its tags
        // and its language versions too), and the section question is asked of it (when the
        // scored stories are fewer than wanted: 20).
        let mut asked = None;
        let (row, body, _) = s
            .article_with_related("base", NOW, 20, |row| {
                asked = Some(row.slug.clone());
                true
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!((row.id, asked.as_deref()), (base.id, Some("base")));
        let (alone_row, alone) = s.find_article("base", NOW).await.unwrap().unwrap();
        assert_eq!(
            (
                row.updated_at,
                &body.body_html,
                &body.tags,
                &body.translations
            ),
            (
                alone_row.updated_at,
                &alone.body_html,
                &alone.tags,
                &alone.translations
            )
        );
        assert_eq!(
            body.tags
                .iter()
                .map(|t| t.slug.as_str())
                .collect::<Vec<_>>(),
            ["gas", "oil"]
        );
        let scheduled = s.article_with_related("scheduled", NOW, 6, |_| true);
        assert!(scheduled.await.unwrap().is_none());
    }

    #[tokio::test]
    async fn related_stories_of_one_score_and_date_go_latest_written_first_and_a_missing_slug_is_none(
    ) {
        let (s, _d) = store().await;
        // Inserted in this order, so their ids rise: the tie on score and date goes to the
        // highest id.
        s.insert_articles(&[
            in_section("base", "world", &[], 3),
            in_section("tie-first-written", "world", &[], 2),
            in_section("tie-second-written", "world", &[], 2),
            in_section("older", "world", &[], 9),
        ])
        .await
        .unwrap();
        let mut asked = false;
        let (.., related) = s
            .article_with_related("base", NOW, 2, |_| {
                asked = true;
                true
            })
            .await
            .unwrap()
            .unwrap();
        let slugs: Vec<_> = related.iter().map(|r| r.slug.as_str()).collect();
        assert_eq!(slugs, ["tie-second-written", "tie-first-written"]);
        // Enough related stories came from the one query: the section is not asked about.
        assert!(!asked);
        let missing = s.article_with_related("no-such-story", NOW, 2, |_| true);
        assert!(missing.await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_section_counts_and_lists_its_own_and_its_subsections_published_articles() {
        let (s, _d) = store().await;
        for (parent, slug) in [(Some("world/europe"), "east"), (None, "worldwide")] {
            s.insert_category(crate::server::store::NewCategory {
                parent_path: parent,
                slug,
                name: slug,
                description: "",
                position: 0,
            })
            .await
            .unwrap();
        }
        s.insert_articles(&[
            in_section("top", "world", &[], 3),
            in_section("under", "world/europe", &[], 2),
            in_section("deeper", "world/europe/east", &[], 1),
            in_section("scheduled", "world", &[], -1),
            in_section("sibling-with-a-longer-name", "worldwide", &[], 1),
            in_section("elsewhere", "business", &[], 1),
        ])
        .await
        .unwrap();
        for (path, expected) in [
            ("world", vec!["deeper", "under", "top"]),
            ("world/europe", vec!["deeper", "under"]),
            ("worldwide", vec!["sibling-with-a-longer-name"]),
            ("nowhere", vec![]),
        ] {
            let filter = ArticleFilter::Category(path.into());
            let listed: Vec<String> = s
                .list_articles(&filter, crate::server::store::fixtures::NOW, 20, 0)
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.slug)
                .collect();
            assert_eq!(listed, expected, "{path}");
            let counted = s
                .count_articles(&filter, crate::server::store::fixtures::NOW)
                .await
                .unwrap();
            assert_eq!(counted as usize, expected.len(), "{path}");
        }
    }

    #[tokio::test]
    async fn an_article_comes_with_its_tags_by_name_and_its_published_translations() {
        let (s, _d) = store().await;
        let version = |slug: &str, lang: &str, age_days| NewArticle {
            lang: lang.into(),
            translation_key: Some("story".into()),
            ..in_section(slug, "world", &[], age_days)
        };
        s.insert_articles(&[
            in_section("tagged", "world", &["Zebra", "apple", "Mango"], 1),
            version("story-fr", "fr", 2),
            version("story-ar", "ar", 1),
            version("story-en", "en", 3),
            version("story-de", "de", -1),
        ])
        .await
        .unwrap();
        let (row, body) = s.find_article("tagged", NOW).await.unwrap().unwrap();
        assert_eq!(row.slug, "tagged");
        let tags: Vec<_> = body.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(tags, ["Mango", "Zebra", "apple"]);
        assert_eq!(body.tags, s.article_tags(row.id).await.unwrap());
        assert!(body.translations.is_empty());
        assert!(body.body_html.contains("Text."));

        let (row, body) = s.find_article("story-fr", NOW).await.unwrap().unwrap();
        let versions: Vec<_> = body
            .translations
            .iter()
            .map(|(slug, lang, title, at)| (slug.as_str(), lang.as_str(), title.as_str(), *at))
            .collect();
        // The scheduled German version is left out.
        assert_eq!(
            versions,
            [
                ("story-ar", "ar", "story-ar", NOW - 86_400),
                ("story-en", "en", "story-en", NOW - 3 * 86_400),
                ("story-fr", "fr", "story-fr", row.published_at),
            ]
        );
        assert_eq!(body.translation_key.as_deref(), Some("story"));
        assert!(s.find_article("story-de", NOW).await.unwrap().is_none());

        // The article page's read, with the related stories, gives each the same.
        for slug in ["tagged", "story-fr"] {
            let (row, body) = s.find_article(slug, NOW).await.unwrap().unwrap();
            let (page_row, page, related) = s
                .article_with_related(slug, NOW, 6, |_| true)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                (page_row.id, page.body_html, page.tags, page.translations),
                (row.id, body.body_html, body.tags, body.translations)
            );
            assert_eq!(page.translation_key, body.translation_key);
            assert!(!related.is_empty() && related.iter().all(|r| r.id != row.id));
        }
        let scheduled = s.article_with_related("story-de", NOW, 6, |_| true);
        assert!(scheduled.await.unwrap().is_none());
    }
}
