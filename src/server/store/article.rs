//! Article queries: lists, archives, the article itself, related stories and search.

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

const SELECT_SUMMARY: &str = "SELECT a.id, a.slug, a.title, a.dek, a.lang, a.dir, a.published_at, a.updated_at, \
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
                q.push(" AND (c.path = ")
                    .push_bind(path.clone())
                    .push(" OR c.path LIKE ")
                    .push_bind(format!("{}/%", path.replace(['%', '_'], "")))
                    .push(")");
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
        let sql = format!(
            "{SELECT_SUMMARY} WHERE a.id != ?1 AND a.published_at <= ?2 AND \
               (CASE WHEN a.category_id = ?3 THEN 2 ELSE 0 END + \
                (SELECT COUNT(*) FROM article_tags x WHERE x.article_id = a.id AND x.tag_id IN \
                  (SELECT tag_id FROM article_tags WHERE article_id = ?1))) > 0 \
             ORDER BY (CASE WHEN a.category_id = ?3 THEN 2 ELSE 0 END + \
                (SELECT COUNT(*) FROM article_tags x WHERE x.article_id = a.id AND x.tag_id IN \
                  (SELECT tag_id FROM article_tags WHERE article_id = ?1))) DESC, a.published_at DESC LIMIT ?4"
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

    /// Full-text search. `match_expr` is an FTS5 expression built by `search::to_match`, never
    /// the reader's raw text. Returns (rows with snippet, total).
    ///
    /// Relevance is bm25 with the title weighted highest, newest first among equals; or newest
    /// first outright. The page of ids is found first, and snippets are cut for that page only.
    pub async fn search(
        &self,
        match_expr: &str,
        filter: &SearchFilter,
        now: i64,
        limit: u32,
        offset: u32,
    ) -> Result<(Vec<(ArticleRow, String)>, u32)> {
        let mut q = QueryBuilder::new("SELECT COUNT(*)");
        filter.push_from_where(&mut q, match_expr, now);
        let total: i64 = q.build_query_scalar().fetch_one(&self.pool).await?;
        if total == 0 {
            return Ok((vec![], 0));
        }
        let mut q = QueryBuilder::new("SELECT a.id");
        filter.push_from_where(&mut q, match_expr, now);
        q.push(match filter.sort {
            SearchSort::Relevance => {
                " ORDER BY bm25(article_search, 10.0, 4.0, 1.0, 2.0, 3.0, 2.0), a.published_at DESC, a.id DESC"
            }
            SearchSort::Date => " ORDER BY a.published_at DESC, a.id DESC",
        });
        q.push(" LIMIT ")
            .push_bind(limit as i64)
            .push(" OFFSET ")
            .push_bind(offset as i64);
        let ids: Vec<i64> = q.build_query_scalar().fetch_all(&self.pool).await?;
        if ids.is_empty() {
            return Ok((vec![], total as u32));
        }
        let mut q = QueryBuilder::new(SELECT_SUMMARY);
        q.push("WHERE a.id IN (");
        let mut sep = q.separated(", ");
        for id in &ids {
            sep.push_bind(*id);
        }
        q.push(")");
        let mut rows: Vec<ArticleRow> = q.build_query_as().fetch_all(&self.pool).await?;
        let mut q = QueryBuilder::new(
            "SELECT rowid, snippet(article_search, 2, char(2), char(3), '…', 24) \
             FROM article_search WHERE article_search MATCH ",
        );
        q.push_bind(match_expr).push(" AND rowid IN (");
        let mut sep = q.separated(", ");
        for id in &ids {
            sep.push_bind(*id);
        }
        q.push(")");
        let mut snippets: std::collections::HashMap<i64, String> = q
            .build_query_as::<(i64, String)>()
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .collect();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(i) = rows.iter().position(|r| r.id == id) {
                let row = rows.swap_remove(i);
                let snip = snippets.remove(&id).unwrap_or_default();
                out.push((row, snip));
            }
        }
        Ok((out, total as u32))
    }

    /// What the search filters offer: every category as (path, name), parents before children,
    /// and the languages articles are published in.
    pub async fn search_facets(&self) -> Result<(Vec<(String, String)>, Vec<String>)> {
        let cats = sqlx::query_as("SELECT path, name FROM categories ORDER BY path")
            .fetch_all(&self.pool)
            .await?;
        let langs = sqlx::query_scalar("SELECT DISTINCT lang FROM articles ORDER BY lang")
            .fetch_all(&self.pool)
            .await?;
        Ok((cats, langs))
    }

    /// Title words of the index starting with `first` (as indexed: normalised, lower case),
    /// with the number of articles whose title holds them; candidates for spelling suggestions.
    pub async fn title_terms_starting_with(&self, first: char) -> Result<Vec<(String, i64)>> {
        let Some(next) = char::from_u32(first as u32 + 1) else {
            return Ok(vec![]);
        };
        Ok(sqlx::query_as(
            "SELECT term, doc FROM article_search_terms \
             WHERE term >= ?1 AND term < ?2 AND col = 'title'",
        )
        .bind(first.to_string())
        .bind(next.to_string())
        .fetch_all(&self.pool)
        .await?)
    }
}

