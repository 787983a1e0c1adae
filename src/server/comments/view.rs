//! Comment rows made into what the article page shows.

use super::text::paragraphs;
use crate::model::CommentView;
use crate::server::clock;
use crate::server::store::comments::CommentRow;
use time::OffsetDateTime;

/// One comment as shown (without its replies).
pub fn comment_view(row: &CommentRow, now: OffsetDateTime) -> CommentView {
    CommentView {
        id: row.id,
        name: row.name.clone(),
        staff: row.staff_id.is_some(),
        posted: clock::stamp(row.created_at, now),
        paragraphs: paragraphs(&row.body),
        replies: vec![],
    }
}

/// The visible comments (oldest first) as a thread: each reply under its parent.
pub fn thread(rows: &[CommentRow], now: OffsetDateTime) -> Vec<CommentView> {
    let mut top: Vec<CommentView> = rows
        .iter()
        .filter(|r| r.parent_id.is_none())
        .map(|r| comment_view(r, now))
        .collect();
    for reply in rows.iter().filter(|r| r.parent_id.is_some()) {
        if let Some(parent) = top.iter_mut().find(|c| Some(c.id) == reply.parent_id) {
            parent.replies.push(comment_view(reply, now));
        }
    }
    top
}
