//! Search: what a reader typed becomes a safe FTS5 expression ([`query`]), results get snippets
//! ([`snippet`]), a query that matched nothing gets spelling rewrites ([`spelling`]), and the
//! search overlay gets its light suggestions ([`suggest`]). The reader's text is never handed to
//! FTS5 as query syntax. The SQL is in `store/search.rs`; the results page's data in
//! `read/search.rs`; the JSON endpoints for other clients and the overlay in [`api`].
//!
//! Indexed text and queries go through the same [`normalize`], so a reader who types without
//! tashkeel, with a different alef or without accents still finds the article.

pub mod api;
mod normalize;
mod query;
mod snippet;
pub mod spelling;
pub mod suggest;

pub use normalize::{clean_query, normalize, MAX_QUERY_CHARS};
pub use query::{index_words, parse, query_words, Query, Term};
pub use snippet::{cut_snippet, snippet_html, SNIPPET_WORDS};
pub use spelling::{closest_terms, edit_distance};
