//! Server functions: the typed bridge between pages and the server. Each body is a thin wrapper
//! over the read models (`server::read`, as `state.read`), or over `server::newsletter` for the
//! sign-up. Reads use GET so responses can be cached.

use crate::error::AppError;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "site", input = GetUrl)]
pub async fn get_site() -> Result<SiteInfo, AppError> {
    crate::server::state()?.read.site_info().await
}

#[server(endpoint = "home", input = GetUrl)]
pub async fn get_home() -> Result<HomePageData, AppError> {
    crate::server::state()?.read.home_page().await
}

#[server(endpoint = "article", input = GetUrl)]
pub async fn get_article(
    year: String,
    month: String,
    day: String,
    slug: String,
    reply: Option<String>,
    held: Option<String>,
) -> Result<ArticlePageData, AppError> {
    let asked = crate::server::read::CommentsAsked {
        reply: reply.as_deref(),
        held: held.as_deref(),
    };
    crate::server::state()?
        .read
        .article_page(&year, &month, &day, &slug, asked)
        .await
}

#[server(endpoint = "category", input = GetUrl)]
pub async fn get_category(path: String, page: Option<String>) -> Result<ArchivePageData, AppError> {
    crate::server::state()?
        .read
        .category_page(&path, page.as_deref())
        .await
}

#[server(endpoint = "tag", input = GetUrl)]
pub async fn get_tag(slug: String, page: Option<String>) -> Result<ArchivePageData, AppError> {
    crate::server::state()?
        .read
        .tag_page(&slug, page.as_deref())
        .await
}

/// A date archive by its path (`2026/04` or `2026/04/06`).
#[server(endpoint = "date", input = GetUrl)]
pub async fn get_date_archive(
    path: String,
    page: Option<String>,
) -> Result<ArchivePageData, AppError> {
    crate::server::state()?
        .read
        .date_page(&path, page.as_deref())
        .await
}

#[server(endpoint = "author", input = GetUrl)]
pub async fn get_author(slug: String, page: Option<String>) -> Result<ArchivePageData, AppError> {
    crate::server::state()?
        .read
        .author_page(&slug, page.as_deref())
        .await
}

/// The search page's data. (`/api/search` itself is the JSON API for other clients.)
#[server(endpoint = "search_page", input = GetUrl)]
pub async fn search_articles(
    q: Option<String>,
    page: Option<String>,
    cat: Option<String>,
    lang: Option<String>,
    sort: Option<String>,
) -> Result<SearchPageData, AppError> {
    let filters = SearchFilters {
        category: cat.unwrap_or_default(),
        lang: lang.unwrap_or_default(),
        sort: sort.unwrap_or_default(),
    };
    crate::server::state()?
        .read
        .search_page(q.as_deref(), page.as_deref(), filters)
        .await
}

#[server(endpoint = "page", input = GetUrl)]
pub async fn get_page(slug: String) -> Result<StaticPageData, AppError> {
    crate::server::state()?.read.static_page(&slug).await
}

/// The newsletter sign-up for other clients (`POST /api/subscribe`); the page's form posts to
/// `/subscribe` (see `server/http/router.rs`). Over the per-address limit: 429 with `Retry-After`.
#[server(endpoint = "subscribe")]
pub async fn subscribe(email: String) -> Result<SubscribeOutcome, AppError> {
    let state = crate::server::state()?;
    crate::server::http::throttle::admit_server_fn(&state).await?;
    crate::server::newsletter::subscribe(&state, &email).await
}
