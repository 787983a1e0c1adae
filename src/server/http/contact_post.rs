//! `POST /contact`: a reader's message from the contact page's form.
//!
//! Post/redirect/get: a message stored answers 303 to `/contact?sent=1`, where the page thanks
//! the reader. A refused one gets the contact page again at the refusal's status (400; 429 and
//! 503 with `Retry-After`; 500 when the database fails in a way that will not pass), saying
//! why above the form and holding what was typed, never
//! stored by any cache. Like the comment form, a post must come from a page of this site: one
//! from elsewhere is refused (403) before it is read, so another site's words never come back
//! on this site's page; and a site without a contact page takes no messages (404).

use super::refused_form::{self, plain};
use crate::model::ContactDraft;
use crate::server::comments::post::Problem;
use crate::server::contact::{self, ContactForm};
use crate::server::newsroom::{client_address, guard};
use crate::server::AppState;
use crate::urls::CONTACT_SLUG;
use axum::extract::{FromRequest, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

pub async fn post_message(State(state): State<AppState>, req: Request) -> Response {
    let origin = guard::origin_of(&state.config.site.public_url);
    if !guard::same_origin(req.headers(), &origin) {
        return plain(&Problem::new(
            StatusCode::FORBIDDEN,
            "This message did not come from a page of this site, so it was refused.",
        ));
    }
    match state.store.find_page(CONTACT_SLUG).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            return plain(&Problem::new(
                StatusCode::NOT_FOUND,
                "This site has no contact page, so it takes no messages.",
            ))
        }
        Err(e) => return plain(&Problem::store_failed(&e, "message")),
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

/// The contact page again, its form holding what was typed and saying why it was refused (the
/// reason alone if the page went meanwhile).
async fn page_with_problem(
    state: &AppState,
    parts: axum::http::request::Parts,
    form: &ContactForm,
    problem: Problem,
) -> Response {
    let draft = ContactDraft {
        name: form.name.clone(),
        email: form.email.clone(),
        subject: form.subject.clone(),
        message: form.message.clone(),
        problem: problem.message.clone(),
    };
    let uri = Uri::from_static("/contact");
    refused_form::page_again(state, parts, uri, draft, &problem)
        .await
        .unwrap_or_else(|_| plain(&problem))
}
