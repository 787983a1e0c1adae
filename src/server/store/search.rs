//! Full-text search queries: the results page's ranked, counted window of matches. The parts
//! it shares with other readers of the index are beside it: the query plan (`plan.rs`: term
//! counts and prefix completions), the filters' choices and spelling candidates (`terms.rs`),
//! and the search overlay's light suggestions (`suggest.rs`).

pub(super) mod index;
mod plan;
mod postgres;
mod suggest;
mod terms;
#[cfg(test)]
mod tests;

pub use suggest::{SuggestRow, SUGGEST_WINDOW};

use super::article::{ArticleRow, SELECT_SUMMARY};
use super::{Result, Store};
use crate::server::search::Query;
use crate::server::store::db::{Backend, QueryBuilder};

/// How many of the most recently added matches a search ranks and counts (see `Store::search`).
pub const SEARCH_WINDOW: u32 = 1_000;

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
    /// SQLite: the FTS5 match of `match_expr` and the filters.
    fn push_from_where(&self, q: &mut QueryBuilder<'_>, match_expr: &str, now: i64) {
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
        self.push_narrowing(q);
    }

    /// The filters on the articles `a`: a category with its descendants, a language.
    fn push_narrowing(&self, q: &mut QueryBuilder<'_>) {
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

impl Store {
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
        let work = self.search_window(query, filter, now, limit, offset, SEARCH_WINDOW);
        crate::server::metrics::time_search("page", work).await
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
        let plan = self.plan(query).await?;
        let (ids, matched) = if self.backend() == Backend::Postgres {
            let by_relevance = filter.sort == SearchSort::Relevance;
            let ranked = self
                .postgres_ranked(&plan, filter, now, window, by_relevance)
                .await?;
            let limit = limit.min(window.saturating_sub(offset)) as usize;
            let ids = ranked
                .ids
                .into_iter()
                .skip(offset as usize)
                .take(limit)
                .collect();
            (ids, ranked.matched)
        } else {
            self.sqlite_page(&plan, filter, now, limit, offset, window)
                .await?
        };
        let more = matched > i64::from(window);
        let total = matched.min(i64::from(window)) as u32;
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

    /// SQLite: the ids of the page's rows, ranked by `timelines_rank`, and the matches counted
    /// (at most `window` + 1).
    async fn sqlite_page(
        &self,
        plan: &plan::Plan,
        filter: &SearchFilter,
        now: i64,
        limit: u32,
        offset: u32,
        window: u32,
    ) -> Result<(Vec<i64>, i64)> {
        let match_expr = &plan.fts5;
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
                    .push_bind(plan.docs.as_str())
                    .push(", a.search_length) AS score");
            }
            SearchSort::Date => {
                q.push("0 AS score");
            }
        }
        filter.push_from_where(&mut q, match_expr, now);
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
                filter.push_from_where(&mut q, match_expr, now);
                q.push(" ORDER BY article_search.rowid LIMIT ")
                    .push_bind(i64::from(window) + 1)
                    .push(")");
                q.build_query_scalar().fetch_one(&self.pool).await?
            }
            None => 0,
        };
        Ok((page.into_iter().map(|(id, _)| id).collect(), matched))
    }
}
