//! Wire types shared by the server and the browser. Everything time-dependent (relative times,
//! formatted dates) is computed on the server and shipped here, so hydration never disagrees.
//!
//! One file per part of the site: the frame (`site.rs`), articles (`article.rs`), comments (`comments.rs`), the home,
//! archive and static pages (`pages.rs`), search (`search.rs`), the newsletter sign-up
//! (`subscribe.rs`), languages (`language.rs`), slugs (`slug.rs`) and the theme cookie (`theme.rs`). Everything is
//! re-exported here: code names a type as `crate::model::X`.

mod article;
mod comments;
mod language;
mod pages;
mod search;
mod site;
mod slug;
mod subscribe;
mod theme;

pub use article::*;
pub use comments::*;
pub use language::*;
pub use pages::*;
pub use search::*;
pub use site::*;
pub use slug::*;
pub use subscribe::*;
pub use theme::*;
