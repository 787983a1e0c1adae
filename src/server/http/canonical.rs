//! One spelling for each URL. A request spelled otherwise is redirected (308, which keeps the
//! method and body) to the canonical spelling, so crawlers and caches see one page where they
//! could see many:
//! - percent-encoding: an unreserved character is written as itself (`/category/%77orld` →
//!   `/category/world`), any other encoded byte with upper-case hex digits (`%c3%a9` →
//!   `%C3%A9`); `%2F` is a `/`, since the router and the file server read it as one; a byte a
//!   path cannot hold as it is (non-ASCII, `\`, `"`, a `%` that encodes nothing) is encoded;
//! - empty segments are dropped (`/category/world//feed` → `/category/world/feed`);
//! - dot segments are resolved as a browser resolves them (RFC 3986, 5.2.4), which is also how
//!   Leptos's router reads the path: `/category/..` is `/`, `/category/world/./europe` is
//!   `/category/world/europe`;
//! - on archive pages (category, tag, author, search), page 1 has no `page` parameter (`page=1`
//!   and `page=` are dropped) and `page` appears once (the last, the one the page reads).
//!
//! - a trailing slash is dropped (`/category/world/` → `/category/world`);
//! - WordPress's search URL `/?s=terms` is `/search?q=terms`.
//!
//! A `page` that is not written as the pager writes it (`+1`, `01`) is not guessed at: the page
//! answers 400 (`read::parse_page`). The target always begins with one `/` followed by
//! something other than `/` or `\`, and holds visible ASCII only, so no redirect leaves the
//! site whatever bytes the request held (issue 11: `/\evil.example/` once redirected to
//! `/\evil.example`, which WHATWG URL parsers resolve off-site).

use axum::extract::Request;
use axum::http::header::{self, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::{percent_encode, AsciiSet, CONTROLS};
use std::fmt::Write;

/// A query is kept as it was written, but for the bytes a header value cannot hold.
const QUERY_AS_IS: &AsciiSet = &CONTROLS.add(b' ');

/// Middleware: redirects a request whose URL is not spelled canonically.
pub async fn redirect(req: Request, next: Next) -> Response {
    match canonical_target(req.uri()) {
        Some(to) => (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response(),
        None => next.run(req).await,
    }
}

/// Where a request for `uri` is redirected, if it is not spelled canonically.
fn canonical_target(uri: &Uri) -> Option<HeaderValue> {
    let path = uri.path();
    // `*` (OPTIONS) and the authority form (CONNECT) have no path to spell.
    if !path.starts_with('/') {
        return None;
    }
    if path == "/" {
        if let Some(terms) = uri.query().and_then(wordpress_search) {
            let to = format!(
                "/search?q={}",
                percent_encode(terms.as_bytes(), QUERY_AS_IS)
            );
            return HeaderValue::from_str(&to).ok();
        }
    }
    let canonical = canonical_path(path);
    let query = uri.query().map(|q| {
        if crate::urls::is_paged(&canonical) {
            canonical_page_query(q)
        } else {
            q.to_string()
        }
    });
    if canonical == path && query.as_deref() == uri.query() {
        return None;
    }
    let mut target = canonical;
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        target.push('?');
        // A header value holds visible ASCII only.
        target.extend(percent_encode(q.as_bytes(), QUERY_AS_IS));
    }
    HeaderValue::from_str(&target).ok()
}

/// The canonical spelling of a request path (which begins with `/`).
pub fn canonical_path(path: &str) -> String {
    let path = without_dot_and_empty_segments(&respelled(path.as_bytes()));
    match path.trim_end_matches('/') {
        "" => "/".to_string(),
        trimmed => trimmed.to_string(),
    }
}

/// The terms of WordPress's search URL (`/?s=terms`), as written.
fn wordpress_search(query: &str) -> Option<&str> {
    query.split('&').find_map(|kv| kv.strip_prefix("s="))
}

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// What a path segment may hold as it is (RFC 3986 `pchar` without `%`).
fn is_path_char(b: u8) -> bool {
    is_unreserved(b)
        || matches!(
            b,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
        )
}

/// The path with each byte written once and one way: unreserved characters and `/` as
/// themselves, every other byte percent-encoded with upper-case hex digits.
fn respelled(raw: &[u8]) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let mut byte = raw[i];
        let mut encoded = false;
        if byte == b'%' {
            if let (Some(hi), Some(lo)) = (
                raw.get(i + 1).copied().and_then(hex),
                raw.get(i + 2).copied().and_then(hex),
            ) {
                byte = hi << 4 | lo;
                encoded = true;
                i += 2;
            }
        }
        let plain = if encoded {
            is_unreserved(byte) || byte == b'/'
        } else {
            is_path_char(byte) || byte == b'/'
        };
        if plain {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
        i += 1;
    }
    out
}

