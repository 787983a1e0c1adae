//! `/newsroom/messages` (editors and admins): readers' messages from the contact form, newest
//! first, the unread marked; one message's page with its text, a link that answers it by mail,
//! and "Delete message".

use super::sections::Said;
use crate::components::CommentText;
use crate::model::CommentPiece;
use leptos::prelude::*;

/// A message in the list.
#[derive(Debug, Clone)]
pub struct MessageLine {
    pub href: String,
    pub subject: String,
    pub from: String,
    pub when: String,
    pub unread: bool,
}

/// One message, whole.
#[derive(Debug, Clone)]
pub struct ContactMessageView {
    pub id: i64,
    pub subject: String,
    pub name: String,
    pub email: String,
    pub client: String,
    pub when: String,
    pub paragraphs: Vec<Vec<CommentPiece>>,
    /// `mailto:` the reader, with the subject answered.
    pub answer_href: String,
}

#[component]
pub fn MessagesPage(
    messages: Vec<MessageLine>,
    total: i64,
    unread: i64,
    prev: Option<String>,
    next: Option<String>,
    said: Said,
) -> impl IntoView {
    let summary = match (total, unread) {
        (0, _) => "No messages yet: readers write from the contact page.".to_string(),
        (1, 1) => "1 message, unread.".to_string(),
        (1, _) => "1 message.".to_string(),
        (t, 0) => format!("{t} messages."),
        (t, u) => format!("{t} messages, {u} unread."),
    };
    let rows = messages
        .into_iter()
        .map(|m| {
            view! {
                <tr class:nr-unread=m.unread>
                    <td>{m.when}</td>
                    <td dir="auto">{m.from}</td>
                    <td><a href=m.href dir="auto">{m.subject}</a></td>
                    <td>{if m.unread { "New" } else { "Read" }}</td>
                </tr>
            }
        })
        .collect_view();
    let table = (total > 0).then(|| {
        view! {
            <div class="nr-table-wrap" role="region" aria-label="Messages" tabindex="0">
                <table class="nr-table">
                    <caption class="nr-visually-hidden">"Readers' messages, newest first"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"When"</th>
                            <th scope="col">"From"</th>
                            <th scope="col">"Subject"</th>
                            <th scope="col">"State"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    view! {
        <h1>"Messages"</h1>
        {said.notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        <p>{summary}</p>
        {table}
        <nav class="nr-pager" aria-label="Pages of messages">
            {prev.map(|h| view! { <a href=h rel="prev">"Newer messages"</a> })}
            {next.map(|h| view! { <a href=h rel="next">"Older messages"</a> })}
        </nav>
    }
}

#[component]
pub fn ContactMessagePage(message: ContactMessageView, csrf: String) -> impl IntoView {
    let m = message;
    view! {
        <h1 dir="auto">{m.subject}</h1>
        <p><a href="/newsroom/messages">"All messages"</a></p>
        <p class="nr-comment__meta">
            "From " <strong dir="auto">{m.name}</strong> " · " <span>{m.email}</span>
            " · " <span>{m.client}</span> " · " <span>{m.when}</span>
        </p>
        <div class="nr-comment__body nr-panel" dir="auto"><CommentText paragraphs=m.paragraphs/></div>
        <div class="nr-actions">
            <a class="nr-button" href=m.answer_href>"Answer by email"</a>
            <form method="post" action=format!("/newsroom/messages/{}/delete", m.id) class="nr-inline-form">
                <input type="hidden" name="csrf" value=csrf/>
                <button type="submit" class="nr-button nr-button--danger">"Delete message"</button>
            </form>
        </div>
    }
}
