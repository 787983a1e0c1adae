//! Search on PostgreSQL: the same index, plan and ranking as on SQLite, over a tsvector.
//!
//! The store makes each article's tsvector itself (`tsvector`) from the words that
//! `search::index_words` cuts, the tokenizer that also counts `search_terms` and matches FTS5's,
//! so both backends hold the same words: PostgreSQL's own parser cuts differently (hyphenated
//! words, numbers, addresses) and its stemmers would find other articles. Each word's position
//! carries its column as a weight label (A title, B dek, C category, tags and author, D body),
//! which is what the BM25 ranking (`rank::QueryData`, the code SQLite's `timelines_rank` runs)
//! weighs: the newest window of matches is found (`@@`; by walking the articles newest first, or
//! from the GIN index, whichever the words' article counts say is cheaper: `Scan`), and its
//! rows are scored here, in Rust, from the labels of the query's words in each row.
//!
//! Differences from SQLite, kept small on purpose: a quoted phrase counts as often as its rarest
//! word occurs in the row (FTS5 counts the phrase's own occurrences); a tsvector keeps at most
//! 256 positions of a word and none past 16,383, so a word's count in a very long body stops
//! there (BM25 has long saturated by then), and a phrase cannot be matched beyond it.

use super::plan::{Phrase, Plan};
use super::SearchFilter;
use crate::server::search::{Query, Term};
use crate::server::store::db::{query, query_as, QueryBuilder};
use crate::server::store::rank::{QueryData, WEIGHTS};
use crate::server::store::{Result, Store};
use std::collections::HashMap;
use std::fmt::Write;

mod scan;
pub(in crate::server::store) use scan::Scan;

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
    /// The row's tsvector as PostgreSQL sends it (`tsvectorsend`), when ranking: read here,
    /// it costs the database a quarter of what picking the query's words out of it there did.
    doc: Vec<u8>,
}

