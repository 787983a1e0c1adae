//! `/newsroom/comments` (editors and admins, `Permission::Moderate`): the moderation queue by
//! state, one comment's page (edit, reply), the buttons that move a comment between states, and
//! opening or closing an article to comments. Every change is in the audit log; one that
//! readers see (an approval, an edit of an approved comment, a closed article) reaches every
//! page through the page cache within a second, as any newsroom write does.

use super::failure::unavailable;
use super::page::{frame, no_store, render, Refused};
use super::session::SignedIn;
use super::{audit, client_address, Permission};
use crate::pages::newsroom::{
    CommentPage, CommentsPage, QueueArticle, QueueTab, QueuedComment, Said, Section,
};
use crate::server::comments::post::{checked_body, checked_name};
use crate::server::comments::text::paragraphs;
use crate::server::store::comments::{
    CommentOnArticle, CommentRefused, CommentRules, CommentStatus, NewComment,
};
use crate::server::zone::SiteZone;
use crate::server::{clock, email, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

const PER_PAGE: i64 = 30;

/// Links a staff reply may hold: the newsroom is trusted, but the text is still plain.
const STAFF_MAX_LINKS: usize = 20;

#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    article: Option<i64>,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    done: String,
}

fn label(s: CommentStatus) -> &'static str {
    match s {
        CommentStatus::Held => "Held",
        CommentStatus::Approved => "Approved",
        CommentStatus::Spam => "Spam",
        CommentStatus::Trash => "Trash",
    }
}

fn done_notice(done: &str) -> Option<String> {
    Some(
        match done {
            "approved" => "Comment approved: readers see it now.",
            "held" => "Comment moved back to Held: readers no longer see it.",
            "spam" => "Comment marked as spam.",
            "trash" => "Comment moved to the trash.",
            "deleted" => "Comment deleted for good.",
            "saved" => "Comment saved.",
            "replied" => "Reply posted: readers see it now.",
            "closed" => "Comments closed on this article.",
            "opened" => "The article takes comments again.",
            _ => return None,
        }
        .to_string(),
    )
}

fn queued(c: CommentOnArticle, zone: &SiteZone) -> QueuedComment {
    let status = c.comment.status().as_str();
    QueuedComment {
        id: c.comment.id,
        paragraphs: paragraphs(&c.comment.body),
        name: c.comment.name,
        email: c.comment.email,
        client: c.comment.client,
        posted: zone.describe(c.comment.created_at),
        staff: c.comment.staff_id.is_some(),
        reply: c.comment.parent_id.is_some(),
        article_id: c.comment.article_id,
        article_title: c.article_title,
        article_href: c
            .article_published_at
            .map(|at| crate::urls::article(&c.article_slug, at)),
        status,
    }
}

/// `GET /newsroom/comments`: the queue.
pub async fn queue(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<QueueQuery>,
) -> Response {
    if let Err(r) = s.require(Permission::Moderate) {
        return r.into_response();
    }
    let status = CommentStatus::parse(&q.status).unwrap_or(CommentStatus::Held);
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let article = match q.article {
        Some(id) => match (
            state.store.comments_closed(id).await,
            state.store.article_title(id).await,
        ) {
            (Ok(Some(closed)), Ok(Some(title))) => Some(QueueArticle { id, title, closed }),
            (Ok(_), Ok(_)) => {
                return Refused(StatusCode::NOT_FOUND, "There is no such article.").into_response()
            }
            (Err(e), _) | (_, Err(e)) => return unavailable(e),
        },
        None => None,
    };
    let article_id = article.as_ref().map(|a| a.id);
    let (rows, total) = match state
        .store
        .comment_queue(status, article_id, (page - 1) * PER_PAGE, PER_PAGE)
        .await
    {
        Ok(r) => r,
        Err(e) => return unavailable(e),
    };
    let counts = match state.store.comment_counts(article_id).await {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
    let href = |st: CommentStatus, n: i64| {
        let mut h = format!("/newsroom/comments?status={}", st.as_str());
        if let Some(id) = article_id {
            h.push_str(&format!("&article={id}"));
        }
        if n > 1 {
            h.push_str(&format!("&page={n}"));
        }
        h
    };
    let tabs = CommentStatus::ALL
        .iter()
        .zip(counts)
        .map(|(&st, count)| QueueTab {
            label: label(st),
            count,
            href: href(st, 1),
            current: st == status,
        })
        .collect();
    let zone = SiteZone::of(&state.config);
    let comments = rows.into_iter().map(|c| queued(c, &zone)).collect();
    let prev = (page > 1).then(|| href(status, page - 1));
    let next = (page * PER_PAGE < total).then(|| href(status, page + 1));
    let back = href(status, page);
    let csrf = s.csrf.clone();
    let said = Said::notice(done_notice(&q.done));
    render(
        StatusCode::OK,
        frame(&state, "Comments", Some(&s), Section::Comments),
        move || {
            view! { <CommentsPage tabs comments total article back csrf prev next said/> }
        },
    )
}

/// `GET /newsroom/comments/<id>`: one comment, to edit or answer.
pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<QueueQuery>,
) -> Response {
    if let Err(r) = s.require(Permission::Moderate) {
        return r.into_response();
    }
    comment_page(
        &state,
        &s,
        id,
        StatusCode::OK,
        String::new(),
        Said::notice(done_notice(&q.done)),
    )
    .await
}

