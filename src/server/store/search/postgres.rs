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

use super::plan::{Phrase, Plan, TermDocs};
use super::SearchFilter;
use crate::server::search::{Query, Term};
use crate::server::store::db::{query, query_as, QueryBuilder};
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

/// How PostgreSQL finds a search's newest matches. Its planner cannot tell how many articles
/// hold a phrase (it guesses from the words' commonness, wrong by a hundred times for two
/// common words that rarely stand in a row) and then walked all 100,000 articles for a
/// phrase with 117 matches (0.9 s); the store knows each word's article count
/// (`search_terms`) and picks the scan itself.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(in crate::server::store) enum Scan {
    /// Walk the articles newest first, testing each, until the window is full: for words most
    /// articles hold, where a window of matches is found within a few thousand rows.
    NewestFirst,
    /// Ask the GIN index for every article holding all the words, test those, keep the newest.
    Index,
}

impl Scan {
    /// The planner's settings for the statement's transaction: never a sequential scan (it
    /// tests every row); for the walk, no bitmap scan either (it gathers every match).
    fn settings(self) -> &'static str {
        match self {
            Scan::NewestFirst => {
                "SELECT set_config('enable_seqscan', 'off', true), \
                 set_config('enable_bitmapscan', 'off', true)"
            }
            Scan::Index => "SELECT set_config('enable_seqscan', 'off', true)",
        }
    }
}

/// The share of the articles holding all of a phrase's words that hold them in a row (a guess:
/// from 0.6% to 11% in the generated archive of `make bench`, whose words are all common).
const PHRASE_SHARE: f64 = 0.1;
/// The share of matches a category or language filter lets through (a guess, for the walk).
const NARROWED_SHARE: f64 = 0.2;
/// What a row costs, walked (fetched by the primary key and tested), fetched from the GIN
/// index's matches, and fetched and tested for a phrase (measured at 100,000 articles with the
/// tsvector in the row, in µs).
const WALK_ROW_COST: f64 = 2.5;
const FETCH_ROW_COST: f64 = 4.0;
const PHRASE_TEST_COST: f64 = 6.0;

/// The cheaper scan for a query whose terms are held by `terms` of the `indexed` articles.
fn scan_for(terms: &[TermDocs], indexed: i64, window: u32, narrowed: bool) -> Scan {
    let total = indexed.max(1) as f64;
    // The share of the articles the index hands over (holding every word; words taken as
    // independent), and the share that matches.
    let holding: f64 = terms
        .iter()
        .flat_map(|t| &t.docs)
        .map(|&docs| (docs.max(0) as f64 / total).min(1.0))
        .product();
    let phrases = terms.iter().filter(|t| t.docs.len() > 1).count();
    let mut matching = holding * PHRASE_SHARE.powi(phrases as i32);
    if narrowed {
        matching *= NARROWED_SHARE;
    }
    let walked = ((f64::from(window) + 1.0) / matching.max(f64::MIN_POSITIVE)).min(total);
    let fetched = holding * total;
    let test = if phrases > 0 {
        PHRASE_TEST_COST
    } else {
        FETCH_ROW_COST
    };
    if walked * WALK_ROW_COST < fetched * test {
        Scan::NewestFirst
    } else {
        Scan::Index
    }
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
        let scan = scan_for(&plan.terms, indexed, window, narrowed);
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
    let wanted = |word: &str| {
        phrases.iter().any(|p| {
            if p.prefix {
                word.starts_with(p.words[0].as_str())
            } else {
                p.words.iter().any(|w| w == word)
            }
        })
    };
    let found = weighed_words(&row.doc, wanted).unwrap_or_else(|| {
        tracing::warn!(
            article = row.id,
            "search: a tsvector not in its binary form, ranked 0"
        );
        Vec::new()
    });
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

/// The words of a tsvector in PostgreSQL's binary form that `wanted` keeps, each with what its
/// positions weigh (`label_weight`); None if the bytes are not that form. The form
/// (`tsvectorsend`, as binary COPY writes it): the number of words (4 bytes, big-endian), then
/// each word NUL-terminated, its number of positions (2 bytes) and the positions (2 bytes each,
/// the weight label in the top two bits: 3 A, 2 B, 1 C, 0 D).
fn weighed_words(doc: &[u8], wanted: impl Fn(&str) -> bool) -> Option<Vec<(&str, f64)>> {
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
        let all = weighed_words(&doc, |_| true).unwrap();
        assert_eq!(
            all,
            [("harbour", WEIGHTS[0] + WEIGHTS[2]), ("news", WEIGHTS[1])]
        );
        assert_eq!(
            weighed_words(&doc, |w| w == "news").unwrap(),
            [("news", WEIGHTS[1])]
        );
        assert_eq!(weighed_words(&[], |_| true).unwrap(), []);
        // Cut short, or a count beyond the words: not a tsvector.
        assert_eq!(weighed_words(&doc[..doc.len() - 1], |_| true), None);
        let mut more = doc.clone();
        more[3] = 3;
        assert_eq!(weighed_words(&more, |_| true), None);
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
    fn common_words_are_walked_newest_first_and_rare_ones_and_phrases_asked_of_the_index() {
        let word = |docs| TermDocs { docs: vec![docs] };
        let phrase = |a, b| TermDocs { docs: vec![a, b] };
        let scan = |terms: &[TermDocs], narrowed| scan_for(terms, 100_000, 1_000, narrowed);
        // In two thirds of the articles: a window's worth within the newest 1,500.
        assert_eq!(scan(&[word(66_000)], false), Scan::NewestFirst);
        assert_eq!(scan(&[word(66_000)], true), Scan::NewestFirst);
        assert_eq!(scan(&[word(36_000)], false), Scan::NewestFirst);
        assert_eq!(
            scan(&[word(36_000), word(36_000)], false),
            Scan::NewestFirst
        );
        // In 32 articles: the walk would read all 100,000.
        assert_eq!(scan(&[word(32)], false), Scan::Index);
        assert_eq!(scan(&[word(36_000), word(32)], false), Scan::Index);
        // Two words in a third of the articles each, in a row: rare together, so the index's
        // 13,000 holding both are tested ("trade talks": 117 matches, 0.16 s against 0.31 s).
        assert_eq!(scan(&[phrase(36_000, 36_000)], false), Scan::Index);
        // With a word in two thirds of them: a window within 40,000 ("the market": 2,734
        // matches, 0.12 s walked against 0.30 s).
        assert_eq!(scan(&[phrase(66_000, 36_000)], false), Scan::NewestFirst);
        // A word no article holds.
        assert_eq!(scan(&[word(0)], false), Scan::Index);
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
