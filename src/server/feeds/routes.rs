//! The feed and sitemap routes: each looks its data up and hands the document to
//! [`document::respond`].

use super::channel::{channel, Scope};
use super::document::{respond, xml_error, XmlDoc};
use super::news_sitemap::{write_news_sitemap, NewsItem};
use super::robots::robots_txt;
use super::sitemap::{
    child_lastmods, parse_sitemap_file, sitemap_urls, write_sitemap_index, write_urlset, Loc,
};
use super::syndication::{write_atom, write_rss};
use super::{ATOM_TYPE, CACHE_CONTROL, NEWS_URLS, NEWS_WINDOW_SECS, RSS_TYPE, XML_TYPE};
use crate::error::AppError;
use crate::server::clock;
use crate::server::store::SitemapKind;
use crate::server::AppState;
use crate::urls::absolute;
use axum::extract::{Path, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// `/feed`: the whole newsroom.
pub async fn site_rss(State(state): State<AppState>) -> Response {
    rss(&state, Scope::All).await
}

/// `/feed/atom`: the whole newsroom as Atom.
pub async fn site_atom(State(state): State<AppState>) -> Response {
    // Read on the replica when there is one (`ReadModels::reading`).
    let doc = state
        .read
        .reading(|| async {
            let mut channel = channel(&state, Scope::All).await?;
            channel.self_url = absolute(&state.config.site.public_url, "/feed/atom");
            Ok(XmlDoc {
                last_modified: channel.last_modified(),
                body: write_atom(&channel).map_err(xml_error)?,
                content_type: ATOM_TYPE,
            })
        })
        .await;
    respond(doc)
}

/// `/tag/<slug>/feed`.
pub async fn tag_rss(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    rss(&state, Scope::Tag(slug)).await
}

/// `/author/<slug>/feed`.
pub async fn author_rss(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    rss(&state, Scope::Author(slug)).await
}

/// `/category/<path>/feed`. Leptos owns `/category/*path` for pages and a route cannot continue
/// after a wildcard, so the router layers this in front of the page: it answers any path under
/// `/category/` that ends in `/feed` and passes everything else on. A feed is only read: other
/// methods than `GET` (and `HEAD`, which `http::respond` makes a `GET`) get 405, as on the
/// routes of the other feeds.
pub async fn category_feeds(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(path) = category_feed_path(req.uri().path()) else {
        return next.run(req).await;
    };
    if req.method() != Method::GET {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET,HEAD")],
        )
            .into_response();
    }
    rss(&state, Scope::Category(path)).await
}

/// The category path of a category feed URL: `/category/world/europe/feed` → `world/europe`.
fn category_feed_path(uri_path: &str) -> Option<String> {
    let path = uri_path
        .strip_prefix("/category/")?
        .strip_suffix("/feed")?
        .trim_matches('/');
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?
        .into_owned();
    Some(path)
}

/// `/sitemap.xml`: the index of every child sitemap.
pub async fn sitemap_index(State(state): State<AppState>) -> Response {
    // Read on the replica when there is one (`ReadModels::reading`).
    let doc = state
        .read
        .reading(|| async {
            let now = clock::now().unix_timestamp();
            let mut children = Vec::new();
            for kind in SitemapKind::ALL {
                for (i, lastmod) in child_lastmods(&state, kind, now)
                    .await?
                    .into_iter()
                    .enumerate()
                {
                    children.push(Loc {
                        url: absolute(
                            &state.config.site.public_url,
                            &format!("/sitemaps/{}-{}.xml", kind.name(), i + 1),
                        ),
                        lastmod,
                        image: None,
                    });
                }
            }
            Ok(XmlDoc {
                last_modified: children.iter().map(|c| c.lastmod).max(),
                body: write_sitemap_index(&children).map_err(xml_error)?,
                content_type: XML_TYPE,
            })
        })
        .await;
    respond(doc)
}

/// `/sitemaps/<kind>-<n>.xml`: one page of URLs of one kind.
pub async fn sitemap(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    // Read on the replica when there is one (`ReadModels::reading`).
    let doc = state
        .read
        .reading(|| async {
            let (kind, page) = parse_sitemap_file(&file).ok_or(AppError::NotFound)?;
            let urls = sitemap_urls(&state, kind, page).await?;
            if urls.is_empty() {
                return Err(AppError::NotFound);
            }
            Ok(XmlDoc {
                last_modified: urls.iter().map(|u| u.lastmod).max(),
                body: write_urlset(&urls).map_err(xml_error)?,
                content_type: XML_TYPE,
            })
        })
        .await;
    respond(doc)
}

/// `/news-sitemap.xml`: articles of the last 48 hours, for Google News.
pub async fn news_sitemap(State(state): State<AppState>) -> Response {
    // Read on the replica when there is one (`ReadModels::reading`).
    let doc = state
        .read
        .reading(|| async {
            let now = clock::now().unix_timestamp();
            let rows = state
                .read
                .store()
                .news_articles(now - NEWS_WINDOW_SECS, now, NEWS_URLS)
                .await?;
            let base = &state.config.site.public_url;
            let items: Vec<NewsItem> = rows
                .into_iter()
                .map(|r| NewsItem {
                    url: absolute(base, &crate::urls::article(&r.slug, r.published_at)),
                    title: r.title,
                    language: r.lang.to_ascii_lowercase(),
                    published: r.published_at,
                    updated: r.updated_at,
                })
                .collect();
            Ok(XmlDoc {
                last_modified: items.iter().map(|i| i.updated).max(),
                body: write_news_sitemap(&state.site_name(), &items).map_err(xml_error)?,
                content_type: XML_TYPE,
            })
        })
        .await;
    respond(doc)
}

/// `/robots.txt`: everything may be crawled except search results and the server functions.
pub async fn robots(State(state): State<AppState>) -> Response {
    let base = &state.config.site.public_url;
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, CACHE_CONTROL),
        ],
        robots_txt(base),
    )
        .into_response()
}

async fn rss(state: &AppState, scope: Scope) -> Response {
    // Read on the replica when there is one (`ReadModels::reading`).
    let doc = state
        .read
        .reading(|| async {
            let channel = channel(state, scope.clone()).await?;
            Ok(XmlDoc {
                last_modified: channel.last_modified(),
                body: write_rss(&channel).map_err(xml_error)?,
                content_type: RSS_TYPE,
            })
        })
        .await;
    respond(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_feed_paths_are_recognised() {
        assert_eq!(
            category_feed_path("/category/world/europe/feed").as_deref(),
            Some("world/europe")
        );
        assert_eq!(
            category_feed_path("/category/world/feed").as_deref(),
            Some("world")
        );
        assert_eq!(category_feed_path("/category/world"), None);
        assert_eq!(category_feed_path("/category/feed"), None);
        assert_eq!(category_feed_path("/tag/x/feed"), None);
        assert_eq!(category_feed_path("/category/%FF/feed"), None);
    }
}