async fn comment_page(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    status: StatusCode,
    reply: String,
    said: Said,
) -> Response {
    let c = match state.store.comment(id).await {
        Ok(Some(c)) => c,
        Ok(None) => return gone(),
        Err(e) => return unavailable(e),
    };
    let body = c.comment.body.clone();
    let title = format!("Comment by {}", c.comment.name);
    let comment = queued(c, &SiteZone::of(&state.config));
    let csrf = s.csrf.clone();
    render(
        status,
        frame(state, &title, Some(s), Section::Comments),
        move || view! { <CommentPage comment body reply csrf said/> },
    )
}

fn gone() -> Response {
    Refused(
        StatusCode::NOT_FOUND,
        "There is no such comment. It may have been deleted.",
    )
    .into_response()
}

/// Where a button sends the editor back to: a newsroom address, or the queue.
fn back_to(back: &str, done: &str) -> String {
    let base = if back.starts_with("/newsroom/comments") && !back.contains("//") {
        back
    } else {
        "/newsroom/comments"
    };
    let joiner = if base.contains('?') { '&' } else { '?' };
    format!("{base}{joiner}done={done}")
}

#[derive(Deserialize, Default)]
pub struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    back: String,
}

/// `POST /newsroom/comments/<id>/status`: approve, unapprove, spam, trash, restore.
pub async fn set_status(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(f): Form<StatusForm>,
) -> Response {
    if let Err(r) = s.may_post(&f.csrf, Permission::Moderate) {
        return r.into_response();
    }
    let Some(to) = CommentStatus::parse(&f.to) else {
        return Refused(
            StatusCode::BAD_REQUEST,
            "A comment can be held, approved, spam or trash: nothing else.",
        )
        .into_response();
    };
    let now = clock::now().unix_timestamp();
    match state.store.set_comment_status(id, to, now).await {
        Ok(true) => {}
        Ok(false) => return gone(),
        Err(e) => return unavailable(e),
    }
    let address = client_address(&state, &headers, &extensions);
    let action = format!("comment {}", to.as_str());
    audit(
        &state,
        Some(s.staff.id),
        &action,
        &format!("comment {id}"),
        &address,
    )
    .await;
    no_store(Redirect::to(&back_to(&f.back, to.as_str())).into_response())
}

#[derive(Deserialize, Default)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

/// `POST /newsroom/comments/<id>/delete`: deletes a spam or binned comment for good.
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(f): Form<DeleteForm>,
) -> Response {
    if let Err(r) = s.may_post(&f.csrf, Permission::Moderate) {
        return r.into_response();
    }
    match state.store.delete_comment(id).await {
        Ok(true) => {}
        Ok(false) => {
            return Refused(
                StatusCode::CONFLICT,
                "Only a comment in Spam or Trash can be deleted for good. Move it there first.",
            )
            .into_response()
        }
        Err(e) => return unavailable(e),
    }
    let address = client_address(&state, &headers, &extensions);
    audit(
        &state,
        Some(s.staff.id),
        "comment deleted",
        &format!("comment {id}"),
        &address,
    )
    .await;
    let back = if f.back.starts_with(&format!("/newsroom/comments/{id}")) {
        "/newsroom/comments"
    } else {
        &f.back
    };
    no_store(Redirect::to(&back_to(back, "deleted")).into_response())
}

#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    comment: String,
}

/// `POST /newsroom/comments/<id>`: saves an edited comment.
pub async fn edit(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(f): Form<EditForm>,
) -> Response {
    if let Err(r) = s.may_post(&f.csrf, Permission::Moderate) {
        return r.into_response();
    }
    let checked = checked_name(&f.name)
        .and_then(|name| checked_body(&f.comment, STAFF_MAX_LINKS).map(|body| (name, body)));
    let (name, body) = match checked {
        Ok(v) => v,
        Err(p) => {
            return comment_page(
                &state,
                &s,
                id,
                p.status,
                String::new(),
                Said::problem(p.message),
            )
            .await
        }
    };
    let now = clock::now().unix_timestamp();
    match state.store.edit_comment(id, &name, &body, now).await {
        Ok(true) => {}
        Ok(false) => return gone(),
        Err(e) => return unavailable(e),
    }
    let address = client_address(&state, &headers, &extensions);
    audit(
        &state,
        Some(s.staff.id),
        "comment edited",
        &format!("comment {id}"),
        &address,
    )
    .await;
    no_store(Redirect::to(&format!("/newsroom/comments/{id}?done=saved")).into_response())
}

