//! Wire types shared by the server and the browser. Everything time-dependent (relative times,
//! formatted dates) is computed on the server and shipped here, so hydration never disagrees.

use serde::{Deserialize, Serialize};

/// A link in one of the data-driven menus (primary, more, topics, footer, social).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuItem {
    pub label: String,
    pub href: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<MenuItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Menus {
    pub primary: Vec<MenuItem>,
    /// The "More" overflow group at the end of the primary menu.
    pub more: Vec<MenuItem>,
    /// The topic bar under the primary menu.
    pub topics: Vec<MenuItem>,
    pub footer: Vec<MenuItem>,
    /// Social profiles; `label` names the network ("Facebook", "X (Twitter)", ...).
    pub social: Vec<MenuItem>,
}

/// Site-wide data every page's frame needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub name: String,
    /// Language and direction of the portal's own words (the frame around articles).
    pub lang: String,
    pub dir: String,
    pub tagline: String,
    pub public_url: String,
    /// "Saturday, 28 November 2026", computed on the server.
    pub today: String,
    pub today_iso: String,
    pub year: i32,
    pub menus: Menus,
    pub trending: Vec<ArticleSummary>,
    pub google_news_url: String,
    pub flipboard_url: String,
    pub ad_html: String,
    /// The publisher's logo (absolute URL), for structured data.
    pub logo: Image,
    /// The share image (absolute URL) for pages and articles without one of their own.
    pub default_image: Image,
}

/// A headline in the Trending Now ticker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    pub title: String,
    pub href: String,
    pub lang: String,
    pub dir: String,
    pub published: Stamp,
}

impl From<&ArticleSummary> for Headline {
    fn from(a: &ArticleSummary) -> Self {
        Headline {
            title: a.title.clone(),
            href: a.href.clone(),
            lang: a.lang.clone(),
            dir: a.dir.clone(),
            published: a.published.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub slug: String,
    pub name: String,
    /// The slug chain, e.g. `world/europe/ukraine`.
    pub path: String,
}

impl CategoryRef {
    pub fn href(&self) -> String {
        category_href(&self.path)
    }
}

pub fn category_href(path: &str) -> String {
    format!("/category/{path}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedRef {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// A point in time, formatted on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// RFC 3339 with offset, for `<time datetime>`.
    pub iso: String,
    /// "April 7, 2024".
    pub date: String,
    /// "2 weeks ago".
    pub relative: String,
}

/// What a card, a list item or a ticker entry needs of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: String,
    /// `/YYYY/MM/DD/slug`.
    pub href: String,
    pub title: String,
    pub dek: String,
    pub lang: String,
    pub dir: String,
    pub category: CategoryRef,
    pub author: NamedRef,
    pub published: Stamp,
    pub image: Option<Image>,
    pub reading_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crumb {
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareLink {
    /// Stable key for the icon: facebook, x, pinterest, linkedin, telegram, email, whatsapp.
    pub network: String,
    /// Accessible name, e.g. "Share on Facebook".
    pub label: String,
    /// Short visible text, e.g. "Facebook".
    pub text: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub summary: ArticleSummary,
    pub body_html: String,
    pub tags: Vec<NamedRef>,
    pub updated: Option<Stamp>,
    pub comment_count: u32,
    pub canonical_url: String,
    pub breadcrumbs: Vec<Crumb>,
    pub share: Vec<ShareLink>,
    /// RFC 3339 with offset: the last update, or the publication time if never updated.
    pub modified_iso: String,
    /// Every language version of this story, this one included; empty when there is only one.
    pub translations: Vec<Translation>,
}

/// One language version of an article, for `hreflang` alternates and the "Read in" link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    pub lang: String,
    /// `/YYYY/MM/DD/slug`.
    pub href: String,
    pub title: String,
}

/// Rails shown beside most pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Sidebar {
    pub editors_picks: Vec<ArticleSummary>,
    pub latest: Vec<ArticleSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticlePageData {
    pub article: Article,
    pub related: Vec<ArticleSummary>,
    pub sidebar: Sidebar,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryBlock {
    pub category: CategoryRef,
    pub articles: Vec<ArticleSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePageData {
    pub lead: Option<ArticleSummary>,
    pub secondary: Vec<ArticleSummary>,
    pub blocks: Vec<CategoryBlock>,
    pub trending: Vec<ArticleSummary>,
    pub sidebar: Sidebar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArchiveKind {
    Category,
    Tag,
    Author,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    pub page: u32,
    pub total_pages: u32,
    pub total_items: u32,
    /// The archive's own path; page N lives at `{base}?page=N` (page 1 at `base`).
    pub base: String,
}

impl Pagination {
    /// The URL of page `n`, with page 1 canonical at the bare path.
    pub fn href(&self, n: u32) -> String {
        page_href(&self.base, n)
    }
}

/// Adds `page=N` to a path that may already carry a query string; page 1 is the bare path.
pub fn page_href(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else if base.contains('?') {
        format!("{base}&page={n}")
    } else {
        format!("{base}?page={n}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivePageData {
    pub kind: ArchiveKind,
    pub title: String,
    pub description: String,
    pub breadcrumbs: Vec<Crumb>,
    /// Sub-categories, for category archives.
    pub children: Vec<CategoryRef>,
    pub articles: Vec<ArticleSummary>,
    pub pagination: Pagination,
    pub sidebar: Sidebar,
}

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaticPageData {
    pub slug: String,
    pub title: String,
    pub body_html: String,
    pub updated: Stamp,
    pub breadcrumbs: Vec<Crumb>,
}

/// Outcome of a newsletter sign-up: the address taken, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubscribeOutcome {
    Subscribed,
    AlreadySubscribed,
    /// Not the shape of an email address.
    Invalid,
    /// Longer than RFC 5321 allows.
    TooLong,
    /// Zero-width, text-direction or control characters.
    Invisible,
    /// Bytes that were not text (UTF-8).
    Garbled,
    /// Letters that only look like the ordinary ones.
    LookAlike,
    /// Too many sign-ups from one client address (the form's page; `/api/subscribe` answers
    /// 429 with `AppError::TooManyRequests`).
    TooMany,
}

impl SubscribeOutcome {
    pub fn message(self) -> &'static str {
        match self {
            Self::Subscribed => "Thanks! You're subscribed to our newsletter. Look out for it in your inbox tomorrow morning.",
            Self::AlreadySubscribed => {
                "You're already subscribed with that address. Nothing more to do."
            }
            Self::Invalid => {
                "That doesn't look like an email address. Please check it and try again."
            }
            Self::TooLong => {
                "That address is too long: an email address has at most 64 characters before the @ and 254 in all. Please check it and try again."
            }
            Self::Invisible => {
                "That address contains invisible characters (such as a zero-width space or a text-direction mark), often picked up when copying and pasting. Please type it in again."
            }
            Self::Garbled => {
                "Part of that address didn't arrive as readable text. Please type it in again."
            }
            Self::LookAlike => {
                "That address contains characters that only look like ordinary ones (such as a Cyrillic \u{201C}\u{0430}\u{201D} among Latin letters, or a curly apostrophe). Please type it in again with ordinary characters."
            }
            Self::TooMany => {
                "Too many sign-ups have come from your network in the last minute. Please wait a minute and try again."
            }
        }
    }

    /// Stable token used in the `?result=` query after a form post without JavaScript.
    pub fn token(self) -> &'static str {
        match self {
            Self::Subscribed => "subscribed",
            Self::AlreadySubscribed => "already",
            Self::Invalid => "invalid",
            Self::TooLong => "too-long",
            Self::Invisible => "invisible",
            Self::Garbled => "garbled",
            Self::LookAlike => "look-alike",
            Self::TooMany => "too-many",
        }
    }

    pub fn from_token(token: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.token() == token)
    }

    pub const ALL: [Self; 8] = [
        Self::Subscribed,
        Self::AlreadySubscribed,
        Self::Invalid,
        Self::TooLong,
        Self::Invisible,
        Self::Garbled,
        Self::LookAlike,
        Self::TooMany,
    ];

    pub fn is_error(self) -> bool {
        !matches!(self, Self::Subscribed | Self::AlreadySubscribed)
    }
}

/// Text direction of a language: right-to-left for the RTL scripts we publish in.
pub fn direction_of(lang: &str) -> &'static str {
    match lang.split('-').next().unwrap_or_default() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" => "rtl",
        _ => "ltr",
    }
}

/// The cookie that remembers a reader's chosen colour theme.
pub const THEME_COOKIE: &str = "timelines_theme";

/// The theme named in a `Cookie` header or `document.cookie` string, if any.
pub fn theme_from_cookies(cookies: &str) -> Option<&'static str> {
    cookies.split(';').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        if k.trim() != THEME_COOKIE {
            return None;
        }
        match v.trim() {
            "dark" => Some("dark"),
            "light" => Some("light"),
            _ => None,
        }
    })
}

