//! `POST /contact`: a reader's message from the contact page's form.
//!
//! Post/redirect/get: a message stored answers 303 to `/contact?sent=1`, where the page thanks
//! the reader. A refused one gets the contact page again at the refusal's status (400, 429
//! with `Retry-After`, 503), saying why above the form and holding what was typed, never
//! stored by any cache. Like the comment form, a post must come from a page of this site: one
//! from elsewhere is refused (403) before it is read, so another site's words never come back
//! on this site's page; and a site without a contact page takes no messages (404).

use super::shell::shell;
use crate::model::ContactDraft;
use crate::server::comments::post::Problem;
use crate::server::contact::{self, ContactForm};
use crate::server::http::router::page_context;
use crate::server::newsroom::{client_address, guard};
use crate::server::AppState;
use crate::urls::CONTACT_SLUG;
use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use leptos::prelude::provide_context;

pub async fn post_message(State(state): State<AppState>, req: Request) -> Response {
    let origin = guard::origin_of(&state.config.site.public_url);
    if !guard::same_origin(req.headers(), &origin) {
        return plain(Problem::new(
            StatusCode::FORBIDDEN,
            "This message did not come from a page of this site, so it was refused.",
        ));
    }
    match state.store.find_page(CONTACT_SLUG).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            return plain(Problem::new(
                StatusCode::NOT_FOUND,
                "This site has no contact page, so it takes no messages.",
            ))
        }
        Err(e) => {
            tracing::error!(error = %e, "looking up the contact page failed");
            return plain(Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "We couldn't send your message just now. Please try again in a moment.",
            ));
        }
    }
    let client = client_address(&state, req.headers(), req.extensions());
    let (parts, body) = req.into_parts();
    let form =
        match Form::<ContactForm>::from_request(Request::from_parts(parts.clone(), body), &state)
            .await
        {
            Ok(Form(f)) => f,
            Err(_) => ContactForm::default(),
        };
    match contact::send(&state, &form, &client).await {
        // At the thanks, which takes the focus there (`components/contact_form.rs`).
        Ok(_) => Redirect::to("/contact?sent=1#contact-sent").into_response(),
        Err(problem) => page_with_problem(&state, parts, &form, problem).await,
    }
}

/// The contact page again, its form holding what was typed and saying why it was refused.
async fn page_with_problem(
    state: &AppState,
    mut parts: axum::http::request::Parts,
    form: &ContactForm,
    problem: Problem,
) -> Response {
    parts.method = Method::GET;
    parts.uri = Uri::from_static("/contact");
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let draft = ContactDraft {
        name: form.name.clone(),
        email: form.email.clone(),
        subject: form.subject.clone(),
        message: form.message.clone(),
        problem: problem.message.clone(),
    };
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
    if !res.status().is_success() {
        // The contact page went meanwhile: the reason alone.
        return plain(problem);
    }
    *res.status_mut() = problem.status;
    finish(&mut res, &problem);
    res
}

/// The reason alone, never stored.
fn plain(problem: Problem) -> Response {
    let mut res = (problem.status, problem.message.clone()).into_response();
    finish(&mut res, &problem);
    res
}

/// What every refusal carries: never stored (it may hold what the reader typed), and a 429's
/// wait.
fn finish(res: &mut Response, problem: &Problem) {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(wait) = problem.retry_after {
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
}
