//! Readers' comments as the article page shows them, and the comment form's state.

use super::Stamp;
use serde::{Deserialize, Serialize};

/// A piece of a comment's paragraph: its text, or a link found in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentPiece {
    Text(String),
    Link {
        href: String,
        text: String,
    },
    /// A line break within the paragraph.
    Break,
}

/// One comment as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub name: String,
    /// Written by the newsroom's staff (shown as such).
    pub staff: bool,
    pub posted: Stamp,
    pub paragraphs: Vec<Vec<CommentPiece>>,
    /// Replies, oldest first (one level deep).
    pub replies: Vec<CommentView>,
}

/// Who the form answers, when it answers a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyTo {
    pub id: i64,
    pub name: String,
}

/// What a refused post left in the form, and why it was refused (the page comes back with them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentDraft {
    pub name: String,
    pub email: String,
    pub body: String,
    pub problem: String,
}

/// The comments section under an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentsSection {
    pub article_id: i64,
    /// The article's address (the form comes back to it).
    pub href: String,
    pub count: u32,
    pub comments: Vec<CommentView>,
    /// The reader's own comment awaiting moderation (`?held=` link: only its author has it).
    pub held: Option<CommentView>,
    /// The article takes comments.
    pub open: bool,
    /// The form's signed time (`server::comments::form`).
    pub form_token: String,
    pub reply_to: Option<ReplyTo>,
    /// "The comment you answered is no longer there" and the like, for a `?reply=` gone stale.
    pub notice: Option<String>,
}

/// What posting a comment from the page's script answers (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPosted {
    /// True when it waits for an editor.
    pub held: bool,
    /// Where the comment is: the article with its anchor (and the held link's query).
    pub href: String,
    /// The comment as the thread draws it, rendered by the server (its text escaped there), so
    /// the reader's bundle carries no code to draw one.
    pub html: String,
    /// What the reader is told.
    pub message: String,
}

/// What posting a comment from the page's script answers when it is refused (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentError {
    pub error: String,
}

/// The count as the meta line and cards say it, in the article's language.
pub fn comment_count_label(n: u32, lang: &str) -> String {
    match (lang.starts_with("ar"), n) {
        (true, 0) => "لا توجد تعليقات".into(),
        (true, 1) => "تعليق واحد".into(),
        (true, 2) => "تعليقان".into(),
        (true, n) => format!("{n} تعليقات"),
        (false, 0) => "No Comments".into(),
        (false, 1) => "1 Comment".into(),
        (false, n) => format!("{n} Comments"),
    }
}
