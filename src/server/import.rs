//! Moving in from WordPress: its export files (WXR) read as a stream (`wxr.rs`), with
//! WordPress's dates (`dates.rs`); what each item becomes (`classify.rs`); its bodies made into
//! the portal's (`content.rs`); and its addresses as the redirect table keys them
//! (`old_links.rs`; the table itself is the store's `imported.rs`). An import (`run.rs`) makes
//! the authors (`people.rs`), categories and tags (`sections.rs`), pictures (`pictures.rs`),
//! articles and pages (`posts.rs`) and the comments under articles (`comments.rs`), showing its progress (`progress.rs`) and saying what it
//! did (`report.rs`).

pub mod classify;
mod comments;
pub mod content;
pub mod dates;
pub mod old_links;
mod people;
mod pictures;
mod posts;
pub mod progress;
pub mod report;
mod run;
mod sections;
mod slugs;
pub mod wxr;

pub use run::{import, ImportError, Options, Source};
