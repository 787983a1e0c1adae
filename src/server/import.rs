//! Moving in from WordPress: its export files (WXR) read as a stream (`wxr.rs`), with
//! WordPress's dates (`dates.rs`); what each item becomes (`classify.rs`); its bodies made into
//! the portal's (`content.rs`); and its addresses as the redirect table keys them
//! (`old_links.rs`; the table itself is the store's `imported.rs`).

pub mod classify;
pub mod content;
pub mod dates;
pub mod old_links;
pub mod wxr;
