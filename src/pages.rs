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

/// Room for a page's own HTML (what `<main>` holds) from the start: the demo's articles take
/// about 28 kB, its front page 57 kB.
#[cfg(feature = "ssr")]
const PAGE_BYTES: usize = 96 * 1024;

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
///
/// Once loaded, the page is written out at once into one string, inside the `Suspense`'s
/// future, and handed on as finished HTML. Left to the stream, every element was written into
/// a string of its own, grown as it went and copied into the stream's buffer (issue 12).
/// So a page's view must not wait on anything more: no `Suspense`, `Suspend` or resource read
/// of its own inside it (none has one; what it needs, `load` awaits). Branch markers are not
/// written (`mark_branches`: only the islands router asks for them; it is not used).
///
/// The page's tags for `<head>` (`leptos_meta`) are taken as it is written, which is when its
/// data arrives: sometimes while `Suspense` polls it early, sometimes in the stream's turn.
/// `SiteHead` stands after the router (`app.rs`) so that the site's own tags come after the
/// page's either way.
pub(crate) fn suspended_page(load: PageFuture) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let load = async move {
        use leptos::tachys::view::{Position, RenderHtml};
        let view = load.await;
        // Room for a whole page up front, rather than growing to it copy by copy.
        let mut html = String::with_capacity(view.html_len().max(PAGE_BYTES));
        view.to_html_with_buf(&mut html, &mut Position::FirstChild, true, false, vec![]);
        leptos::tachys::html::InertElement::new(html)
    };
    view! { <Suspense fallback=crate::components::Loading>{Suspend::new(load)}</Suspense> }
}
