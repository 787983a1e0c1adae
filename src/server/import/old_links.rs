//! The old site's addresses as the redirect table keys them: the path of a permalink (decoded,
//! without the trailing slash WordPress adds), or `/?p=ID` and `/?page_id=ID` for the query
//! forms. Requests are keyed the same way when they are looked up.

use super::wxr::decoded;

/// The key of an old permalink `link` of the site at `base` (its `wp:base_site_url`); none for
/// a link to another site, or for the site's front page.
pub fn link_key(link: &str, base: &str) -> Option<String> {
    let link = link.trim();
    let strip_scheme = |u: &str| {
        u.trim_start_matches("https://")
            .trim_start_matches("http://")
            .to_string()
    };
    let (link, base) = (
        strip_scheme(link),
        strip_scheme(base.trim().trim_end_matches('/')),
    );
    let rest = link.strip_prefix(&base)?;
    if !(rest.is_empty() || rest.starts_with('/') || rest.starts_with('?')) {
        return None;
    }
    request_key(rest, "")
}

/// The key of a request for `path` with `query` (as the server receives them); none for the
/// front page.
pub fn request_key(path: &str, query: &str) -> Option<String> {
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, q),
        None => (path, query),
    };
    let path = decoded(path);
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        // WordPress's query forms on the front page: /?p=41, /?page_id=60.
        return query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, v)| {
                matches!(*k, "p" | "page_id")
                    && v.bytes().all(|b| b.is_ascii_digit())
                    && !v.is_empty()
            })
            .map(|(k, v)| format!("/?{k}={v}"));
    }
    Some(if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    })
}

/// The key of a file of the old site's uploads (`2026/04/ferry-300x200.jpg`, the part after
/// `/wp-content/uploads/`): decoded, with WordPress's size suffixes (`-300x200`, `-scaled`)
/// taken off, so every size of a picture leads to the same one.
pub fn upload_key(rel: &str) -> String {
    let rel = decoded(rel.split(['?', '#']).next().unwrap_or_default());
    let rel = rel.trim_start_matches('/');
    let (stem, ending) = match rel.rsplit_once('.') {
        Some((stem, ending)) if !ending.contains('/') => (stem, Some(ending)),
        _ => (rel, None),
    };
    let stem = stem.strip_suffix("-scaled").unwrap_or(stem);
    let stem = match stem.rsplit_once('-') {
        Some((base, size)) if is_size(size) => base,
        _ => stem,
    };
    let stem = stem.strip_suffix("-scaled").unwrap_or(stem);
    match ending {
        Some(e) => format!("{stem}.{}", e.to_ascii_lowercase()),
        None => stem.to_string(),
    }
}

/// `300x200`.
fn is_size(s: &str) -> bool {
    s.split_once('x').is_some_and(|(w, h)| {
        !w.is_empty()
            && !h.is_empty()
            && w.bytes().all(|b| b.is_ascii_digit())
            && h.bytes().all(|b| b.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_of_an_upload_has_one_key() {
        for rel in [
            "2026/04/ferry.jpg",
            "2026/04/ferry-300x200.jpg",
            "2026/04/ferry-scaled.JPG",
            "2026/04/ferry-1024x683.jpg?ver=2",
            "/2026/04/ferry-scaled-1024x683.jpg",
        ] {
            assert_eq!(upload_key(rel), "2026/04/ferry.jpg", "{rel}");
        }
        assert_eq!(upload_key("2026/04/caf%C3%A9-2.png"), "2026/04/café-2.png");
        assert_eq!(upload_key("2026/04/x-ray.jpg"), "2026/04/x-ray.jpg");
    }

    const BASE: &str = "https://old.west.example";

    #[test]
    fn permalinks_are_keyed_by_their_decoded_path() {
        for (link, key) in [
            (
                "https://old.west.example/europe/ferries-return/",
                Some("/europe/ferries-return"),
            ),
            (
                "http://old.west.example/2010/05/09/slug/",
                Some("/2010/05/09/slug"),
            ),
            (
                "https://old.west.example/%d8%b4%d8%a4%d9%88%d9%86/x/",
                Some("/شؤون/x"),
            ),
            ("https://old.west.example/?p=45", Some("/?p=45")),
            ("https://old.west.example/?page_id=60", Some("/?page_id=60")),
            ("https://old.west.example/", None),
            ("https://old.west.example/?s=ferries", None),
            ("https://elsewhere.example/europe/x/", None),
            ("https://old.west.example.evil/europe/x/", None),
        ] {
            assert_eq!(link_key(link, BASE).as_deref(), key, "{link}");
        }
    }

    #[test]
    fn requests_are_keyed_the_same_way() {
        assert_eq!(
            request_key("/europe/ferries-return/", "").as_deref(),
            Some("/europe/ferries-return")
        );
        assert_eq!(
            request_key("/%D8%B4%D8%A4%D9%88%D9%86/x", "").as_deref(),
            Some("/شؤون/x")
        );
        assert_eq!(
            request_key("/", "p=45&utm_source=x").as_deref(),
            Some("/?p=45")
        );
        assert_eq!(request_key("/", "p=abc").as_deref(), None);
        assert_eq!(request_key("/", "").as_deref(), None);
    }
}