/// How search results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SearchSort {
    #[default]
    Relevance,
    Date,
}

/// Narrows a search: a category (with its descendants) and a language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchFilter {
    pub category: Option<String>,
    pub lang: Option<String>,
    pub sort: SearchSort,
}

impl SearchFilter {
    fn push_from_where(&self, q: &mut QueryBuilder<'_, Sqlite>, match_expr: &str, now: i64) {
        q.push(
            " FROM article_search JOIN articles a ON a.id = article_search.rowid \
             JOIN categories c ON c.id = a.category_id WHERE article_search MATCH ",
        )
        .push_bind(match_expr.to_string())
        .push(" AND a.published_at <= ")
        .push_bind(now);
        if let Some(path) = &self.category {
            q.push(" AND (c.path = ")
                .push_bind(path.clone())
                .push(" OR c.path LIKE ")
                .push_bind(format!("{}/%", path.replace(['%', '_'], "")))
                .push(")");
        }
        if let Some(lang) = &self.lang {
            q.push(" AND a.lang = ").push_bind(lang.clone());
        }
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
    use super::*;
    use crate::server::search::to_match;
    use crate::server::store::{NewArticle, NewCategory};

    const NOW: i64 = 1_790_000_000;

    pub(crate) async fn store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&format!("sqlite://{}/t.db", dir.path().display()))
            .await
            .unwrap();
        for (parent, slug) in [
            (None, "world"),
            (Some("world"), "europe"),
            (None, "business"),
        ] {
            store
                .insert_category(NewCategory {
                    parent_path: parent,
                    slug,
                    name: slug,
                    description: "",
                    position: 0,
                })
                .await
                .unwrap();
        }
        store.upsert_author("ann", "Ann Writer", "").await.unwrap();
        (store, dir)
    }

    pub(crate) fn article(slug: &str, title: &str, body: &str, age_days: i64) -> NewArticle {
        NewArticle {
            slug: slug.into(),
            title: title.into(),
            dek: String::new(),
            body_md: body.into(),
            lang: "en".into(),
            category_path: "world".into(),
            author_slug: "ann".into(),
            tags: vec![],
            published_at: NOW - age_days * 86_400,
            updated_at: 0,
            image: None,
            featured: false,
            editors_pick: false,
            views: 0,
            translation_key: None,
        }
    }

    /// Slugs found for what a reader typed, best first.
    async fn find(store: &Store, typed: &str) -> Vec<String> {
        let Some(expr) = to_match(typed) else {
            return vec![];
        };
        let (rows, total) = store
            .search(&expr, &SearchFilter::default(), NOW, 50, 0)
            .await
            .unwrap();
        assert_eq!(total as usize, rows.len());
        rows.into_iter().map(|(r, _)| r.slug).collect()
    }

    #[tokio::test]
    async fn a_title_match_beats_a_body_match_and_newer_wins_ties() {
        let (s, _d) = store().await;
        for a in [
            article(
                "body",
                "Markets rally",
                "Bonds and the harbour were calm today.",
                1,
            ),
            article(
                "title",
                "Harbour reopens",
                "Ships were waiting outside for days.",
                5,
            ),
            article(
                "twin-old",
                "Quiet day",
                "Nothing about ports here at all.",
                9,
            ),
            article(
                "twin-new",
                "Quiet day",
                "Nothing about ports here at all.",
                2,
            ),
        ] {
            s.insert_article(&a).await.unwrap();
        }
        assert_eq!(find(&s, "harbour").await, ["title", "body"]);
        assert_eq!(find(&s, "ports").await, ["twin-new", "twin-old"]);
    }

    #[tokio::test]
    async fn the_last_word_is_a_prefix_and_quotes_make_phrases() {
        let (s, _d) = store().await;
        s.insert_article(&article(
            "a",
            "Lavrov visits Beijing",
            "The foreign minister met Wang Yi.",
            1,
        ))
        .await
        .unwrap();
        s.insert_article(&article(
            "b",
            "Ministers meet",
            "A minister of foreign trade spoke.",
            1,
        ))
        .await
        .unwrap();
        assert_eq!(find(&s, "lavr").await, ["a"]);
        assert_eq!(find(&s, "lavr beij").await, Vec::<String>::new());
        assert_eq!(find(&s, "beijing lavr").await, ["a"]);
        assert_eq!(find(&s, "\"foreign minister\"").await, ["a"]);
        let mut both = find(&s, "foreign minister").await;
        both.sort();
        assert_eq!(both, ["a", "b"]);
        // A quoted word is not a prefix.
        assert_eq!(find(&s, "\"lavr\"").await, Vec::<String>::new());
    }

    #[tokio::test]
    async fn arabic_and_latin_text_is_found_without_diacritics() {
        let (s, _d) = store().await;
        let mut ar = article(
            "bonds",
            "أسعار السَّندات ترتفع",
            "افتتحت مدرسة جديدة في المدينة على شاطئ البحر.",
            1,
        );
        ar.lang = "ar".into();
        s.insert_article(&ar).await.unwrap();
        s.insert_article(&article("cafe", "A café in Zürich", "Crème brûlée.", 1))
            .await
            .unwrap();
        for q in [
            "السندات",
            "السَّندات",
            "اسعار",
            "أسعار",
            "مدرسه",
            "مدرسة",
            "علي",
            "على",
        ] {
            assert_eq!(find(&s, q).await, ["bonds"], "{q}");
        }
        for q in ["cafe", "café", "zurich", "ZÜRICH", "creme brulee"] {
            assert_eq!(find(&s, q).await, ["cafe"], "{q}");
        }
    }

    #[tokio::test]
    async fn hostile_input_never_fails() {
        let (s, _d) = store().await;
        s.insert_article(&article(
            "a",
            "Oil prices",
            "Crude rose (again) by 2% — \"NEAR\" record.",
            1,
        ))
        .await
        .unwrap();
        let long = "oil ".repeat(2_500);
        for q in [
            "\"",
            "\"\"",
            "\"oil",
            "oil\"",
            "a OR b",
            "NOT oil",
            "oil AND",
            "NEAR(oil prices)",
            "title:oil",
            "oil*",
            "*",
            "^oil",
            "-oil",
            "+oil",
            "(",
            ")",
            "\0",
            "oil\0prices",
            "🙂",
            "oil 🙂",
            "",
            "   ",
            "'; DROP TABLE articles; --",
            &long,
        ] {
            let (clean, _) = crate::server::search::clean_query(q);
            find(&s, &clean).await;
        }
        assert_eq!(find(&s, "title:oil").await, Vec::<String>::new());
        assert_eq!(find(&s, "oil*").await, ["a"]);
        assert_eq!(find(&s, "\"oil").await, ["a"]);
    }

    #[tokio::test]
    async fn filters_narrow_by_section_and_language_and_date_sort_ignores_rank() {
        let (s, _d) = store().await;
        let mut europe = article(
            "europe",
            "Rail strike: rail stops",
            "Trains stop. Rail rail rail.",
            3,
        );
        europe.category_path = "world/europe".into();
        let world = article(
            "world",
            "A long day of news about rail and other things",
            "Trains.",
            2,
        );
        let mut biz = article("biz", "Rail shares", "Markets.", 1);
        biz.category_path = "business".into();
        biz.lang = "ar".into();
        for a in [&europe, &world, &biz] {
            s.insert_article(a).await.unwrap();
        }
        let expr = to_match("rail").unwrap();
        let slugs = |f: SearchFilter| {
            let s = s.clone();
            let expr = expr.clone();
            async move {
                let (rows, total) = s.search(&expr, &f, NOW, 10, 0).await.unwrap();
                assert_eq!(total as usize, rows.len());
                rows.into_iter().map(|(r, _)| r.slug).collect::<Vec<_>>()
            }
        };
        let world_only = SearchFilter {
            category: Some("world".into()),
            ..Default::default()
        };
        assert_eq!(slugs(world_only.clone()).await, ["europe", "world"]);
        let by_date = SearchFilter {
            sort: SearchSort::Date,
            ..world_only
        };
        assert_eq!(slugs(by_date).await, ["world", "europe"]);
        let europe_only = SearchFilter {
            category: Some("world/europe".into()),
            ..Default::default()
        };
        assert_eq!(slugs(europe_only).await, ["europe"]);
        let arabic = SearchFilter {
            lang: Some("ar".into()),
            ..Default::default()
        };
        assert_eq!(slugs(arabic).await, ["biz"]);
        // Pages beyond the first.
        let (rows, total) = s
            .search(&expr, &SearchFilter::default(), NOW, 1, 2)
            .await
            .unwrap();
        assert_eq!((rows.len(), total), (1, 3));
    }

    #[tokio::test]
    async fn title_terms_are_offered_for_suggestions() {
        let (s, _d) = store().await;
        s.insert_article(&article("a", "Harbour reopens", "Harbor.", 1))
            .await
            .unwrap();
        let terms = s.title_terms_starting_with('h').await.unwrap();
        assert_eq!(terms, [("harbour".to_string(), 1)]);
    }

    #[tokio::test]
    async fn reindex_rebuilds_the_same_index() {
        let (s, _d) = store().await;
        s.insert_article(&article("a", "Café society", "Tea.", 1))
            .await
            .unwrap();
        s.insert_article(&article("b", "Harbour", "Ships.", 1))
            .await
            .unwrap();
        sqlx::query("DELETE FROM article_search")
            .execute(s.pool())
            .await
            .unwrap();
        assert!(find(&s, "cafe").await.is_empty());
        assert!(s.search_index_missing().await.unwrap());
        assert_eq!(s.reindex_search().await.unwrap(), 2);
        assert_eq!(find(&s, "cafe").await, ["a"]);
        assert_eq!(find(&s, "ships").await, ["b"]);
        assert!(!s.search_index_missing().await.unwrap());
    }
}
