//! Which way PostgreSQL finds a search's newest matches, picked by the store from each word's
//! article count (the planner's own guess is wrong for phrases).

use crate::server::store::search::plan::TermDocs;

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
    pub(super) fn settings(self) -> &'static str {
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
pub(super) fn scan_for(terms: &[TermDocs], indexed: i64, window: u32, narrowed: bool) -> Scan {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