/// A language's name in that language, for "Read in …" links.
pub fn language_name(lang: &str) -> &str {
    match lang.split('-').next().unwrap_or_default() {
        "en" => "English",
        "ar" => "العربية",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "uk" => "Українська",
        "ru" => "Русский",
        _ => lang,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_cookie_is_read_strictly() {
        assert_eq!(
            theme_from_cookies("a=b; timelines_theme=dark"),
            Some("dark")
        );
        assert_eq!(theme_from_cookies("timelines_theme=light"), Some("light"));
        assert_eq!(theme_from_cookies("timelines_theme=<script>"), None);
        assert_eq!(theme_from_cookies(""), None);
    }

    #[test]
    fn arabic_is_right_to_left() {
        assert_eq!(direction_of("ar"), "rtl");
        assert_eq!(direction_of("ar-EG"), "rtl");
        assert_eq!(direction_of("en"), "ltr");
    }

    #[test]
    fn languages_are_named_in_themselves() {
        assert_eq!(language_name("ar"), "العربية");
        assert_eq!(language_name("en-GB"), "English");
        assert_eq!(language_name("xx"), "xx");
    }

    #[test]
    fn page_href_keeps_page_one_bare() {
        assert_eq!(page_href("/category/world", 1), "/category/world");
        assert_eq!(page_href("/category/world", 3), "/category/world?page=3");
        assert_eq!(page_href("/search?q=a", 2), "/search?q=a&page=2");
    }

    #[test]
    fn subscribe_tokens_round_trip() {
        for o in SubscribeOutcome::ALL {
            assert_eq!(SubscribeOutcome::from_token(o.token()), Some(o));
        }
        assert_eq!(SubscribeOutcome::from_token("bogus"), None);
    }

    #[test]
    fn every_refusal_is_an_error_with_its_own_message() {
        let refusals: Vec<_> = SubscribeOutcome::ALL
            .into_iter()
            .filter(|o| o.is_error())
            .collect();
        assert_eq!(refusals.len(), 6);
        let messages: std::collections::HashSet<_> =
            SubscribeOutcome::ALL.iter().map(|o| o.message()).collect();
        assert_eq!(messages.len(), SubscribeOutcome::ALL.len());
        assert!(!SubscribeOutcome::Subscribed.is_error());
        assert!(!SubscribeOutcome::AlreadySubscribed.is_error());
    }
}
