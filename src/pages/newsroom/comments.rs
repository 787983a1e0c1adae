//! `/newsroom/comments` (editors and admins): readers' comments by state (held first), each with
//! the buttons that move it (approve, unapprove, spam, trash, restore, delete for good); one
//! comment's page to edit it or answer it; an article's comments with the switch that opens or
//! closes it to comments.

use super::sections::Said;
use crate::components::CommentText;
use crate::model::CommentPiece;
use leptos::prelude::*;

/// One comment as the queue shows it.
#[derive(Debug, Clone)]
pub struct QueuedComment {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub client: String,
    /// When it was posted, in the newsroom's time zone.
    pub posted: String,
    pub staff: bool,
    pub reply: bool,
    pub paragraphs: Vec<Vec<CommentPiece>>,
    pub article_id: i64,
    pub article_title: String,
    /// The article's address, when it is published.
    pub article_href: Option<String>,
    /// "held", "approved", "spam" or "trash".
    pub status: &'static str,
}

/// A tab of the queue: its state, label, count and link.
#[derive(Debug, Clone)]
pub struct QueueTab {
    pub label: &'static str,
    pub count: i64,
    pub href: String,
    pub current: bool,
}

/// The article the queue is narrowed to.
#[derive(Debug, Clone)]
pub struct QueueArticle {
    pub id: i64,
    pub title: String,
    pub closed: bool,
}

/// The buttons of a comment in `status`: (the state it moves to, the button's words).
fn moves(status: &str) -> &'static [(&'static str, &'static str)] {
    match status {
        "held" => &[
            ("approved", "Approve"),
            ("spam", "Spam"),
            ("trash", "Trash"),
        ],
        "approved" => &[("held", "Unapprove"), ("spam", "Spam"), ("trash", "Trash")],
        "spam" => &[("held", "Not spam"), ("trash", "Trash")],
        _ => &[("held", "Restore")],
    }
}

#[component]
fn CommentActions(id: i64, status: &'static str, csrf: String, back: String) -> impl IntoView {
    let buttons = moves(status)
        .iter()
        .map(|(to, label)| {
            view! {
                <form method="post" action=format!("/newsroom/comments/{id}/status") class="nr-inline-form">
                    <input type="hidden" name="csrf" value=csrf.clone()/>
                    <input type="hidden" name="to" value=*to/>
                    <input type="hidden" name="back" value=back.clone()/>
                    <button type="submit" class="nr-button nr-button--small" aria-describedby=format!("c{id}-by")>{*label}</button>
                </form>
            }
        })
        .collect_view();
    let delete = matches!(status, "spam" | "trash").then(|| {
        view! {
            <form method="post" action=format!("/newsroom/comments/{id}/delete") class="nr-inline-form">
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <input type="hidden" name="back" value=back.clone()/>
                <button type="submit" class="nr-button nr-button--small nr-button--danger" aria-describedby=format!("c{id}-by")>"Delete for good"</button>
            </form>
        }
    });
    view! {
        <div class="nr-actions">
            {buttons}
            {delete}
            <a href=format!("/newsroom/comments/{id}") class="nr-button nr-button--small" aria-describedby=format!("c{id}-by")>"Edit or reply"</a>
        </div>
    }
}

#[component]
fn QueuedView(c: QueuedComment, csrf: String, back: String) -> impl IntoView {
    let id = c.id;
    let on = match c.article_href {
        Some(href) => view! { <a href=href dir="auto">{c.article_title}</a> }.into_any(),
        None => view! { <span dir="auto">{c.article_title}</span> }.into_any(),
    };
    view! {
        <li class="nr-comment">
            <p class="nr-comment__meta">
                <strong id=format!("c{id}-by") dir="auto">{c.name}</strong>
                {c.staff.then_some(" (staff)")}
                " · " <span>{c.email}</span>
                " · " <span>{c.client}</span>
                " · " <span>{c.posted}</span>
                {c.reply.then_some(" · a reply")}
            </p>
            <p class="nr-comment__on">
                "On " {on} " · "
                <a href=format!("/newsroom/comments?article={}&status={}", c.article_id, c.status)>"All its comments"</a>
            </p>
            <div class="nr-comment__body" dir="auto"><CommentText paragraphs=c.paragraphs/></div>
            <CommentActions id status=c.status csrf back/>
        </li>
    }
}

