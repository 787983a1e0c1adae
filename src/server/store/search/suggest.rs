//! The search overlay's suggestions: the best few titles for what is being typed, from the same
//! index, plan and ranking as the results page, but nothing else: no count, no snippets, no
//! article bodies, no filters' choices.

use super::super::{Result, Store};
use super::SearchFilter;
use crate::server::search::Query;
use crate::server::store::db::{Backend, QueryBuilder};
use sqlx::FromRow;

/// How many of the most recently added matches the suggestions rank: fewer than a results page
/// ([`super::SEARCH_WINDOW`]), since a keystroke should cost less than a search and suggestions
/// favour recent stories anyway.
pub const SUGGEST_WINDOW: u32 = 250;

/// One suggested article: what the overlay lists and where it leads.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SuggestRow {
    pub slug: String,
    pub title: String,
    pub lang: String,
    pub published_at: i64,
    pub category_name: String,
}

impl Store {
    /// The `limit` best matches of `query` published by `now`, ranked as the results page ranks
    /// them (title highest), among the [`SUGGEST_WINDOW`] newest matches.
    pub async fn suggest(&self, query: &Query, now: i64, limit: u32) -> Result<Vec<SuggestRow>> {
        let work = self.suggest_untimed(query, now, limit);
        crate::server::metrics::time_search("suggest", work).await
    }

    async fn suggest_untimed(
        &self,
        query: &Query,
        now: i64,
        limit: u32,
    ) -> Result<Vec<SuggestRow>> {
        let plan = self.plan(query).await?;
        if self.backend() == Backend::Postgres {
            let ranked = self
                .postgres_ranked(&plan, &SearchFilter::default(), now, SUGGEST_WINDOW, true)
                .await?;
            let ids: Vec<i64> = ranked.ids.into_iter().take(limit as usize).collect();
            if ids.is_empty() {
                return Ok(vec![]);
            }
            let mut q = QueryBuilder::new(
                "SELECT a.id, a.slug, a.title, a.lang, a.published_at, c.name AS category_name \
                 FROM articles a JOIN categories c ON c.id = a.category_id WHERE a.id IN (",
            );
            let mut list = q.separated(", ");
            for id in &ids {
                list.push_bind(*id);
            }
            q.push(")");
            let mut rows: Vec<(i64, String, String, String, i64, String)> =
                q.build_query_as().fetch_all(&self.pool).await?;
            rows.sort_by_key(|r| ids.iter().position(|id| *id == r.0));
            return Ok(rows
                .into_iter()
                .map(
                    |(_, slug, title, lang, published_at, category_name)| SuggestRow {
                        slug,
                        title,
                        lang,
                        published_at,
                        category_name,
                    },
                )
                .collect());
        }
        let mut q = QueryBuilder::new(
            "WITH w AS MATERIALIZED (SELECT a.id AS id, a.published_at AS published_at, \
             timelines_rank(article_search, ",
        );
        q.push_bind(plan.docs.as_str())
            .push(", a.search_length) AS score");
        SearchFilter::default().push_from_where(&mut q, &plan.fts5, now);
        q.push(" ORDER BY article_search.rowid LIMIT ")
            .push_bind(i64::from(SUGGEST_WINDOW))
            .push(
                ") SELECT a.slug, a.title, a.lang, a.published_at, c.name AS category_name \
                 FROM w JOIN articles a ON a.id = w.id JOIN categories c ON c.id = a.category_id \
                 ORDER BY w.score, w.published_at DESC, w.id DESC LIMIT ",
            )
            .push_bind(i64::from(limit));
        Ok(q.build_query_as().fetch_all(&self.pool).await?)
    }
}

#[cfg(test)]
mod tests {
    use crate::server::search::parse;
    use crate::server::store::fixtures::{article, store, NOW};

    #[tokio::test]
    async fn suggestions_rank_title_matches_first_and_stop_at_the_limit() {
        let (s, _d) = store().await;
        for (slug, title, body, age) in [
            ("body", "Markets rally", "The harbour was calm.", 1),
            ("title", "Harbour reopens", "Ships waited.", 5),
            ("later", "Harbours and quays", "Boats.", 9),
            ("future", "Harbour of tomorrow", "Not yet.", -1),
        ] {
            s.insert_article(&article(slug, title, body, age))
                .await
                .unwrap();
        }
        let slugs = |q: &'static str, limit| {
            let s = s.clone();
            async move {
                let rows = s.suggest(&parse(q).unwrap(), NOW, limit).await.unwrap();
                rows.into_iter().map(|r| r.slug).collect::<Vec<_>>()
            }
        };
        // The last word is a prefix, title matches come first (the rarer "harbours" first of
        // them), and a story not yet published is never suggested.
        assert_eq!(slugs("harb", 10).await, ["later", "title", "body"]);
        assert_eq!(slugs("harb", 1).await, ["later"]);
        assert_eq!(slugs("\"harbour\"", 10).await, ["title", "body"]);
        assert!(slugs("quay ships", 10).await.is_empty());
        let row = &s.suggest(&parse("reopens").unwrap(), NOW, 1).await.unwrap()[0];
        assert_eq!(
            (
                row.title.as_str(),
                row.lang.as_str(),
                row.category_name.as_str()
            ),
            ("Harbour reopens", "en", "world")
        );
    }
}
