//! `GET /api/search?q=&page=` (and the page's filters `cat`, `lang`, `sort`): search results as
//! JSON for other clients. Errors are JSON too, with the status the page would get.

use crate::error::AppError;
use crate::model::{ResultCategory, SearchFilters, SearchPageData, SearchResponse, SearchResult};
use crate::server::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    q: Option<String>,
    page: Option<String>,
    cat: Option<String>,
    lang: Option<String>,
    sort: Option<String>,
}

#[derive(Debug, Serialize)]
struct ErrorBody {
    error: String,
}

fn error_response(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        Json(ErrorBody {
            error: e.to_string(),
        }),
    )
        .into_response()
}

pub async fn search(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Ok(Query(p)) = params else {
        return error_response(&AppError::Invalid(
            "The search parameters could not be read.".into(),
        ));
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
        Err(e) => error_response(&e),
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
                    url: format!("{public_url}{}", a.href),
                    path: a.href,
                    category: ResultCategory {
                        url: format!("{public_url}{}", a.category.href()),
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