#[derive(Deserialize, Default)]
pub struct ReplyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    comment: String,
}

/// `POST /newsroom/comments/<id>/reply`: a reply under the comment (under its parent when it
/// is itself a reply), approved at once and signed with the editor's name. Answering a held
/// comment approves it.
pub async fn reply(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(f): Form<ReplyForm>,
) -> Response {
    if let Err(r) = s.may_post(&f.csrf, Permission::Moderate) {
        return r.into_response();
    }
    let problem = |status, m: String| {
        comment_page(&state, &s, id, status, f.comment.clone(), Said::problem(m))
    };
    let body = match checked_body(&f.comment, STAFF_MAX_LINKS) {
        Ok(b) => b,
        Err(p) => return problem(p.status, p.message).await,
    };
    let c = match state.store.comment(id).await {
        Ok(Some(c)) => c,
        Ok(None) => return gone(),
        Err(e) => return unavailable(e),
    };
    let now = clock::now().unix_timestamp();
    let parent = c.comment.parent_id.unwrap_or(id);
    let approving = c.comment.status() == CommentStatus::Held && c.comment.parent_id.is_none();
    if approving {
        if let Err(e) = state
            .store
            .set_comment_status(id, CommentStatus::Approved, now)
            .await
        {
            return unavailable(e);
        }
    }
    let address = match email::canonical(&s.staff.email) {
        Ok(a) => a,
        Err(_) => {
            return problem(
                StatusCode::CONFLICT,
                "Your account's email address cannot sign a comment. Change it in Staff first."
                    .into(),
            )
            .await
        }
    };
    let client = client_address(&state, &headers, &extensions);
    let new = NewComment {
        article_id: c.comment.article_id,
        parent_id: Some(parent),
        name: &s.staff.name,
        email: &address,
        body: &body,
        client: &client,
        staff_id: Some(s.staff.id),
    };
    // Staff replies skip the readers' limits and moderation (`Store::add_comment`).
    let rules = CommentRules {
        per_address: i64::MAX,
        per_client: i64::MAX,
        hold_all: false,
    };
    let added = state.store.add_comment(&new, rules, now).await;
    if approving && !matches!(added, Ok(Ok(_))) {
        // The reply did not go in: the comment goes back to waiting, as it was.
        if let Err(e) = state
            .store
            .set_comment_status(id, CommentStatus::Held, now)
            .await
        {
            return unavailable(e);
        }
    }
    match added {
        Ok(Ok(_)) => {}
        Ok(Err(CommentRefused::NoParent)) => return problem(
            StatusCode::CONFLICT,
            "The comment answered is not approved, so a reply would not show. Approve it first."
                .into(),
        )
        .await,
        Ok(Err(CommentRefused::NoArticle)) => {
            return problem(
                StatusCode::CONFLICT,
                "The article is not published, so a reply would not show.".into(),
            )
            .await
        }
        Ok(Err(_)) => {
            return problem(
                StatusCode::CONFLICT,
                "The reply could not be posted.".into(),
            )
            .await
        }
        Err(e) => return unavailable(e),
    }
    audit(
        &state,
        Some(s.staff.id),
        "comment reply",
        &format!("comment {id}"),
        &client,
    )
    .await;
    no_store(Redirect::to(&format!("/newsroom/comments/{id}?done=replied")).into_response())
}

#[derive(Deserialize, Default)]
pub struct ClosingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    closed: String,
}

/// `POST /newsroom/articles/<id>/comments`: closes an article to comments (`closed=1`) or
/// opens it again (`closed=0`).
pub async fn set_closed(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(f): Form<ClosingForm>,
) -> Response {
    if let Err(r) = s.may_post(&f.csrf, Permission::Moderate) {
        return r.into_response();
    }
    let closed = match f.closed.as_str() {
        "1" => true,
        "0" => false,
        _ => {
            return Refused(
                StatusCode::BAD_REQUEST,
                "Say whether to close (1) or open (0).",
            )
            .into_response()
        }
    };
    match state.store.set_comments_closed(id, closed).await {
        Ok(true) => {}
        Ok(false) => {
            return Refused(StatusCode::NOT_FOUND, "There is no such article.").into_response()
        }
        Err(e) => return unavailable(e),
    }
    let (action, done) = if closed {
        ("comments closed", "closed")
    } else {
        ("comments opened", "opened")
    };
    let address = client_address(&state, &headers, &extensions);
    audit(
        &state,
        Some(s.staff.id),
        action,
        &format!("article {id}"),
        &address,
    )
    .await;
    no_store(Redirect::to(&format!("/newsroom/comments?article={id}&done={done}")).into_response())
}