/// The newest matches a search ranks, best first.
#[derive(Debug, PartialEq)]
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
        let (indexed, _) = self.search_totals().await?;
        let narrowed = filter.category.is_some() || filter.lang.is_some();
        let scan = scan::scan_for(&plan.terms, indexed, window, narrowed);
        self.postgres_ranked_by(scan, plan, filter, now, window, by_relevance)
            .await
    }

    /// [`Store::postgres_ranked`] with the scan given.
    pub(in crate::server::store) async fn postgres_ranked_by(
        &self,
        scan: Scan,
        plan: &Plan,
        filter: &SearchFilter,
        now: i64,
        window: u32,
        by_relevance: bool,
    ) -> Result<Ranked> {
        let mut q = QueryBuilder::new("WITH ");
        match scan {
            // The index's matches first, on their own (so that the planner cannot walk instead).
            Scan::Index => q
                .push("m AS MATERIALIZED (SELECT article_id FROM article_search WHERE doc @@ CAST(")
                .push_bind(plan.tsquery.as_str())
                .push(
                    " AS tsquery)), w AS MATERIALIZED (SELECT a.id, a.published_at, \
                     a.search_length FROM m JOIN articles a ON a.id = m.article_id WHERE ",
                ),
            Scan::NewestFirst => q
                .push(
                    "w AS MATERIALIZED (SELECT a.id, a.published_at, a.search_length \
                     FROM article_search s JOIN articles a ON a.id = s.article_id \
                     WHERE s.doc @@ CAST(",
                )
                .push_bind(plan.tsquery.as_str())
                .push(" AS tsquery) AND "),
        };
        q.push("a.published_at <= ").push_bind(now);
        filter.push_narrowing(&mut q);
        q.push(" ORDER BY a.id DESC LIMIT ")
            .push_bind(i64::from(window) + 1)
            .push(") SELECT w.id, w.published_at, w.search_length, ");
        q.push(if by_relevance {
            "tsvectorsend(s.doc)"
        } else {
            "CAST('' AS BYTEA)"
        });
        // Newest first: the last row is the oldest, the one past the window.
        q.push(" AS doc FROM w JOIN article_search s ON s.article_id = w.id ORDER BY w.id DESC");
        let mut tx = self.pool.begin().await?;
        query(scan.settings()).execute(&mut tx).await?;
        let mut rows: Vec<Candidate> = q.build_query_as().fetch_all(&mut tx).await?;
        tx.commit().await?;
        let matched = rows.len() as i64;
        if matched > i64::from(window) {
            // The one past the window is the oldest: it only tells that there are more.
            rows.pop();
        }
        let mut scored: Vec<(f64, Candidate)> = if by_relevance {
            let (indexed, tokens) = self.search_totals().await?;
            let data = QueryData::new(plan.phrases.len(), &plan.docs, indexed, tokens);
            let mut unread = 0;
            let scored = rows
                .into_iter()
                .map(|c| {
                    let s = score(&data, &plan.phrases, &c).unwrap_or_else(|| {
                        unread += 1;
                        0.0
                    });
                    (s, c)
                })
                .collect();
            if unread > 0 {
                tracing::warn!(
                    unread,
                    "search: tsvectors not in their binary form, ranked 0"
                );
            }
            scored
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

/// A row's BM25 (higher is better), as `timelines_rank` scores it on SQLite; None if its
/// tsvector cannot be read.
fn score(data: &QueryData, phrases: &[Phrase], row: &Candidate) -> Option<f64> {
    let wanted = |word: &str| {
        phrases.iter().any(|p| {
            if p.prefix {
                word.starts_with(p.words[0].as_str())
            } else {
                p.words.iter().any(|w| w == word)
            }
        })
    };
    let found = weighted_words(&row.doc, wanted)?;
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
    Some(data.bm25(
        &freq,
        row.search_length.clamp(0, i64::from(i32::MAX)) as i32,
    ))
}

/// The words of a tsvector in PostgreSQL's binary form that `wanted` keeps, each with what its
/// positions weigh (`label_weight`); None if the bytes are not that form. The form
/// (`tsvectorsend`, as binary COPY writes it): the number of words (4 bytes, big-endian), then
/// each word NUL-terminated, its number of positions (2 bytes) and the positions (2 bytes each,
/// the weight label in the top two bits: 3 A, 2 B, 1 C, 0 D).
fn weighted_words(doc: &[u8], wanted: impl Fn(&str) -> bool) -> Option<Vec<(&str, f64)>> {
    if doc.is_empty() {
        return Some(Vec::new());
    }
    let count = u32::from_be_bytes(doc.get(..4)?.try_into().ok()?);
    let mut rest = &doc[4..];
    let mut out = Vec::new();
    for _ in 0..count {
        let end = rest.iter().position(|&b| b == 0)?;
        let word = std::str::from_utf8(&rest[..end]).ok()?;
        let npos = usize::from(u16::from_be_bytes(
            rest.get(end + 1..end + 3)?.try_into().ok()?,
        ));
        let positions = rest.get(end + 3..end + 3 + 2 * npos)?;
        rest = &rest[end + 3 + 2 * npos..];
        if wanted(word) {
            let weight = positions
                .chunks_exact(2)
                .map(|p| label_weight(['D', 'C', 'B', 'A'][usize::from(p[0] >> 6)]))
                .sum();
            out.push((word, weight));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::search::parse;

    #[test]
    fn a_tsvector_s_binary_form_is_read_word_by_word() {
        // 'harbour':1A,12 'news':2B, as tsvectorsend writes it.
        let mut doc = 2u32.to_be_bytes().to_vec();
        doc.extend(b"harbour\0");
        doc.extend(2u16.to_be_bytes());
        doc.extend((1u16 | 3 << 14).to_be_bytes());
        doc.extend(12u16.to_be_bytes());
        doc.extend(b"news\0");
        doc.extend(1u16.to_be_bytes());
        doc.extend((2u16 | 2 << 14).to_be_bytes());
        let all = weighted_words(&doc, |_| true).unwrap();
        assert_eq!(
            all,
            [("harbour", WEIGHTS[0] + WEIGHTS[2]), ("news", WEIGHTS[1])]
        );
        assert_eq!(
            weighted_words(&doc, |w| w == "news").unwrap(),
            [("news", WEIGHTS[1])]
        );
        assert_eq!(weighted_words(&[], |_| true).unwrap(), []);
        // Cut short, or a count beyond the words: not a tsvector.
        assert_eq!(weighted_words(&doc[..doc.len() - 1], |_| true), None);
        let mut more = doc.clone();
        more[3] = 3;
        assert_eq!(weighted_words(&more, |_| true), None);
    }

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
