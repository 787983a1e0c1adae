//! Search: the results page's data and the JSON of `GET /api/search`.

use super::{ArticleSummary, Pagination, Sidebar};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub article: ArticleSummary,
    pub snippet: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPageData {
    pub query: String,
    /// Set when the query was cut to the maximum length.
    pub truncated: bool,
    pub hits: Vec<SearchHit>,
    /// More articles matched than `pagination.total_items` counts: the commonest words rank
    /// and count the most recent matches only.
    pub more_results: bool,
    pub pagination: Pagination,
    pub sidebar: Sidebar,
    /// The filters in force (empty: none) and the choices the filter form offers.
    pub filters: SearchFilters,
    pub categories: Vec<FilterOption>,
    pub languages: Vec<FilterOption>,
    /// Other spellings to try when nothing matched.
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub text: String,
    pub href: String,
}

/// The search filters as the URL carries them: `cat` (a category path), `lang`, `sort`
/// (`date`, or empty for relevance).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchFilters {
    pub category: String,
    pub lang: String,
    pub sort: String,
}

/// A choice in a filter (`value`) with its visible label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterOption {
    pub value: String,
    pub label: String,
}

/// `GET /api/search`: a page of search results for other clients.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchResponse {
    /// The query as searched (cleaned, and cut when `truncated`).
    pub query: String,
    pub truncated: bool,
    pub total: u32,
    /// `total` is a lower bound: a very common word matched more articles than are counted.
    pub more: bool,
    pub page: u32,
    pub total_pages: u32,
    pub results: Vec<SearchResult>,
    /// Other spellings to try when nothing matched.
    pub suggestions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchResult {
    pub title: String,
    /// Absolute URL of the article.
    pub url: String,
    /// The same, from the site's root (`/2024/04/07/slug`).
    pub path: String,
    pub category: ResultCategory,
    /// Publication time, RFC 3339.
    pub date: String,
    /// Safe HTML: the text is escaped and matched words are wrapped in `<mark>`.
    pub snippet: String,
    pub lang: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ResultCategory {
    pub name: String,
    pub path: String,
    pub url: String,
}

/// `GET /api/suggest?q=`: the search overlay's suggestions, the best few articles for what is
/// being typed (no count, snippets or filters: see `server/search/suggest.rs`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct SuggestResponse {
    /// The text the suggestions are for, as searched (cleaned).
    pub query: String,
    pub articles: Vec<SuggestedArticle>,
}

/// One suggestion: what the overlay lists for an article, and where it leads.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SuggestedArticle {
    pub title: String,
    /// From the site's root (`/2024/04/07/slug`).
    pub path: String,
    pub lang: String,
    /// The article's section, by name.
    pub section: String,
}
