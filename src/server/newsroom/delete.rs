//! Deleting an article: `GET /newsroom/articles/<id>/delete` asks "Delete this article?", and
//! its form posts back to the same address (the guard checked the origin; the form carries the
//! session's token). Who may delete what is `Role::may_delete` (`role.rs`). The article goes
//! with its revisions and preview links; the store takes it out of search and, when readers
//! could see it, refreshes their pages and leaves its address answering 410 Gone.

use super::failure::unavailable;
use super::page::{frame, render, see_other, Answer, Refused, TokenForm};
use super::session::SignedIn;
use super::ClientAddress;
use crate::pages::newsroom::{DeleteConfirmation, DeletePage, Section};
use crate::server::clock;
use crate::server::store::{ArticleStatus, EditableArticle};
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;

const NO_SUCH_ARTICLE: &str = "There is no article with that number. It may have been deleted.";

/// Whether the account may delete `a`.
pub fn may_delete(s: &SignedIn, a: &EditableArticle) -> bool {
    let own = a.fields.author_id == s.staff.author_id;
    s.staff
        .role
        .may_delete(own, a.status == ArticleStatus::Published)
}

/// Article `id` when it exists and the account may delete it; else the refusal.
async fn deletable(state: &AppState, s: &SignedIn, id: i64) -> Result<EditableArticle, Response> {
    let article = match state.store.editable_article(id).await {
        Ok(Some(a)) => a,
        Ok(None) => return Err(Refused(StatusCode::NOT_FOUND, NO_SUCH_ARTICLE).into_response()),
        Err(e) => return Err(unavailable(e)),
    };
    if !may_delete(s, &article) {
        return Err(Refused(
            StatusCode::FORBIDDEN,
            "Your account is not allowed to delete this article. Ask an editor.",
        )
        .into_response());
    }
    Ok(article)
}

/// `GET /newsroom/articles/<id>/delete`: the confirmation.
pub async fn confirm(State(state): State<AppState>, s: SignedIn, Path(id): Path<i64>) -> Answer {
    let article = deletable(&state, &s, id).await?;
    let now = clock::now().unix_timestamp();
    let confirm = DeleteConfirmation {
        title: article.fields.title,
        action: format!("/newsroom/articles/{id}/delete"),
        csrf: s.csrf.clone(),
        cancel: format!("/newsroom/articles/{id}"),
        public: article.status == ArticleStatus::Published
            && article.published_at.is_some_and(|at| at <= now),
    };
    Ok(render(
        StatusCode::OK,
        frame(&state, "Delete this article?", Some(&s), Section::Articles),
        move || view! { <DeletePage confirm/> },
    ))
}

/// `POST /newsroom/articles/<id>/delete`.
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<TokenForm>,
) -> Answer {
    s.check_csrf(&f.csrf)?;
    deletable(&state, &s, id).await?;
    let now = clock::now().unix_timestamp();
    // Someone may have deleted it between the check and here: then it is simply not found.
    let deleted = match state.store.delete_article(id, now).await {
        Ok(Some(d)) => d,
        Ok(None) => return Err(Refused(StatusCode::NOT_FOUND, NO_SUCH_ARTICLE).into_response()),
        Err(e) => return Err(unavailable(e)),
    };
    s.audit(&state, "article deleted", &deleted.title, &address)
        .await;
    see_other("/newsroom?done=deleted")
}
