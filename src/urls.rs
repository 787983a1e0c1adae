//! Every public URL of the portal is built here and nowhere else: articles, sections, tags,
//! authors, static pages, search, feeds, archive pages, and their absolute forms.
//!
//! Two forms, each encoded exactly once:
//! - a site path (`/tag/غزة`) is what the page's own links carry: an IRI, as HTML allows; the
//!   browser encodes it when it follows the link, and the server reads the encoded form;
//! - an absolute URL ([`absolute`]: canonical links, `og:url`, JSON-LD, feeds, sitemaps, share
//!   links, the JSON API) is a plain RFC 3986 URI: its path is percent-encoded here, once, with
//!   upper-case hex digits, which is also the spelling `server/http/canonical.rs` redirects to.
//!   A query string is encoded by the builder that writes it ([`search`]) and left as it is.
//!
//! Also here: which query parameters each page reads ([`params_read_by`]), which the page cache
//! keys on and the canonical redirects keep.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Bytes of a URL path left as they are; everything else (including non-ASCII) is
/// percent-encoded, so every absolute URL we publish is a plain RFC 3986 URI.
const PATH_SAFE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `/YYYY/MM/DD/slug` from the UTC publication date.
#[cfg(feature = "ssr")]
pub fn article(slug: &str, published_at: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(published_at)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let mut url = String::with_capacity(12 + slug.len());
    let _ = std::fmt::Write::write_fmt(
        &mut url,
        format_args!(
            "/{:04}/{:02}/{:02}/",
            t.year(),
            u8::from(t.month()),
            t.day()
        ),
    );
    url.push_str(slug);
    url
}

/// A section by its slug chain (`world/europe`).
pub fn category(path: &str) -> String {
    format!("/category/{path}")
}

pub fn tag(slug: &str) -> String {
    format!("/tag/{slug}")
}

pub fn author(slug: &str) -> String {
    format!("/author/{slug}")
}

/// A file of a library picture: `/media/<key>/<file>`, the file being `<width>.webp`,
/// `<width>.jpg` or `share.jpg` (`server/media.rs`). Keys and file names are ASCII.
pub fn media(key: &str, file: &str) -> String {
    format!("/media/{key}/{file}")
}

/// A picture's variant `width` pixels wide: `/media/<key>/<width>.<ext>`.
#[cfg(feature = "ssr")]
pub fn media_variant(key: &str, width: u32, ext: &str) -> String {
    let mut url = String::with_capacity(MEDIA_VARIANT_EXTRA + key.len() + ext.len());
    push_media_variant(&mut url, key, width, ext);
    url
}

/// A picture's `srcset` in one format: `/media/<key>/320.webp 320w, …` for each width.
///
/// Written into one string sized up front (no `format!` a variant): pages show a picture on
/// most cards, and the front page's 40-odd pictures had spent a seventh of its render here.
#[cfg(feature = "ssr")]
pub fn media_srcset(key: &str, widths: &[u32], ext: &str) -> String {
    // A variant's URL, then " 1600w, ".
    let each = MEDIA_VARIANT_EXTRA + key.len() + ext.len() + 8;
    let mut list = String::with_capacity(widths.len() * each);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            list.push_str(", ");
        }
        push_media_variant(&mut list, key, *w, ext);
        list.push(' ');
        list.push_str(itoa::Buffer::new().format(*w));
        list.push('w');
    }
    list
}

/// `/media/`, the `/` after the key, up to ten digits and the `.` before the extension.
#[cfg(feature = "ssr")]
const MEDIA_VARIANT_EXTRA: usize = 7 + 1 + 10 + 1;

#[cfg(feature = "ssr")]
fn push_media_variant(out: &mut String, key: &str, width: u32, ext: &str) {
    out.push_str("/media/");
    out.push_str(key);
    out.push('/');
    out.push_str(itoa::Buffer::new().format(width));
    out.push('.');
    out.push_str(ext);
}

/// A static page (Privacy Policy, Terms, Contact).
pub fn static_page(slug: &str) -> String {
    format!("/{slug}")
}

