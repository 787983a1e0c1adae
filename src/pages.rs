//! One routed page per file.

mod archive;
mod article;
mod home;
/// The newsroom's pages: rendered by the server alone, never part of the reader's bundle.
#[cfg(feature = "ssr")]
pub mod newsroom;
mod not_found;
pub(crate) mod search;
mod static_page;
mod subscribe;

pub use archive::{AuthorPage, CategoryPage, DateArchivePage, TagPage};
pub use article::ArticlePage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use search::SearchPage;
pub use static_page::{SlugPage, StaticPage};
pub use subscribe::SubscribePage;

use leptos::prelude::*;
use leptos_meta::Html;

/// Sets `<html lang dir>` for the page being shown.
#[component]
pub fn PageLang(#[prop(into)] lang: String, #[prop(into)] dir: String) -> impl IntoView {
    view! { <Html {..} lang=lang dir=dir/> }
}

/// What a data page resolves to once its resources have loaded.
pub(crate) type PageFuture = std::pin::Pin<Box<dyn std::future::Future<Output = AnyView> + Send>>;

/// The frame of every page that waits on data: the view `load` resolves to. Pages render on the
/// server only (islands mode; client-side navigation swaps in the server's HTML, `nav/`), and
/// their routes use `SsrMode::Async`, so the server waits for `load` and the `Loading` fallback
/// is never sent. `load` is boxed so that every page shares one `Suspense` of one type: one
/// copy of the generic rendering code in the server binary instead of one per page.
///
/// `load` is one future, made once: `Suspense` walks its children once to start their
/// resources, again when they have loaded, and then renders them. A closure making the future
/// (the reactive form, for a page that re-renders in the browser) ran at each of the last two,
/// so the whole page was built twice per request and thrown away once: a seventh of an
/// article's render with the page cache off, nearly a third of the front page's (issue 12).
pub(crate) fn suspended_page(load: PageFuture) -> impl IntoView {
    view! { <Suspense fallback=crate::components::Loading>{Suspend::new(load)}</Suspense> }
}
