//! Moving in from WordPress: its export files (WXR) read as a stream (`wxr.rs`), with
//! WordPress's dates (`dates.rs`); what each item becomes (`classify.rs`); and its bodies made
//! into the portal's (`content.rs`).

pub mod classify;
pub mod content;
pub mod dates;
pub mod wxr;