/// The RSS feed of the page at `page` (a section, tag or author path; `/` for the site).
pub fn feed_of(page: &str) -> String {
    if page == "/" {
        "/feed".to_string()
    } else {
        format!("{page}/feed")
    }
}

/// `/search?q=…` with the filters in force (values percent-encoded); the pager adds `&page=N`.
pub fn search(query: &str, filters: &crate::model::SearchFilters) -> String {
    let enc = |v: &str| utf8_percent_encode(v, NON_ALPHANUMERIC).to_string();
    let mut params = Vec::new();
    if !query.is_empty() {
        params.push(format!("q={}", enc(query)));
    }
    for (key, value) in [
        ("cat", &filters.category),
        ("lang", &filters.lang),
        ("sort", &filters.sort),
    ] {
        if !value.is_empty() && value != "relevance" {
            params.push(format!("{key}={}", enc(value)));
        }
    }
    if params.is_empty() {
        "/search".to_string()
    } else {
        format!("/search?{}", params.join("&"))
    }
}

/// Page `n` of an archive or of search results at `base` (which may carry a query string);
/// page 1 is the bare `base`.
pub fn page(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else if base.contains('?') {
        format!("{base}&page={n}")
    } else {
        format!("{base}?page={n}")
    }
}

/// `base` (the public URL, no trailing slash) joined to a site path, the path percent-encoded.
/// Every character of `path` is taken as part of the path (`?` included).
pub fn absolute(base: &str, path: &str) -> String {
    format!("{base}{}", utf8_percent_encode(path, PATH_SAFE))
}

/// `href` as an absolute URL: a site path, optionally with a query its builder encoded
/// (`/search?q=oil`), joined to `base`; an href that is already absolute is left as it is.
pub fn absolute_href(base: &str, href: &str) -> String {
    if href.starts_with("https://") || href.starts_with("http://") {
        return href.to_string();
    }
    let (path, query) = match href.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (href, None),
    };
    let path = if path.starts_with('/') {
        absolute(base, path)
    } else {
        absolute(base, &format!("/{path}"))
    };
    match query {
        Some(query) => format!("{path}?{query}"),
        None => path,
    }
}

/// Whether the page at `path` is an archive whose `?page=` the pager writes: a section, tag or
/// author (not their feeds), a month or day, or search results.
/// Query parameters that make a page one reader's own (a held comment's link, a newsletter
/// link's token): a page with any of them is never kept in the page cache.
pub fn private_params(path: &str) -> &'static [&'static str] {
    if path == "/subscribe" {
        &["confirm", "unsubscribe"]
    } else if is_article(path) {
        &["held"]
    } else {
        &[]
    }
}

/// Whether `query` holds one of `path`'s [`private_params`].
#[cfg(feature = "ssr")]
pub fn carries_private_params(path: &str, query: &str) -> bool {
    let private = private_params(path);
    !private.is_empty()
        && form_urlencoded::parse(query.as_bytes())
            .any(|(name, _)| private.contains(&name.as_ref()))
}

/// An article's address: `/YYYY/MM/DD/slug`.
pub fn is_article(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() == 5
        && parts[0].is_empty()
        && [(1, 4), (2, 2), (3, 2)]
            .iter()
            .all(|&(i, n)| parts[i].len() == n && parts[i].bytes().all(|b| b.is_ascii_digit()))
        && !parts[4].is_empty()
}

pub fn is_paged(path: &str) -> bool {
    let archive = ["/category/", "/tag/", "/author/"]
        .iter()
        .any(|prefix| path.starts_with(prefix));
    (archive && !path.ends_with("/feed")) || path == "/search" || is_date_archive(path)
}

/// A month's stories (`/2026/04`) or a day's (`/2026/04/06`), in UTC like article addresses.
pub fn date_archive(year: i32, month: u8, day: Option<u8>) -> String {
    match day {
        Some(d) => format!("/{year:04}/{month:02}/{d:02}"),
        None => format!("/{year:04}/{month:02}"),
    }
}

