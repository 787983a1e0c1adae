//! `/newsroom/comments` (editors and admins, `Permission::Moderate`): the moderation queue by
//! state, one comment's page (edit, reply), the buttons that move a comment between states, and
//! opening or closing an article to comments. Every change is in the audit log; one that
//! readers see (an approval, an edit of an approved comment, a closed article) reaches every
//! page through the page cache within a second, as any newsroom write does.

use super::failure::unavailable;
use super::page::{frame, render, Answer, Refused};
use super::session::SignedIn;
use super::Permission;
use crate::pages::newsroom::{
    CommentPage, CommentsPage, QueueArticle, QueueTab, QueuedComment, Said, Section,
};
use crate::server::comments::text::paragraphs;
use crate::server::store::comments::{CommentOnArticle, CommentStatus};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use serde::Deserialize;

mod actions;
pub use actions::*;

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
) -> Answer {
    s.require(Permission::Moderate)?;
    let status = CommentStatus::parse(&q.status).unwrap_or(CommentStatus::Held);
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let article = match q.article {
        Some(id) => match (
            state.store.comments_closed(id).await,
            state.store.article_title(id).await,
        ) {
            (Ok(Some(closed)), Ok(Some(title))) => Some(QueueArticle { id, title, closed }),
            (Ok(_), Ok(_)) => {
                return Err(
                    Refused(StatusCode::NOT_FOUND, "There is no such article.").into_response()
                )
            }
            (Err(e), _) | (_, Err(e)) => return Err(unavailable(e)),
        },
        None => None,
    };
    let article_id = article.as_ref().map(|a| a.id);
    let (rows, total) = state
        .store
        .comment_queue(status, article_id, (page - 1) * PER_PAGE, PER_PAGE)
        .await
        .map_err(unavailable)?;
    let counts = state
        .store
        .comment_counts(article_id)
        .await
        .map_err(unavailable)?;
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
    Ok(render(
        StatusCode::OK,
        frame(&state, "Comments", Some(&s), Section::Comments),
        move || {
            view! { <CommentsPage tabs comments total article back csrf prev next said/> }
        },
    ))
}

/// `GET /newsroom/comments/<id>`: one comment, to edit or answer.
pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<QueueQuery>,
) -> Answer {
    s.require(Permission::Moderate)?;
    Ok(comment_page(
        &state,
        &s,
        id,
        StatusCode::OK,
        String::new(),
        Said::notice(done_notice(&q.done)),
    )
    .await)
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
