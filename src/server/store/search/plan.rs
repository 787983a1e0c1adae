//! The plan of a query: its FTS5 expression, with the last word's commonest completions, and
//! how many articles hold each phrase (for `timelines_rank`).

use super::super::{Result, Store};
use crate::server::search::{Query, Term};
use crate::server::store::db::{query_as, QueryBuilder};
use std::collections::HashMap;

/// How many completions a query's last word stands for at most, the commonest first (see
/// `Store::plan`).
pub const PREFIX_COMPLETIONS: i64 = 50;

impl Store {
    /// The FTS5 expression for `query` and, phrase by phrase in its order, how many articles
    /// hold each (for `timelines_rank`). The last word, a prefix, stands for itself and its
    /// [`PREFIX_COMPLETIONS`] commonest completions (as search engines cap a prefix's
    /// expansions); a prefix no indexed word begins is left to FTS5. `timelines_rank` shares
    /// what it works out per query among all its calls in one statement, so a statement calls
    /// it with one `docs` only.
    pub(super) async fn plan(&self, query: &Query) -> Result<(String, String)> {
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
                query_as(
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
}