/// The path with `.` and `..` segments resolved and empty segments dropped; a trailing slash
/// (an empty last segment, or a last segment that is `.` or `..`) is kept.
fn without_dot_and_empty_segments(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut trailing_slash = false;
    for segment in path.split('/').skip(1) {
        trailing_slash = true;
        match segment {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            s => {
                kept.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut out = format!("/{}", kept.join("/"));
    if trailing_slash && !kept.is_empty() {
        out.push('/');
    }
    out
}

/// The query with one `page` parameter at most (the last, which the page reads), and none for
/// page 1 (`page=1`, `page=`). Other parameters are kept as they were written, in order.
fn canonical_page_query(query: &str) -> String {
    let is_page = |pair: &str| {
        form_urlencoded::parse(pair.as_bytes())
            .next()
            .is_some_and(|(k, _)| k == "page")
    };
    let pairs: Vec<&str> = query.split('&').collect();
    let last_page = pairs.iter().rposition(|pair| is_page(pair));
    pairs
        .into_iter()
        .enumerate()
        .filter(|&(i, pair)| {
            if !is_page(pair) {
                return true;
            }
            let value = form_urlencoded::parse(pair.as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            Some(i) == last_page && !value.is_empty() && value != "1"
        })
        .map(|(_, pair)| pair)
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(uri: &str) -> Option<String> {
        canonical_target(&uri.parse().unwrap()).map(|v| v.to_str().unwrap().to_string())
    }

    #[test]
    fn canonical_urls_are_left_alone() {
        for uri in [
            "/",
            "/category/world/europe",
            "/category/world?page=2",
            "/tag/caf%C3%A9",
            "/search?q=oil+price&cat=world",
            "/search?q=%C3%A9t%C3%A9&page=3",
            "/2024/04/07/lavrov-to-visit-china-april-8-9",
            "/pkg/timelines.abc123.wasm",
            "/api/page?slug=terms",
            "/feed?page=1",
            "/category/world/feed?page=1",
            "/a:b@c!$&'()*+,;=",
        ] {
            assert_eq!(target(uri), None, "{uri}");
        }
    }

    #[test]
    fn encoded_unreserved_characters_are_written_as_themselves() {
        assert_eq!(target("/category/%77orld").unwrap(), "/category/world");
        assert_eq!(target("/tag/%69srael%2Dwar").unwrap(), "/tag/israel-war");
        assert_eq!(target("/tag/caf%c3%a9").unwrap(), "/tag/caf%C3%A9");
        assert_eq!(
            target("/category/world%2Feurope?page=2").unwrap(),
            "/category/world/europe?page=2"
        );
    }

    #[test]
    fn bytes_a_path_cannot_hold_are_encoded() {
        assert_eq!(target("/tag/café").unwrap(), "/tag/caf%C3%A9");
        assert_eq!(target("/a\\b").unwrap(), "/a%5Cb");
        assert_eq!(target("/a%zz").unwrap(), "/a%25zz");
        assert_eq!(target("/a\"b").unwrap(), "/a%22b");
    }

    #[test]
    fn empty_and_dot_segments_are_resolved() {
        assert_eq!(
            target("/category/world//feed").unwrap(),
            "/category/world/feed"
        );
        assert_eq!(target("/category//world").unwrap(), "/category/world");
        assert_eq!(target("/category/..").unwrap(), "/");
        assert_eq!(target("/..").unwrap(), "/");
        assert_eq!(
            target("/category/world/./europe").unwrap(),
            "/category/world/europe"
        );
        assert_eq!(target("/category/world/%2e%2E").unwrap(), "/category");
        assert_eq!(target("/pkg/../../etc/passwd").unwrap(), "/etc/passwd");
        assert_eq!(target("/category/..?page=2").unwrap(), "/?page=2");
    }

    #[test]
    fn redirects_never_leave_the_site() {
        for uri in [
            "//evil.example/x",
            "///evil.example",
            "/\\evil.example//x",
            "/%2F%2Fevil.example/.",
            "/%5C%5Cevil.example//",
            "/..//evil.example",
            "/.//evil.example",
        ] {
            let to = target(uri).unwrap();
            let after_slash = to.as_bytes().get(1).copied();
            assert!(
                to.starts_with('/') && after_slash != Some(b'/') && after_slash != Some(b'\\'),
                "{uri} -> {to}"
            );
            assert!(to.is_ascii(), "{uri} -> {to}");
        }
    }

    #[test]
    fn archives_drop_page_one_and_keep_one_page_parameter() {
        assert_eq!(target("/category/world?page=1").unwrap(), "/category/world");
        assert_eq!(target("/category/world?page=").unwrap(), "/category/world");
        assert_eq!(target("/tag/oil?page=%31").unwrap(), "/tag/oil");
        assert_eq!(
            target("/search?q=oil&page=1&sort=date").unwrap(),
            "/search?q=oil&sort=date"
        );
        assert_eq!(
            target("/author/anna?page=2&page=3").unwrap(),
            "/author/anna?page=3"
        );
        assert_eq!(
            target("/author/anna?page=3&page=1").unwrap(),
            "/author/anna"
        );
        // Other spellings of a number are the page's to refuse (400), not guessed at here.
        assert_eq!(target("/category/world?page=+1"), None);
        assert_eq!(target("/category/world?page=01"), None);
    }

    #[test]
    fn trailing_slashes_go_and_wordpress_search_urls_go_to_search() {
        assert_eq!(target("/category/world/").unwrap(), "/category/world");
        assert_eq!(
            target("/category/world/?page=2").unwrap(),
            "/category/world?page=2"
        );
        assert_eq!(target("///").unwrap(), "/");
        assert_eq!(
            target("/?s=lavrov+china").unwrap(),
            "/search?q=lavrov+china"
        );
        assert_eq!(target("/?utm=x"), None);
        assert_eq!(target("/\\evil.example/").unwrap(), "/%5Cevil.example");
        assert_eq!(target("//\\/evil.example/").unwrap(), "/%5C/evil.example");
    }

    #[test]
    fn paths_without_a_leading_slash_are_not_spelled() {
        assert_eq!(canonical_target(&"*".parse().unwrap()), None);
        assert_eq!(canonical_target(&"example.com:443".parse().unwrap()), None);
    }
}
