//! What the index offers besides matches: the search filters' choices and the title words that
//! spelling suggestions are drawn from.

use super::super::{Result, Store};
use crate::server::store::db::{query_as, query_scalar};

impl Store {
    /// What the search filters offer: every category as (path, name), parents before children,
    /// and the languages articles are published in (drafts' do not count).
    pub async fn search_facets(&self) -> Result<(Vec<(String, String)>, Vec<String>)> {
        let cats = query_as("SELECT path, name FROM categories ORDER BY path")
            .fetch_all(&self.pool)
            .await?;
        // Each step jumps to the next language along the index: a handful of lookups,
        // where DISTINCT would read every article.
        let langs = query_scalar(
            "WITH RECURSIVE l(lang) AS (SELECT MIN(lang) FROM articles WHERE published_at IS NOT NULL \
             UNION ALL SELECT (SELECT MIN(lang) FROM articles WHERE lang > l.lang AND published_at IS NOT NULL) FROM l \
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
        Ok(query_as(
            "SELECT term, docs FROM title_terms \
             WHERE term >= ?1 AND term < ?2 AND length(term) BETWEEN ?3 AND ?4 ORDER BY term",
        )
        .bind(first.to_string())
        .bind(next.to_string())
        .bind(min_len as i64)
        .bind(max_len as i64)
        .fetch_all(&self.pool)
        .await?)
    }
}
