//! Search on PostgreSQL: the same index, plan and ranking as on SQLite, over a tsvector.
//!
//! The store makes each article's tsvector itself (`tsvector`) from the words that
//! `search::index_words` cuts, the tokenizer that also counts `search_terms` and matches FTS5's,
//! so both backends hold the same words: PostgreSQL's own parser cuts differently (hyphenated
//! words, numbers, addresses) and its stemmers would find other articles. Each word's position
//! carries its column as a weight label (A title, B dek, C category, tags and author, D body),
//! which is what the BM25 ranking (`rank::QueryData`, the code SQLite's `timelines_rank` runs)
//! weighs: a match is found with the GIN index (`@@`), the newest window of matches is read,
//! and its rows are scored here, in Rust, from the labels of the query's words in each row.
//!
//! Differences from SQLite, kept small on purpose: a quoted phrase counts as often as its rarest
//! word occurs in the row (FTS5 counts the phrase's own occurrences); a tsvector keeps at most
//! 256 positions of a word and none past 16,383, so a word's count in a very long body stops
//! there (BM25 has long saturated by then), and a phrase cannot be matched beyond it.

use super::plan::{Phrase, Plan};
use super::SearchFilter;
use crate::server::search::{Query, Term};
use crate::server::store::db::{query_as, QueryBuilder};
use crate::server::store::rank::{QueryData, WEIGHTS};
use crate::server::store::{Result, Store};
use std::collections::HashMap;
use std::fmt::Write;

/// PostgreSQL's limits on a tsvector: positions run up to this, a word keeps this many, a word
/// is at most this many bytes, and the whole value at most this many.
const MAX_POSITION: usize = 16_383;
const MAX_POSITIONS: usize = 256;
const MAX_WORD_BYTES: usize = 2_046;
const MAX_BYTES: usize = 1 << 19;

/// The weight label of each column of the index, in `WEIGHTS`' order: title, dek, body,
/// category, tags, author.
const LABELS: [char; 6] = ['A', 'B', 'D', 'C', 'C', 'C'];

/// What a match in a column labelled `label` weighs (as `WEIGHTS` weighs the column).
fn label_weight(label: char) -> f64 {
    match label {
        'A' => WEIGHTS[0],
        'B' => WEIGHTS[1],
        'C' => WEIGHTS[3],
        _ => WEIGHTS[2],
    }
}

/// The tsvector (as text) of an article's index columns (normalised, in `WEIGHTS`' order).
/// Positions run through the columns with a gap between them, the body last (a long body is
/// what reaches the position limit).
pub(in crate::server::store) fn tsvector(columns: &[String; 6]) -> String {
    let mut positions: HashMap<String, Vec<(usize, char)>> = HashMap::new();
    let mut next = 1usize;
    for column in [0usize, 1, 3, 4, 5, 2] {
        let label = LABELS[column];
        for word in crate::server::search::index_words(&columns[column]) {
            if word.len() <= MAX_WORD_BYTES {
                let at = positions.entry(word).or_default();
                if at.len() < MAX_POSITIONS && at.last().is_none_or(|&(p, _)| p < next) {
                    at.push((next, label));
                }
            }
            next = (next + 1).min(MAX_POSITION);
        }
        // A gap, so that no phrase spans two columns.
        next = (next + 1).min(MAX_POSITION);
    }
    // In the order the words first appear (title first, body last), so that a body too long
    // for one tsvector loses its own last words only. (PostgreSQL sorts the words itself.)
    let mut words: Vec<(String, Vec<(usize, char)>)> = positions.into_iter().collect();
    words.sort_unstable_by_key(|(_, at)| at.first().map_or(0, |&(p, _)| p));
    let mut out = String::new();
    for (word, at) in words {
        if out.len() + word.len() + 8 * at.len() > MAX_BYTES {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&quoted(&word));
        out.push(':');
        for (i, (p, label)) in at.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{p}{label}");
        }
    }
    out
}

/// A word as a tsvector or tsquery literal.
fn quoted(word: &str) -> String {
    format!("'{}'", word.replace('\\', "\\\\").replace('\'', "''"))
}