/// Whether `path` has a date archive's shape: `/YYYY/MM` or `/YYYY/MM/DD`.
pub fn is_date_archive(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    (lens == [4, 2] || lens == [4, 2, 2])
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// The slug of the page that carries the contact form (`/contact`; its form posts there).
pub const CONTACT_SLUG: &str = "contact";

/// The query parameters the page at `path` reads (`src/pages/`): what its HTML can depend on
/// besides the path. A page that starts reading another parameter must be named here.
pub fn params_read_by(path: &str) -> &'static [&'static str] {
    if path == "/search" {
        &["q", "page", "cat", "lang", "sort"]
    } else if is_paged(path) {
        &["page"]
    } else if path == "/subscribe" {
        &["result"]
    } else if path == "/contact" {
        // "Your message was sent" after the form's redirect.
        &["sent"]
    } else if is_article(path) {
        // The comment form answering a comment (`server::read::CommentsAsked`); `held` is read
        // too, but a page with it is never kept (`page_cache::key`).
        &["reply"]
    } else {
        &[]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SearchFilters;

    #[cfg(feature = "ssr")]
    #[test]
    fn article_urls_carry_the_utc_date() {
        // 2024-04-07T09:30:00Z
        assert_eq!(
            crate::urls::article("lavrov", 1_712_482_200),
            "/2024/04/07/lavrov"
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn picture_variants_and_srcsets_name_each_width() {
        let key = "0123456789abcdef0123";
        assert_eq!(
            media_variant(key, 1600, "jpg"),
            "/media/0123456789abcdef0123/1600.jpg"
        );
        assert_eq!(
            media_srcset(key, &[320, 4_294_967_295], "webp"),
            "/media/0123456789abcdef0123/320.webp 320w, \
             /media/0123456789abcdef0123/4294967295.webp 4294967295w"
        );
        assert_eq!(media_srcset(key, &[], "jpg"), "");
    }

    #[test]
    fn urls_are_absolute_and_percent_encoded() {
        assert_eq!(
            absolute("https://news.example", "/tag/غزة"),
            "https://news.example/tag/%D8%BA%D8%B2%D8%A9"
        );
        assert_eq!(
            absolute("https://news.example", "/2024/04/07/a-b_c.d~e"),
            "https://news.example/2024/04/07/a-b_c.d~e"
        );
        assert_eq!(
            absolute("https://news.example", "/a b?c#d"),
            "https://news.example/a%20b%3Fc%23d"
        );
    }

    #[test]
    fn urls_are_made_absolute_once() {
        let base = "https://news.example";
        assert_eq!(absolute_href(base, "/a"), "https://news.example/a");
        assert_eq!(absolute_href(base, "a"), "https://news.example/a");
        assert_eq!(
            absolute_href(base, "https://cdn.example/i.jpg"),
            "https://cdn.example/i.jpg"
        );
        // The path is encoded; a query its builder encoded is left as it is.
        let href = search("غزة", &SearchFilters::default());
        assert_eq!(
            absolute_href(base, &href),
            "https://news.example/search?q=%D8%BA%D8%B2%D8%A9"
        );
        assert_eq!(absolute_href(base, &tag("غزة")), absolute(base, "/tag/غزة"));
    }

    #[test]
    fn page_href_keeps_page_one_bare() {
        assert_eq!(page("/category/world", 1), "/category/world");
        assert_eq!(page("/category/world", 3), "/category/world?page=3");
        assert_eq!(page("/search?q=a", 2), "/search?q=a&page=2");
    }

    #[test]
    fn pages_name_the_parameters_they_read() {
        assert_eq!(
            params_read_by("/search"),
            ["q", "page", "cat", "lang", "sort"]
        );
        assert_eq!(params_read_by("/tag/oil"), ["page"]);
        assert!(params_read_by("/tag/oil/feed").is_empty());
        assert_eq!(params_read_by("/2024/04/07/a"), ["reply"]);
        assert!(is_article("/2024/04/07/a"));
        assert!(!is_article("/2024/04/07"));
        assert!(!is_article("/2024/4/07/a"));
        assert!(!is_article("/category/a/b/c"));
        assert_eq!(params_read_by("/subscribe"), ["result"]);
        assert_eq!(feed_of("/"), "/feed");
        assert_eq!(
            feed_of(&category("world/europe")),
            "/category/world/europe/feed"
        );
    }
}
