//! A reader's form post refused without JavaScript (a comment, a contact message): the page
//! the form is on, rendered again as a GET with the reader's draft in its Leptos context (so
//! the form holds what was typed and says why), at the refusal's status; and the reason alone
//! when there is no such page. Never stored by any cache (it holds what the reader typed);
//! a 429 or 503 carries its wait.

use super::shell::shell;
use crate::server::comments::post::Problem;
use crate::server::http::router::page_context;
use crate::server::AppState;
use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, Uri};
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

/// The page at `uri` again with `draft` in context: `Ok` at the refusal's status when it
/// rendered, else `Err` with what the render answered (the page went meanwhile, say), both
/// finished as refusals.
pub async fn page_again<D>(
    state: &AppState,
    mut parts: Parts,
    uri: Uri,
    draft: D,
    problem: &Problem,
) -> Result<Response, Response>
where
    D: Clone + Send + Sync + 'static,
{
    parts.method = Method::GET;
    parts.uri = uri;
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let context = page_context(state);
    let render = leptos_axum::render_app_async_with_context(
        move || {
            context();
            provide_context(draft.clone());
        },
        {
            let state = state.clone();
            move || shell(&state)
        },
    );
    let mut res = render(Request::from_parts(parts, Body::empty())).await;
    let rendered = res.status().is_success();
    if rendered {
        *res.status_mut() = problem.status;
    }
    finish(&mut res, problem);
    if rendered {
        Ok(res)
    } else {
        Err(res)
    }
}

/// The reason alone, as plain text.
pub fn plain(problem: &Problem) -> Response {
    let mut res = (problem.status, problem.message.clone()).into_response();
    finish(&mut res, problem);
    res
}

/// What every refusal carries: never stored, and a 429's or 503's wait.
pub fn finish(res: &mut Response, problem: &Problem) {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(wait) = problem.retry_after {
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
}
