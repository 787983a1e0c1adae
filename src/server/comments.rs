//! Readers' comments on the server: what a comment may hold and how it is shown (`text.rs`), the
//! form's signed time and the held comment's link (`form.rs`), posting one with its checks
//! (`post.rs`), and the rows made into what the article page shows (`view.rs`). The SQL is in
//! `store/comments.rs`; the newsroom's moderation in `newsroom/comments.rs`.
//!
//! The moderation rules: a reader's first comment from an address waits for an editor; once
//! one of the address's comments is approved, its later ones appear at once
//! (`comments.hold_all` holds every one). Staff replies written in the newsroom appear at once.
//! A held comment is shown only through the link its author is sent to after posting (signed,
//! so nobody can guess another's), never on the page everyone gets.

pub mod form;
pub mod post;
pub mod text;
pub mod view;