/// The tsquery (as text) for `query`: every term must match; a phrase's words in a row; the
/// last word, a prefix, as its `completions` (any of them) or, with none, as a prefix.
pub(in crate::server::store) fn tsquery(query: &Query, completions: Option<&[String]>) -> String {
    let phrase = |words: &[String]| {
        let inner = words
            .iter()
            .map(|w| quoted(w))
            .collect::<Vec<_>>()
            .join(" <-> ");
        format!("({inner})")
    };
    query
        .terms
        .iter()
        .map(|t| match t {
            Term::Word(w) => quoted(w),
            Term::Phrase(ws) => phrase(ws),
            Term::Prefix(p) => match completions {
                Some(many) if !many.is_empty() => format!(
                    "({})",
                    many.iter()
                        .map(|w| quoted(w))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ),
                _ => format!("{}:*", quoted(p)),
            },
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// One match in the window, with what ranks it.
#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    published_at: i64,
    search_length: i64,
    /// The query's words found in the row: `word:LABELS` (one label per occurrence), space
    /// separated.
    found: String,
}

/// The newest matches a search ranks, best first.
pub(in crate::server::store) struct Ranked {
    pub ids: Vec<i64>,
    /// Matches counted: at most `window` + 1 (one more than the window says there are more).
    pub matched: i64,
}

impl Store {
    /// The `window` newest matches of `plan` that `filter` lets through, published by `now`,
    /// ordered by relevance (BM25, newest first among equals) or date.
    pub(in crate::server::store) async fn postgres_ranked(
        &self,
        plan: &Plan,
        filter: &SearchFilter,
        now: i64,
        window: u32,
        by_relevance: bool,
    ) -> Result<Ranked> {
        let mut q = QueryBuilder::new(
            "WITH w AS MATERIALIZED (SELECT s.article_id AS id, a.published_at, \
             a.search_length, s.doc FROM article_search s JOIN articles a ON a.id = s.article_id \
             WHERE s.doc @@ CAST(",
        );
        q.push_bind(plan.tsquery.as_str())
            .push(" AS tsquery) AND a.published_at <= ")
            .push_bind(now);
        filter.push_narrowing(&mut q);
        q.push(" ORDER BY s.article_id DESC LIMIT ")
            .push_bind(i64::from(window) + 1)
            .push(") SELECT w.id, w.published_at, w.search_length, ");
        if by_relevance {
            let words: Vec<&str> = plan
                .phrases
                .iter()
                .filter(|p| !p.prefix)
                .flat_map(|p| p.words.iter().map(String::as_str))
                .collect();
            q.push(
                "COALESCE((SELECT string_agg(u.lexeme || ':' || array_to_string(u.weights, ''), ' ') \
                 FROM unnest(w.doc) u WHERE u.lexeme = ANY(string_to_array(",
            )
            .push_bind(words.join(" "))
            .push(", ' '))");
            for p in plan.phrases.iter().filter(|p| p.prefix) {
                q.push(" OR starts_with(u.lexeme, ")
                    .push_bind(p.words[0].as_str())
                    .push(")");
            }
            q.push("), '')");
        } else {
            q.push("''");
        }
        // Newest first: the last row is the oldest, the one past the window.
        q.push(" AS found FROM w ORDER BY w.id DESC");
        let mut rows: Vec<Candidate> = q.build_query_as().fetch_all(&self.pool).await?;
        let matched = rows.len() as i64;
        if matched > i64::from(window) {
            // The one past the window is the oldest: it only tells that there are more.
            rows.pop();
        }
        let mut scored: Vec<(f64, Candidate)> = if by_relevance {
            let (indexed, tokens) = self.search_totals().await?;
            let data = QueryData::new(plan.phrases.len(), &plan.docs, indexed, tokens);
            rows.into_iter()
                .map(|c| (score(&data, &plan.phrases, &c), c))
                .collect()
        } else {
            rows.into_iter().map(|c| (0.0, c)).collect()
        };
        scored.sort_by(|(sa, a), (sb, b)| {
            sb.total_cmp(sa)
                .then(b.published_at.cmp(&a.published_at))
                .then(b.id.cmp(&a.id))
        });
        Ok(Ranked {
            ids: scored.into_iter().map(|(_, c)| c.id).collect(),
            matched,
        })
    }
}

impl Store {
    /// The index's rows and words in all, counted once per content version (every write to
    /// the index counts as a change of it).
    async fn search_totals(&self) -> Result<(i64, i64)> {
        let version = self.content_version();
        let kept = *self.search_totals.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, rows, tokens)) = kept {
            if at == version {
                return Ok((rows, tokens));
            }
        }
        let (rows, tokens): (i64, i64) = query_as(
            "SELECT COUNT(*), CAST(COALESCE(SUM(length), 0) AS BIGINT) FROM article_search",
        )
        .fetch_one(&self.pool)
        .await?;
        *self.search_totals.lock().unwrap_or_else(|e| e.into_inner()) =
            Some((version, rows, tokens));
        Ok((rows, tokens))
    }
}

/// A row's BM25 (higher is better), as `timelines_rank` scores it on SQLite.
fn score(data: &QueryData, phrases: &[Phrase], row: &Candidate) -> f64 {
    let found: Vec<(&str, f64)> = row
        .found
        .split(' ')
        .filter_map(|w| w.rsplit_once(':'))
        .map(|(word, labels)| (word, labels.chars().map(label_weight).sum()))
        .collect();
    let weight = |word: &str, prefix: bool| -> f64 {
        found
            .iter()
            .filter(|(w, _)| {
                if prefix {
                    w.starts_with(word)
                } else {
                    *w == word
                }
            })
            .map(|(_, f)| f)
            .sum()
    };
    let freq: Vec<f64> = phrases
        .iter()
        .map(|p| {
            p.words
                .iter()
                .map(|w| weight(w, p.prefix))
                .fold(f64::INFINITY, f64::min)
        })
        .map(|f| if f.is_finite() { f } else { 0.0 })
        .collect();
    data.bm25(
        &freq,
        row.search_length.clamp(0, i64::from(i32::MAX)) as i32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::search::parse;

    #[test]
    fn the_tsvector_labels_columns_and_leaves_a_gap_between_them() {
        let columns = [
            "harbour news".to_string(),
            "calm".to_string(),
            "the harbour".to_string(),
            "world".to_string(),
            String::new(),
            "ann".to_string(),
        ];
        assert_eq!(
            tsvector(&columns),
            "'harbour':1A,12D 'news':2A 'calm':4B 'world':6C 'ann':9C 'the':11D"
        );
    }

    #[test]
    fn the_tsquery_quotes_every_word() {
        let q = parse("\"harbour news\" o'brien por").unwrap();
        assert_eq!(
            tsquery(&q, None),
            "('harbour' <-> 'news') & 'o' & 'brien' & 'por':*"
        );
        let completions = ["port".to_string(), "portside".to_string()];
        assert_eq!(
            tsquery(&q, Some(&completions)),
            "('harbour' <-> 'news') & 'o' & 'brien' & ('port' | 'portside')"
        );
    }
}
