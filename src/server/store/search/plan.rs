//! The plan of a query: its FTS5 expression (SQLite) or tsquery (PostgreSQL), with the last
//! word's commonest completions, and how many articles hold each phrase (for the ranking).

use super::super::{Result, Store};
use crate::server::search::{Query, Term};
use crate::server::store::db::{query_as, QueryBuilder};
use std::collections::HashMap;

/// How many completions a query's last word stands for at most, the commonest first (see
/// `Store::plan`).
pub const PREFIX_COMPLETIONS: i64 = 50;

/// What a search runs: the same phrases for both backends.
pub(in crate::server::store) struct Plan {
    /// The FTS5 expression (SQLite).
    pub fts5: String,
    /// The tsquery text (PostgreSQL, `search/postgres.rs`).
    pub tsquery: String,
    /// The phrases, in FTS5's order: each its words; a prefix left to the index (no counted
    /// word begins it) is one phrase of one word, matched as a prefix.
    pub phrases: Vec<Phrase>,
    /// How many articles hold each phrase, space separated, for the ranking.
    pub docs: String,
    /// Each term of the query, how many articles hold it (PostgreSQL picks its scan by these).
    pub terms: Vec<TermDocs>,
}

/// How many articles hold each word of one term of a query (a prefix's completions together
/// count as one word); more than one word: a phrase, its words in a row.
#[derive(Clone, Debug, PartialEq)]
pub(in crate::server::store) struct TermDocs {
    pub docs: Vec<i64>,
}

/// One phrase of a [`Plan`].
pub(in crate::server::store) struct Phrase {
    pub words: Vec<String>,
    /// The (one) word stands for every indexed word it begins.
    pub prefix: bool,
}

impl Store {
    /// The plan for `query`: its expression for each backend and, phrase by phrase in its
    /// order, how many articles hold each (for the ranking). The last word, a prefix, stands for itself and its
    /// [`PREFIX_COMPLETIONS`] commonest completions (as search engines cap a prefix's
    /// expansions); a prefix no indexed word begins is left to FTS5. `timelines_rank` shares
    /// what it works out per query among all its calls in one statement, so a statement calls
    /// it with one `docs` only.
    pub(super) async fn plan(&self, query: &Query) -> Result<Plan> {
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
                     ORDER BY docs DESC, term LIMIT ?3) AS commonest ORDER BY term",
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
        let mut phrases: Vec<Phrase> = Vec::new();
        let mut terms: Vec<TermDocs> = Vec::new();
        let phrase = |words: &[String], prefix| Phrase {
            words: words.to_vec(),
            prefix,
        };
        for t in &query.terms {
            match t {
                Term::Word(w) => {
                    terms.push(TermDocs {
                        docs: vec![count(w)],
                    });
                    counts.push(count(w));
                    phrases.push(phrase(std::slice::from_ref(w), false));
                }
                // A phrase is in at most as many articles as its rarest word.
                Term::Phrase(ws) => {
                    terms.push(TermDocs {
                        docs: ws.iter().map(|w| count(w)).collect(),
                    });
                    counts.push(ws.iter().map(|w| count(w)).min().unwrap_or(1));
                    phrases.push(phrase(ws, false));
                }
                Term::Prefix(p) => match completions.as_deref() {
                    Some(c) if !c.is_empty() => {
                        terms.push(TermDocs {
                            docs: vec![c.iter().map(|(_, n)| *n).sum()],
                        });
                        counts.extend(c.iter().map(|(_, n)| *n));
                        phrases.extend(
                            c.iter()
                                .map(|(w, _)| phrase(std::slice::from_ref(w), false)),
                        );
                    }
                    _ => {
                        // No indexed word begins it: it matches (next to) nothing.
                        terms.push(TermDocs { docs: vec![1] });
                        counts.push(1);
                        phrases.push(phrase(std::slice::from_ref(p), true));
                    }
                },
            }
        }
        let names: Option<Vec<String>> =
            completions.map(|c| c.into_iter().map(|(t, _)| t).collect());
        let fts5 = query.match_expr(names.as_deref());
        let tsquery = super::postgres::tsquery(query, names.as_deref());
        let docs = counts
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        Ok(Plan {
            fts5,
            tsquery,
            phrases,
            docs,
            terms,
        })
    }
}
