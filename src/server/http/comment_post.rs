//! `POST /comments`: a reader's comment, from the form under an article.
//!
//! Without JavaScript the form posts here and the answer is a redirect (post/redirect/get) to
//! the article at the comment: with the held comment's link while it awaits moderation, so its
//! author sees it there and nobody else does. A refused comment gets the article page again,
//! with the reason above the form and what was typed still in it, at the refusal's status (400,
//! 403, 404; 429 and 503 with `Retry-After`; 500 when the database fails in a way that will not
//! pass: then the reason alone if the page cannot be rendered either).
//!
//! The page's script (`components/comments.rs`) posts the same form asking for JSON
//! (`Accept: application/json`): 201 with [`CommentPosted`], or the refusal's status with
//! `{"error": "…"}`.
//!
//! Like the newsroom's forms, a post must come from a page of this site (`Sec-Fetch-Site` or
//! `Origin`): another site cannot make its visitors' browsers post comments.

use super::error_response::UNAVAILABLE_RETRY_SECONDS;
use super::refused_form;
use crate::model::{CommentDraft, CommentError, CommentPosted};
use crate::server::comments::form::held_param;
use crate::server::comments::post::{self, article_id, CommentForm, Problem};
use crate::server::comments::view::comment_view;
use crate::server::newsroom::{client_address, guard};
use crate::server::store::comments::CommentStatus;
use crate::server::{clock, AppState};
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};

pub async fn post_comment(State(state): State<AppState>, req: Request) -> Response {
    let wants_json = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let origin = guard::origin_of(&state.config.site.public_url);
    let client = client_address(&state, req.headers(), req.extensions());
    let (parts, body) = req.into_parts();
    if !guard::same_origin(&parts.headers, &origin) {
        let problem = Problem {
            status: StatusCode::FORBIDDEN,
            message: "This comment did not come from a page of this site, so it was refused."
                .into(),
            retry_after: None,
        };
        return plain_refusal(problem, wants_json);
    }
    let form =
        match Form::<CommentForm>::from_request(Request::from_parts(parts.clone(), body), &state)
            .await
        {
            Ok(Form(f)) => f,
            Err(_) => CommentForm::default(),
        };
    match post::post(&state, &form, &client).await {
        Ok(posted) => posted_answer(&state, posted, wants_json).await,
        Err(problem) if wants_json => json_refusal(problem),
        Err(problem) => match article_path(&state, &form).await {
            Some(path) => page_with_problem(&state, parts, &path, &form, problem).await,
            None => plain_refusal(problem, false),
        },
    }
}

/// Where the comment is now, and the answer that sends the reader there.
async fn posted_answer(
    state: &AppState,
    posted: crate::server::store::comments::Posted,
    wants_json: bool,
) -> Response {
    let stored = match state.store.comment(posted.id).await {
        Ok(Some(stored)) => stored,
        // Removed (with its article, say) between being saved and read back.
        Ok(None) => {
            tracing::warn!(
                comment = posted.id,
                "a comment was removed as it was posted"
            );
            return plain_refusal(
                Problem {
                    status: StatusCode::GONE,
                    message: "Your comment was removed before it could be shown: the article may have been taken down.".into(),
                    retry_after: None,
                },
                wants_json,
            );
        }
        // Saved, then not readable back: posting again would post it twice, so the reader is
        // told to reload the article, in a moment when the database's fault passes.
        Err(e) => {
            let passing = e.is_unavailable();
            tracing::error!(error = %e, comment = posted.id, "a saved comment could not be read back");
            let message = "Your comment was saved, but the page could not be found again. Please reload the article.";
            return plain_refusal(
                Problem {
                    status: if passing {
                        StatusCode::SERVICE_UNAVAILABLE
                    } else {
                        StatusCode::INTERNAL_SERVER_ERROR
                    },
                    message: message.into(),
                    retry_after: passing.then_some(i64::from(UNAVAILABLE_RETRY_SECONDS)),
                },
                wants_json,
            );
        }
    };
    let published = stored.article_published_at.unwrap_or_default();
    let path = crate::urls::article(&stored.article_slug, published);
    let held = posted.status == CommentStatus::Held;
    let href = if held {
        format!(
            "{path}?held={}#comment-{}",
            held_param(state.store.signing_key(), posted.id),
            posted.id
        )
    } else {
        format!("{path}#comment-{}", posted.id)
    };
    if !wants_json {
        return Redirect::to(&href).into_response();
    }
    let message = if held {
        "Thank you. Your comment is awaiting moderation: it will appear once an editor approves it."
    } else {
        "Thank you. Your comment is published."
    };
    let body = CommentPosted {
        held,
        href,
        html: crate::components::comment_html(comment_view(&stored.comment, clock::now()), held),
        message: message.into(),
    };
    (StatusCode::CREATED, Json(body)).into_response()
}

async fn article_path(state: &AppState, form: &CommentForm) -> Option<String> {
    let id = article_id(form)?;
    let (slug, published_at) = state
        .store
        .article_address(id, clock::now().unix_timestamp())
        .await
        .ok()??;
    Some(crate::urls::article(&slug, published_at))
}

/// The article page again, its form holding what was typed and saying why it was refused (or
/// what the page answers now, if it went meanwhile).
async fn page_with_problem(
    state: &AppState,
    parts: axum::http::request::Parts,
    path: &str,
    form: &CommentForm,
    problem: Problem,
) -> Response {
    let target = match form.parent.trim().parse::<i64>() {
        Ok(parent) => format!("{path}?reply={parent}"),
        Err(_) => path.to_string(),
    };
    let uri = target.parse().unwrap_or_else(|_| Uri::from_static("/"));
    let draft = CommentDraft {
        name: form.name.clone(),
        email: form.email.clone(),
        body: form.comment.clone(),
        problem: problem.message.clone(),
    };
    match refused_form::page_again(state, parts, uri, draft, &problem).await {
        Ok(res) => res,
        // The page failed too (the same broken database, say): the reason alone, not a
        // generic error page that would hide it.
        Err(res) if res.status().is_server_error() => refused_form::plain(&problem),
        Err(res) => res,
    }
}

fn plain_refusal(problem: Problem, wants_json: bool) -> Response {
    if wants_json {
        return json_refusal(problem);
    }
    refused_form::plain(&problem)
}

fn json_refusal(problem: Problem) -> Response {
    let mut res = (
        problem.status,
        Json(CommentError {
            error: problem.message.clone(),
        }),
    )
        .into_response();
    refused_form::finish(&mut res, &problem);
    res
}
