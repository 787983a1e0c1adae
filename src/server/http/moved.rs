//! Articles, categories and tags that moved: when an article path answers 404 (or 410, the page
//! of a deleted article, `read/article.rs`), the old addresses the newsroom kept
//! (`article_redirects`: a published article's slug or date changed) are looked up, and a hit is
//! answered 301 to where the article is now. When a category or tag path (or its feed) answers 404, the addresses left
//! by renamed, moved, deleted or merged ones (`moved_sections`) are looked up the same way, the
//! query string kept. Any other miss is looked up among the old addresses an import kept
//! (`old_links`: a WordPress permalink, `/author/login`, `/wp-content/uploads/…` in any of its
//! sizes, a category's feed). Only misses pay for the lookups, except WordPress's
//! `/?p=41` and `/?page_id=60`, which would otherwise answer with the home page: those are
//! looked up first, outside the page cache ([`redirect_wordpress_queries`]).

use crate::server::{clock, AppState};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Whether `path` has an article's shape: `/YYYY/MM/DD/slug`.
fn article_shaped(path: &str) -> bool {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    parts.len() == 4
        && parts[..3]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && !parts[3].is_empty()
}

/// Whether `path` is a category's or a tag's: `/category/…` or `/tag/…`.
fn section_shaped(path: &str) -> bool {
    ["/category/", "/tag/"]
        .iter()
        .any(|p| path.strip_prefix(p).is_some_and(|rest| !rest.is_empty()))
}

pub async fn redirect_moved(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let query = req.uri().query().map(str::to_owned);
    let get = req.method() == Method::GET;
    let res = next.run(req).await;
    let missing = matches!(res.status(), StatusCode::NOT_FOUND | StatusCode::GONE);
    if !missing || !get {
        return res;
    }
    let decoded = percent_encoding::percent_decode_str(&path)
        .decode_utf8_lossy()
        .into_owned();
    let res = if article_shaped(&path) {
        moved_article(&state, &decoded, res).await
    } else if section_shaped(&decoded) {
        moved_section(&state, &decoded, query.as_deref(), res).await
    } else {
        res
    };
    if res.status().is_redirection() {
        return res;
    }
    match old_link(&state, &path, query.as_deref()).await {
        Some(to) => moved_permanently(&state, &to, None, res),
        None => res,
    }
}

/// Middleware outside the page cache (whose key for `/?p=41` is the home page's):
/// WordPress's `/?p=41` and `/?page_id=60` answer 301 to where the import put them.
pub async fn redirect_wordpress_queries(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let query = req.uri().query().filter(|q| wordpress_query(q));
    if req.method() == Method::GET && req.uri().path() == "/" {
        if let Some(q) = query {
            if let Some(to) = old_link(&state, "/", Some(q)).await {
                return moved_permanently(&state, &to, None, StatusCode::NOT_FOUND.into_response());
            }
        }
    }
    next.run(req).await
}

/// Whether a front-page query is WordPress's `p=ID` or `page_id=ID`.
fn wordpress_query(query: &str) -> bool {
    query
        .split('&')
        .any(|pair| pair.starts_with("p=") || pair.starts_with("page_id="))
}

/// Where an address an import kept leads now: the path itself, any size of an old upload, or
/// the feed of an old page (`…/feed`).
async fn old_link(state: &AppState, path: &str, query: Option<&str>) -> Option<String> {
    use crate::server::import::old_links::{request_key, upload_key};
    let key = match path.strip_prefix("/wp-content/uploads/") {
        Some(rest) => format!("/wp-content/uploads/{}", upload_key(rest)),
        None => request_key(path, query.unwrap_or_default())?,
    };
    let lookup = |key: String| async move {
        state.store.old_link(&key).await.unwrap_or_else(|e| {
            tracing::error!(error = %e, "looking up an old address failed");
            None
        })
    };
    if let Some(to) = lookup(key.clone()).await {
        return Some(to);
    }
    let page = key.strip_suffix("/feed")?;
    lookup(page.to_string())
        .await
        .map(|to| crate::urls::feed_of(&to))
}

/// A 301 to `to` (a site path, with `query` when there is one), or `otherwise`.
fn moved_permanently(
    state: &AppState,
    to: &str,
    query: Option<&str>,
    otherwise: Response,
) -> Response {
    let mut location =
        crate::urls::absolute(state.config.site.public_url.trim_end_matches('/'), to);
    if let Some(q) = query {
        location = format!("{location}?{q}");
    }
    match HeaderValue::from_str(&location) {
        Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response(),
        Err(_) => otherwise,
    }
}

/// A category or tag that moved: the page, or its feed (`…/feed`).
async fn moved_section(
    state: &AppState,
    path: &str,
    query: Option<&str>,
    res: Response,
) -> Response {
    let (page, feed) = match path.strip_suffix("/feed") {
        Some(page) => (page, "/feed"),
        None => (path, ""),
    };
    let found = match state.store.section_moved_to(path).await {
        Ok(None) if !feed.is_empty() => state
            .store
            .section_moved_to(page)
            .await
            .map(|to| to.map(|to| format!("{to}{feed}"))),
        other => other,
    };
    match found {
        Ok(Some(to)) => moved_permanently(state, &to, query, res),
        Ok(None) => res,
        Err(e) => {
            tracing::error!(error = %e, "looking up a moved category or tag failed");
            res
        }
    }
}

async fn moved_article(state: &AppState, decoded: &str, res: Response) -> Response {
    let now = clock::now().unix_timestamp();
    match state.store.article_moved_to(decoded, now).await {
        Ok(Some(to)) => moved_permanently(state, &to, None, res),
        Ok(None) => res,
        Err(e) => {
            tracing::error!(error = %e, "looking up a moved article failed");
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_article_shaped_paths_are_looked_up() {
        assert!(article_shaped("/2024/04/07/lavrov"));
        assert!(article_shaped("/2024/04/07/%D8%BA%D8%B2%D8%A9"));
        assert!(!article_shaped("/category/world/europe/ukraine"));
        assert!(!article_shaped("/2024/04/07"));
        assert!(!article_shaped("/2024/04/07/a/b"));
        assert!(!article_shaped("/20x4/04/07/a"));
    }

    #[test]
    fn only_wordpress_front_page_queries_are_looked_up_before_the_page() {
        assert!(wordpress_query("p=41"));
        assert!(wordpress_query("utm_source=x&page_id=60"));
        assert!(!wordpress_query("q=ferries"));
        assert!(!wordpress_query("page=2"));
    }

    #[test]
    fn category_and_tag_paths_are_looked_up() {
        assert!(section_shaped("/category/world/europe"));
        assert!(section_shaped("/tag/ports/feed"));
        assert!(!section_shaped("/category/"));
        assert!(!section_shaped("/author/ana"));
    }
}
