//! Search's JSON endpoints, beside the search they serve (as the feeds keep their handlers):
//! - `GET /api/search?q=&page=` (and the page's filters `cat`, `lang`, `sort`): search results
//!   for other clients;
//! - `GET /api/suggest?q=`: the search overlay's suggestions ([`super::suggest`]), kept
//!   publicly for [`SUGGEST_CACHE_CONTROL`] so that readers typing the same text share them.
//!
//! Errors are JSON too (`{"error": …}`), with the status the page would get, never stored.

use crate::error::AppError;
use crate::model::{ResultCategory, SearchFilters, SearchPageData, SearchResponse, SearchResult};
use crate::server::http::error_response::JsonError;
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    page: Option<String>,
    cat: Option<String>,
    lang: Option<String>,
    sort: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct SuggestParams {
    q: Option<String>,
}

/// How long browsers and shared caches may keep suggestions: long enough for readers typing
/// the same text to share them, short enough for a new story to be offered within the minute.
pub const SUGGEST_CACHE_CONTROL: &str = "public, max-age=30";

pub async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(p)) = params else {
        return JsonError(AppError::Invalid(
            "The search parameters could not be read.".into(),
        ))
        .into_response();
    };
    let filters = SearchFilters {
        category: p.cat.unwrap_or_default(),
        lang: p.lang.unwrap_or_default(),
        sort: p.sort.unwrap_or_default(),
    };
    match state
        .read
        .search_page(p.q.as_deref(), p.page.as_deref(), filters)
        .await
    {
        Ok(data) => Json(response(data, &state.config.site.public_url)).into_response(),
        Err(e) => JsonError(e).into_response(),
    }
}

fn response(data: SearchPageData, public_url: &str) -> SearchResponse {
    SearchResponse {
        query: data.query,
        truncated: data.truncated,
        total: data.pagination.total_items,
        more: data.more_results,
        page: data.pagination.page,
        total_pages: data.pagination.total_pages,
        results: data
            .hits
            .into_iter()
            .map(|h| {
                let a = h.article;
                SearchResult {
                    url: crate::urls::absolute(public_url, &a.href),
                    path: a.href,
                    category: ResultCategory {
                        url: crate::urls::absolute(public_url, &a.category.href()),
                        name: a.category.name,
                        path: a.category.path,
                    },
                    title: a.title,
                    date: a.published.iso,
                    snippet: h.snippet,
                    lang: a.lang,
                }
            })
            .collect(),
        suggestions: data.suggestions.into_iter().map(|s| s.text).collect(),
    }
}

pub async fn suggest(
    State(state): State<AppState>,
    params: Result<Query<SuggestParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(p)) = params else {
        return JsonError(AppError::Invalid(
            "The suggestion parameters could not be read.".into(),
        ))
        .into_response();
    };
    let query = p.q.as_deref().unwrap_or_default();
    let found = state
        .read
        .reading(|| super::suggest::suggest(state.read.store(), query))
        .await;
    match found {
        Ok(found) => (
            [(header::CACHE_CONTROL, SUGGEST_CACHE_CONTROL)],
            Json(found),
        )
            .into_response(),
        Err(e) => JsonError(e).into_response(),
    }
}
