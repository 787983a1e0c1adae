//! The cache key of a request: the path and the query parameters its page reads.

use axum::extract::Request;
use axum::http::header;
use axum::http::Method;

/// Longer keys are served but not kept (hostile or accidental URLs).
const MAX_KEY_BYTES: usize = 2_048;

/// The cache key of a request, or None when its answer must not be kept: the path and the
/// parameters its page reads, decoded and written again in one spelling.
pub(super) fn key(req: &Request) -> Option<String> {
    // `/api/` answers JSON, never kept; its parameters are not in the key, so distinct calls
    // (suggestions as a reader types) would otherwise wait on each other's render. The
    // newsroom's pages belong to whoever is signed in, and a secret preview link's page to
    // whoever holds the link: never kept, never served from here.
    let path = req.uri().path();
    if req.method() != Method::GET
        || req.headers().contains_key(header::AUTHORIZATION)
        || path.starts_with("/api/")
        || path == "/newsroom"
        || path.starts_with("/newsroom/")
        || path.starts_with("/preview/")
    {
        return None;
    }
    let path = req.uri().path();
    let read = crate::urls::params_read_by(path);
    let query = req.uri().query().unwrap_or_default();
    // A link to one reader's held comment or newsletter token: theirs alone.
    let private = crate::urls::private_params(path);
    if !private.is_empty()
        && form_urlencoded::parse(query.as_bytes())
            .any(|(name, _)| private.contains(&name.as_ref()))
    {
        return None;
    }
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        if read.contains(&name.as_ref()) {
            kept.append_pair(&name, &value);
        }
    }
    let kept = kept.finish();
    let key = if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{kept}")
    };
    (key.len() <= MAX_KEY_BYTES).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    #[test]
    fn keys_hold_the_parameters_a_page_reads_and_nothing_else() {
        let key_of = |uri: &str| key(&Request::get(uri).body(Body::empty()).unwrap());
        // Tracking tags and cache busters share the page's entry.
        assert_eq!(key_of("/?x=1").unwrap(), "/");
        assert_eq!(key_of("/?utm_source=a&fbclid=b").unwrap(), "/");
        assert_eq!(
            key_of("/2024/04/07/lavrov?x=9").unwrap(),
            "/2024/04/07/lavrov"
        );
        assert_eq!(
            key_of("/category/world?fbclid=z&page=2").unwrap(),
            "/category/world?page=2"
        );
        // One spelling of what the page reads.
        assert_eq!(
            key_of("/search?utm=1&q=oil%20prices&x=2&cat=world").unwrap(),
            "/search?q=oil+prices&cat=world"
        );
        assert_eq!(
            key_of("/search?q=oil+prices&cat=world"),
            key_of("/search?q=oil%20prices&cat=w%6Frld")
        );
        assert_eq!(
            key_of("/subscribe?result=subscribed&x=1").unwrap(),
            "/subscribe?result=subscribed"
        );
        // An article keeps the comment it answers; a held comment's link is never kept.
        assert_eq!(
            key_of("/2024/04/07/lavrov?reply=12&utm=x").unwrap(),
            "/2024/04/07/lavrov?reply=12"
        );
        assert_eq!(key_of("/2024/04/07/lavrov?held=3.abc"), None);
        assert_eq!(key_of("/category/world?held=3").unwrap(), "/category/world");
        assert_eq!(key_of("/subscribe?confirm=1.2.x"), None);
        assert_eq!(key_of("/subscribe?unsubscribe=1.x"), None);
        // The theme cookie does not change the HTML (it is applied in the browser).
        let dark = Request::get("/a")
            .header(header::COOKIE, "x=1; timelines_theme=dark")
            .body(Body::empty())
            .unwrap();
        assert_eq!(key(&dark).unwrap(), "/a");
        // Pages that belong to a session or a secret link.
        assert_eq!(key_of("/newsroom/articles/1"), None);
        assert_eq!(key_of("/preview/abc"), None);
        // Too long to keep, or not a GET.
        assert_eq!(key_of(&format!("/search?q={}", "x".repeat(3_000))), None);
        assert_eq!(key_of(&format!("/?q={}", "x".repeat(3_000))).unwrap(), "/");
        let post = Request::post("/a").body(Body::empty()).unwrap();
        assert_eq!(key(&post), None);
    }
}
