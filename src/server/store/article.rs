//! Article queries: lists, archives, the article itself, related stories and search.

use super::{Result, Store};
use crate::model::NamedRef;
use crate::server::search::{Query, Term};
use sqlx::{FromRow, QueryBuilder, Sqlite};
use std::collections::HashMap;

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
        // Only the stories that share a tag or the category are scored (the shared tags counted
        // once per story from the tag index): scoring every article with a subquery each took
        // about a second per article page at 100,000 articles (issue 12).
        let select = SELECT_SUMMARY.replace(
            "FROM articles a ",
            "FROM shared s JOIN articles a ON a.id = s.id ",
        );
        let sql = format!(
            "WITH shared(id, n) AS (\
               SELECT x.article_id, COUNT(*) FROM article_tags x WHERE x.tag_id IN \
                 (SELECT tag_id FROM article_tags WHERE article_id = ?1) GROUP BY x.article_id \
               UNION ALL SELECT id, 0 FROM articles WHERE category_id = ?3 AND id NOT IN \
                 (SELECT x.article_id FROM article_tags x WHERE x.tag_id IN \
                   (SELECT tag_id FROM article_tags WHERE article_id = ?1))) \
             {select} WHERE a.id != ?1 AND a.published_at <= ?2 \
             ORDER BY (CASE WHEN a.category_id = ?3 THEN 2 ELSE 0 END + s.n) DESC, a.published_at DESC LIMIT ?4"
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

    /// Full-text search for a parsed query (`search::parse`: the reader's text never reaches
    /// FTS5 as syntax).
    ///
    /// Relevance is BM25 with the title weighted highest, newest first among equals; or newest
    /// first outright. Ranking works on the [`SEARCH_WINDOW`] most recently added matching
    /// articles (all of them for all but the commonest words), so that a word found in half the
    /// archive costs no more than a rarer one: scoring and counting every match of such a word
    /// took over a second at 100,000 articles. The total is then a lower bound, and
    /// [`SearchHits::more`] says so. Snippets are cut for the page's rows only.
    pub async fn search(
        &self,
        query: &Query,
        filter: &SearchFilter,
        now: i64,
        limit: u32,
        offset: u32,
    ) -> Result<SearchHits> {
        self.search_window(query, filter, now, limit, offset, SEARCH_WINDOW)
            .await
    }

    /// The FTS5 expression for `query` and, phrase by phrase in its order, how many articles
    /// hold each (for `timelines_rank`). The last word, a prefix, stands for itself and its
    /// [`PREFIX_COMPLETIONS`] commonest completions (as search engines cap a prefix's
    /// expansions); a prefix no indexed word begins is left to FTS5. `timelines_rank` shares
    /// what it works out per query among all its calls in one statement, so a statement calls
    /// it with one `docs` only.
    async fn plan(&self, query: &Query) -> Result<(String, String)> {
        let words: Vec<&str> = query
            .terms
            .iter()
            .flat_map(|t| match t {
                Term::Word(w) => vec![w.as_str()],
                Term::Phrase(ws) => ws.iter().map(String::as_str).collect(),
                Term::Prefix(_) => vec![],
            })
            .collect();
        let mut docs: HashMap<String, i64> = HashMap::new();
        if !words.is_empty() {
            let mut q = QueryBuilder::new("SELECT term, docs FROM search_terms WHERE term IN (");
            let mut sep = q.separated(", ");
            for w in &words {
                sep.push_bind(*w);
            }
            q.push(")");
            docs.extend(
                q.build_query_as::<(String, i64)>()
                    .fetch_all(&self.pool)
                    .await?,
            );
        }
        let completions: Option<Vec<(String, i64)>> = match query.terms.last() {
            Some(Term::Prefix(p)) => Some(
                sqlx::query_as(
                    // The word itself, when indexed, whatever its rank among them.
                    "SELECT term, docs FROM search_terms WHERE term = ?1 UNION \
                     SELECT * FROM (SELECT term, docs FROM search_terms WHERE term >= ?1 AND term < ?2 \
                     ORDER BY docs DESC, term LIMIT ?3)",
                )
                .bind(p)
                .bind(format!("{p}\u{10FFFF}"))
                .bind(PREFIX_COMPLETIONS)
                .fetch_all(&self.pool)
                .await?,
            ),
            _ => None,
        };
        let count = |w: &str| docs.get(w).copied().unwrap_or(1);
        let mut counts: Vec<i64> = Vec::new();
        for t in &query.terms {
            match t {
                Term::Word(w) => counts.push(count(w)),
                // A phrase is in at most as many articles as its rarest word.
                Term::Phrase(ws) => counts.push(ws.iter().map(|w| count(w)).min().unwrap_or(1)),
                Term::Prefix(_) => match completions.as_deref() {
                    Some(c) if !c.is_empty() => counts.extend(c.iter().map(|(_, n)| *n)),
                    _ => counts.push(1),
                },
            }
        }
        let names: Option<Vec<String>> =
            completions.map(|c| c.into_iter().map(|(t, _)| t).collect());
        let expr = query.match_expr(names.as_deref());
        let counts = counts
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        Ok((expr, counts))
    }

    async fn search_window(
        &self,
        query: &Query,
        filter: &SearchFilter,
        now: i64,
        limit: u32,
        offset: u32,
        window: u32,
    ) -> Result<SearchHits> {
        let (match_expr, docs) = self.plan(query).await?;
        // `w`: the newest matches, one past the window (one more tells "exactly N" from "more
        // than N"). Index rowids are minus the article ids, so rowid order is newest first and
        // FTS5 stops reading at the LIMIT. `c`: their count, and the oldest, which is left out
        // when it is the one past the window. (Window functions cost more than the scan here.)
        let mut q = QueryBuilder::new(
            "WITH w AS MATERIALIZED (SELECT a.id AS id, a.published_at AS published_at, ",
        );
        match filter.sort {
            SearchSort::Relevance => {
                q.push("timelines_rank(article_search, ")
                    .push_bind(docs)
                    .push(", a.search_length) AS score");
            }
            SearchSort::Date => {
                q.push("0 AS score");
            }
        }
        filter.push_from_where(&mut q, &match_expr, now);
        q.push(" ORDER BY article_search.rowid LIMIT ")
            .push_bind(i64::from(window) + 1)
            .push("), c AS (SELECT COUNT(*) AS n, MIN(id) AS oldest FROM w) SELECT w.id, c.n FROM w, c WHERE c.n <= ")
            .push_bind(i64::from(window))
            .push(" OR w.id > c.oldest");
        q.push(match filter.sort {
            SearchSort::Relevance => " ORDER BY w.score, w.published_at DESC, w.id DESC",
            SearchSort::Date => " ORDER BY w.published_at DESC, w.id DESC",
        });
        // Never page past the window, so `more` never shows a row the count left out.
        let limit = limit.min(window.saturating_sub(offset));
        q.push(" LIMIT ")
            .push_bind(i64::from(limit))
            .push(" OFFSET ")
            .push_bind(i64::from(offset));
        let page: Vec<(i64, i64)> = q.build_query_as().fetch_all(&self.pool).await?;
        let matched = match page.first() {
            Some((_, n)) => *n,
            // Past the last page (or no match): the count alone says which.
            None if offset > 0 => {
                let mut q = QueryBuilder::new("SELECT COUNT(*) FROM (SELECT 1");
                filter.push_from_where(&mut q, &match_expr, now);
                q.push(" ORDER BY article_search.rowid LIMIT ")
                    .push_bind(i64::from(window) + 1)
                    .push(")");
                q.build_query_scalar().fetch_one(&self.pool).await?
            }
            None => 0,
        };
        let more = matched > i64::from(window);
        let total = matched.min(i64::from(window)) as u32;
        let ids: Vec<i64> = page.into_iter().map(|(id, _)| id).collect();
        if ids.is_empty() {
            return Ok(SearchHits {
                rows: vec![],
                total,
                more,
            });
        }
        let mut q = QueryBuilder::new(SELECT_SUMMARY);
        q.push("WHERE a.id IN (");
        let mut sep = q.separated(", ");
        for id in &ids {
            sep.push_bind(*id);
        }
        q.push(")");
        let mut rows: Vec<ArticleRow> = q.build_query_as().fetch_all(&self.pool).await?;
        // Snippets are cut from the text by `search::cut_snippet`: FTS5's snippet() re-runs the
        // match for each row (slow for a prefix of a common word) and shows indexed spelling.
        let mut q = QueryBuilder::new("SELECT id, body_md FROM articles WHERE id IN (");
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
            .map(|(id, md)| (id, crate::server::text::plain_text(&md)))
            .collect();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(i) = rows.iter().position(|r| r.id == id) {
                let row = rows.swap_remove(i);
                let snip = snippets.remove(&id).unwrap_or_default();
                out.push((row, snip));
            }
        }
        Ok(SearchHits {
            rows: out,
            total,
            more,
        })
    }

    /// What the search filters offer: every category as (path, name), parents before children,
    /// and the languages articles are published in.
    pub async fn search_facets(&self) -> Result<(Vec<(String, String)>, Vec<String>)> {
        let cats = sqlx::query_as("SELECT path, name FROM categories ORDER BY path")
            .fetch_all(&self.pool)
            .await?;
        // Each step jumps to the next language along the index: a handful of lookups,
        // where DISTINCT would read every article.
        let langs = sqlx::query_scalar(
            "WITH RECURSIVE l(lang) AS (SELECT MIN(lang) FROM articles \
             UNION ALL SELECT (SELECT MIN(lang) FROM articles WHERE lang > l.lang) FROM l \
             WHERE l.lang IS NOT NULL) SELECT lang FROM l WHERE lang IS NOT NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok((cats, langs))
    }

    /// Title words (as indexed: normalised, lower case) starting with `first` and between
    /// `min_len` and `max_len` characters long, with the number of titles holding them:
    /// candidates for spelling suggestions.
    pub async fn title_terms_starting_with(
        &self,
        first: char,
        min_len: usize,
        max_len: usize,
    ) -> Result<Vec<(String, i64)>> {
        let Some(next) = char::from_u32(first as u32 + 1) else {
            return Ok(vec![]);
        };
        Ok(sqlx::query_as(
            "SELECT term, docs FROM title_terms \
             WHERE term >= ?1 AND term < ?2 AND length(term) BETWEEN ?3 AND ?4",
        )
        .bind(first.to_string())
        .bind(next.to_string())
        .bind(min_len as i64)
        .bind(max_len as i64)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// How many of the most recently added matches a search ranks and counts (see `Store::search`).
pub const SEARCH_WINDOW: u32 = 1_000;

/// How many completions a query's last word stands for at most, the commonest first (see
/// `Store::plan`).
pub const PREFIX_COMPLETIONS: i64 = 50;

/// A page of search results: (article, its plain text) in order, and how many matched.
#[derive(Debug, Clone)]
pub struct SearchHits {
    pub rows: Vec<(ArticleRow, String)>,
    /// Matches counted, at most [`SEARCH_WINDOW`].
    pub total: u32,
    /// More than `total` articles matched: the commonest words stop counting at the window.
    pub more: bool,
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
            // CROSS JOIN keeps the index as the outer loop, so that the window's
            // `ORDER BY article_search.rowid LIMIT` stops early; the covering index holds what
            // the filters read, so the (large) article rows are not visited.
            " FROM article_search CROSS JOIN articles a INDEXED BY articles_search_meta \
             ON a.id = -article_search.rowid WHERE article_search MATCH ",
        )
        .push_bind(match_expr.to_string())
        .push(" AND a.published_at <= ")
        .push_bind(now);
        if let Some(path) = &self.category {
            q.push(" AND a.category_id IN (SELECT id FROM categories WHERE path = ")
                .push_bind(path.clone())
                .push(" OR path LIKE ")
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
    use crate::server::search::parse;
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
        let Some(expr) = parse(typed) else {
            return vec![];
        };
        let hits = store
            .search(&expr, &SearchFilter::default(), NOW, 50, 0)
            .await
            .unwrap();
        assert_eq!((hits.total as usize, hits.more), (hits.rows.len(), false));
        hits.rows.into_iter().map(|(r, _)| r.slug).collect()
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
        let expr = parse("rail").unwrap();
        let slugs = |f: SearchFilter| {
            let s = s.clone();
            let expr = expr.clone();
            async move {
                let hits = s.search(&expr, &f, NOW, 10, 0).await.unwrap();
                assert_eq!(hits.total as usize, hits.rows.len());
                hits.rows
                    .into_iter()
                    .map(|(r, _)| r.slug)
                    .collect::<Vec<_>>()
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
        let hits = s
            .search(&expr, &SearchFilter::default(), NOW, 1, 2)
            .await
            .unwrap();
        assert_eq!((hits.rows.len(), hits.total), (1, 3));
    }

    #[tokio::test]
    async fn the_commonest_words_rank_and_count_the_newest_matches_only() {
        let (s, _d) = store().await;
        // Added oldest first, as a newsroom adds them; "port" is in all five, "quay" in the
        // oldest only, and the title match is the second oldest.
        for (i, title) in ["Quay", "Port authority", "Rail", "Road", "Canal"]
            .iter()
            .enumerate()
        {
            let slug = format!("a{i}");
            let body = if i == 0 {
                "The port and the quay."
            } else {
                "The port."
            };
            s.insert_article(&article(&slug, title, body, 10 - i as i64))
                .await
                .unwrap();
        }
        let expr = parse("port").unwrap();
        let all = SearchFilter::default();
        let slugs = |h: SearchHits| h.rows.into_iter().map(|(r, _)| r.slug).collect::<Vec<_>>();
        let hits = s.search_window(&expr, &all, NOW, 10, 0, 5).await.unwrap();
        assert_eq!((hits.total, hits.more), (5, false));
        assert_eq!(slugs(hits)[0], "a1", "the title match ranks first");
        // With a window of three, only the three newest are ranked, and the count says "more".
        let hits = s.search_window(&expr, &all, NOW, 10, 0, 3).await.unwrap();
        assert_eq!((hits.total, hits.more), (3, true));
        assert_eq!(slugs(hits), ["a4", "a3", "a2"]);
        // Paging stops at the window; a page past it is empty with the same count.
        let hits = s.search_window(&expr, &all, NOW, 2, 2, 3).await.unwrap();
        assert_eq!(
            (slugs(hits.clone()), hits.total, hits.more),
            (vec!["a2".to_string()], 3, true)
        );
        let hits = s.search_window(&expr, &all, NOW, 2, 4, 3).await.unwrap();
        assert_eq!((hits.rows.len(), hits.total, hits.more), (0, 3, true));
        // A rare word is counted exactly.
        let hits = s
            .search_window(&parse("quay").unwrap(), &all, NOW, 10, 0, 3)
            .await
            .unwrap();
        assert_eq!(
            (slugs(hits.clone()), hits.total, hits.more),
            (vec!["a0".to_string()], 1, false)
        );
    }

    #[tokio::test]
    async fn title_terms_are_offered_for_suggestions() {
        let (s, _d) = store().await;
        s.insert_article(&article("a", "Harbour reopens", "Harbor.", 1))
            .await
            .unwrap();
        s.insert_article(&article("b", "Harbour, harbour and Habit", "x", 1))
            .await
            .unwrap();
        let terms = s.title_terms_starting_with('h', 5, 7).await.unwrap();
        assert_eq!(
            terms,
            [("habit".to_string(), 1), ("harbour".to_string(), 2)]
        );
        assert_eq!(
            s.title_terms_starting_with('h', 6, 7).await.unwrap().len(),
            1
        );
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

    async fn term_docs(s: &Store) -> Vec<(String, i64)> {
        sqlx::query_as("SELECT term, docs FROM search_terms ORDER BY term")
            .fetch_all(s.pool())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn word_counts_and_lengths_follow_the_index() {
        let (s, _d) = store().await;
        s.insert_article(&article("a", "Harbour news", "The harbour reopened.", 1))
            .await
            .unwrap();
        s.insert_articles(&[
            article("b", "Market news", "Harbours and markets.", 1),
            article("c", "Quiet", "Nothing.", 1),
        ])
        .await
        .unwrap();
        let docs = term_docs(&s).await;
        let of = |t: &str| docs.iter().find(|(w, _)| w == t).map(|(_, n)| *n);
        // Each article counts once per word, whatever the column and however often.
        assert_eq!(of("harbour"), Some(1));
        assert_eq!(of("news"), Some(2));
        assert_eq!(of("ann"), Some(3), "the author's name is indexed");
        assert_eq!(of("quiet"), Some(1));
        assert_eq!(of("absent"), None);
        // A rebuild counts the same.
        s.reindex_search().await.unwrap();
        assert_eq!(term_docs(&s).await, docs);
        // The length the store keeps is the one FTS5 counts: the ranking gives the same score
        // with it as with FTS5's own lookup.
        let scores: Vec<(f64, f64)> = sqlx::query_as(
            "SELECT timelines_rank(article_search, '2', a.search_length), \
                    timelines_rank(article_search, '2') \
             FROM article_search JOIN articles a ON a.id = -article_search.rowid \
             WHERE article_search MATCH 'news'",
        )
        .fetch_all(s.pool())
        .await
        .unwrap();
        assert_eq!(scores.len(), 2);
        for (kept, looked_up) in scores {
            assert!(
                kept < 0.0 && (kept - looked_up).abs() < 1e-9,
                "{kept} {looked_up}"
            );
        }
    }

    #[tokio::test]
    async fn a_prefix_stands_for_its_commonest_completions() {
        let (s, _d) = store().await;
        // 55 words starting "portw", one article each, so that they tie and go in term order.
        let many: Vec<NewArticle> = (0..55)
            .map(|i| article(&format!("p{i}"), "Port", &format!("portw{i}"), 2))
            .collect();
        s.insert_articles(&many).await.unwrap();
        s.insert_article(&article("portside", "Portside", "The portside.", 1))
            .await
            .unwrap();
        let count = |q: &'static str| {
            let s = s.clone();
            async move {
                let q = parse(q).unwrap();
                s.search(&q, &SearchFilter::default(), NOW, 100, 0)
                    .await
                    .unwrap()
                    .total
            }
        };
        // "port" itself is the commonest completion of "por" (in all 56 titles).
        assert_eq!(count("por").await, 56);
        // The first 50 completions of "portw" in term order leave portw54 and portw6 to 9 out,
        assert_eq!(count("portw").await, 50);
        assert_eq!(count("news portw").await, 0);
        // but typed further, each is found.
        assert_eq!(count("portw6").await, 1);
        // A word typed whole is found even when 50 commoner words begin with it.
        s.insert_article(&article("rare", "Rare", "A portw.", 1))
            .await
            .unwrap();
        let many: Vec<NewArticle> = (0..55)
            .map(|i| article(&format!("q{i}"), "More", &format!("portw{i}"), 2))
            .collect();
        s.insert_articles(&many).await.unwrap();
        assert_eq!(count("rare portw").await, 1);
        assert_eq!(find(&s, "portsi").await, ["portside"]);
        // A prefix no counted word begins is left to FTS5's own prefix match.
        sqlx::query("DELETE FROM search_terms WHERE term LIKE 'portsid%'")
            .execute(s.pool())
            .await
            .unwrap();
        assert_eq!(find(&s, "portsid").await, ["portside"]);
    }
}