#[component]
pub fn CommentsPage(
    tabs: Vec<QueueTab>,
    comments: Vec<QueuedComment>,
    total: i64,
    article: Option<QueueArticle>,
    /// This page's own address (the buttons come back to it).
    back: String,
    csrf: String,
    prev: Option<String>,
    next: Option<String>,
    said: Said,
) -> impl IntoView {
    let heading = match &article {
        Some(a) => format!("Comments on “{}”", a.title),
        None => "Comments".to_string(),
    };
    let tabs = tabs
        .into_iter()
        .map(|t| {
            let label = format!("{} ({})", t.label, t.count);
            view! { <li><a href=t.href aria-current=t.current.then_some("page")>{label}</a></li> }
        })
        .collect_view();
    let switch = article.as_ref().map(|a| {
        let (state, button, value) = if a.closed {
            ("Comments are closed on this article.", "Open to comments", "0")
        } else {
            ("This article takes comments.", "Close comments", "1")
        };
        view! {
            <form method="post" action=format!("/newsroom/articles/{}/comments", a.id) class="nr-form nr-form--inline">
                <p>{state}</p>
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <input type="hidden" name="closed" value=value/>
                <input type="hidden" name="back" value=back.clone()/>
                <button type="submit" class="nr-button">{button}</button>
                " " <a href="/newsroom/comments">"All comments"</a>
            </form>
        }
    });
    let shown = match total {
        0 => "No comments here.".to_string(),
        1 => "1 comment.".to_string(),
        n => format!("{n} comments."),
    };
    let items = comments
        .into_iter()
        .map(|c| view! { <QueuedView c csrf=csrf.clone() back=back.clone()/> })
        .collect_view();
    view! {
        <h1 dir="auto">{heading}</h1>
        {said.notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {said.problem.map(|p| view! { <p class="nr-error" role="alert">{p}</p> })}
        {switch}
        <nav aria-label="Comments by state"><ul class="nr-tabs">{tabs}</ul></nav>
        <p>{shown}</p>
        <ol class="nr-comments" role="list">{items}</ol>
        <nav class="nr-pager" aria-label="Pages of comments">
            {prev.map(|h| view! { <a href=h rel="prev">"Previous"</a> })}
            {next.map(|h| view! { <a href=h rel="next">"Next"</a> })}
        </nav>
    }
}

/// One comment's page: what it says (to edit), and a reply from the newsroom.
#[component]
pub fn CommentPage(
    comment: QueuedComment,
    /// The comment's text as stored (plain text).
    body: String,
    /// The reply typed, when it comes back with a problem.
    reply: String,
    csrf: String,
    said: Said,
) -> impl IntoView {
    let id = comment.id;
    let name = comment.name.clone();
    let back = format!("/newsroom/comments/{id}");
    let answer_note = if comment.reply {
        "It is a reply: yours goes under the comment it answers, as the thread is one level deep."
    } else {
        "Your reply appears under it at once, with your name."
    };
    let approve_note = (comment.status == "held")
        .then_some(" Replying approves the comment, so that your answer shows under it.");
    view! {
        <h1 dir="auto">{format!("Comment by {}", comment.name)}</h1>
        {said.notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {said.problem.map(|p| view! { <p class="nr-error" role="alert">{p}</p> })}
        <p><a href="/newsroom/comments">"All comments"</a></p>
        <ol class="nr-comments" role="list">
            <QueuedView c=comment csrf=csrf.clone() back=back/>
        </ol>
        <section class="nr-panel" aria-labelledby="edit-heading">
            <h2 id="edit-heading">"Edit"</h2>
            <form method="post" action=format!("/newsroom/comments/{id}") class="nr-form">
                <input type="hidden" name="csrf" value=csrf.clone()/>
                <div class="nr-field">
                    <label for="comment-name">"Name"</label>
                    <input id="comment-name" name="name" type="text" required maxlength="80" value=name dir="auto"/>
                </div>
                <div class="nr-field">
                    <label for="comment-body">"Comment"</label>
                    <textarea id="comment-body" name="comment" required rows="8" dir="auto">{super::textarea_text(&body)}</textarea>
                </div>
                <button type="submit" class="nr-button">"Save comment"</button>
            </form>
        </section>
        <section class="nr-panel" aria-labelledby="reply-heading">
            <h2 id="reply-heading">"Reply"</h2>
            <p>{answer_note}{approve_note}</p>
            <form method="post" action=format!("/newsroom/comments/{id}/reply") class="nr-form">
                <input type="hidden" name="csrf" value=csrf/>
                <div class="nr-field">
                    <label for="reply-body">"Your reply"</label>
                    <textarea id="reply-body" name="comment" required rows="6" dir="auto">{super::textarea_text(&reply)}</textarea>
                </div>
                <button type="submit" class="nr-button">"Post reply"</button>
            </form>
        </section>
    }
}
