//! `/<slug>`: a one-segment path is a file from the site root when there is one (the favicon,
//! the newsroom's stylesheet…), else the static page the newsroom made with that slug (the
//! route table's `SlugPage`); a page that moved (its slug changed: `page_redirects`) answers
//! 301 to where it is now. Only a miss pays for the lookup.
//!
//! `/YYYY/MM` and `/YYYY/MM/DD` likewise: a date archive when the path is all digits, else a
//! file (`/pkg/app.css`) or the 404 page.

use super::router::page_context;
use super::shell::shell;
use super::static_files;
use crate::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};

/// A date archive (`/2026/04`, `/2026/04/06`), or else a file of the site root.
pub async fn date_archive_or_file(State(state): State<AppState>, req: Request) -> Response {
    if req.method() != Method::GET || !crate::urls::is_date_archive(req.uri().path()) {
        return static_files::file_or_not_found(State(state), req).await;
    }
    let render = leptos_axum::render_app_async_with_context(page_context(&state), {
        let state = state.clone();
        move || shell(&state)
    });
    render(req).await
}

pub async fn page_or_file(State(state): State<AppState>, req: Request) -> Response {
    if req.method() != Method::GET {
        return static_files::file_or_not_found(State(state), req).await;
    }
    let (parts, _body) = req.into_parts();
    if let Some(res) = static_files::serve_file(&state.leptos_options.site_root, &parts).await {
        return res;
    }
    let slug = parts.uri.path().trim_start_matches('/').to_string();
    let render = leptos_axum::render_app_async_with_context(page_context(&state), {
        let state = state.clone();
        move || shell(&state)
    });
    let res = render(Request::from_parts(parts, Body::empty())).await;
    if res.status() != StatusCode::NOT_FOUND {
        return res;
    }
    match state.store.page_moved_to(&slug).await {
        Ok(Some(to)) => {
            let base = state.config.site.public_url.trim_end_matches('/');
            let location = crate::urls::absolute(base, &crate::urls::static_page(&to));
            match HeaderValue::from_str(&location) {
                Ok(v) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, v)]).into_response(),
                Err(_) => res,
            }
        }
        Ok(None) => res,
        Err(e) => {
            tracing::error!(error = %e, "looking up a moved page failed");
            res
        }
    }
}
