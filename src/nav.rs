//! Client-side navigation between server-rendered pages.
//!
//! Every page is rendered on the server; the browser hydrates only the islands (the header's
//! menus, dialogs and ticker, the share bars). Once the bundle has loaded, a click on a link to
//! another page of the site, or a submitted form, fetches that page's HTML instead of loading
//! it: the parts of the page that differ (the `<main>` content, the page's own `<head>` tags,
//! `<html lang dir>`) are swapped in, new islands are hydrated, and the history entry is
//! pushed. The header stays as it is, with its state, so a navigation costs one HTML request
//! and no script or style is evaluated again. Back and forward restore the page and its scroll
//! position. Whatever cannot be handled this way (another origin, a download, a feed, a failed
//! request, a new release of the bundle) falls back to an ordinary page load.
//!
//! [`use_current_path`] is the path being shown, on the server (the request's path) and in the
//! browser (kept by the navigation), for `aria-current` and for closing menus on navigation.
//!
//! The browser side, in `nav/`: `intercept.rs` decides which clicks, form submissions and
//! history moves become visits; `visit.rs` fetches a page and decides whether it can be shown
//! in place; `swap.rs` puts it into the page on screen; `scroll.rs` keeps and restores scroll
//! positions and places the view.

#[cfg(feature = "hydrate")]
mod intercept;
#[cfg(feature = "hydrate")]
mod scroll;
#[cfg(feature = "hydrate")]
mod swap;
#[cfg(feature = "hydrate")]
mod visit;

use leptos::prelude::*;

#[cfg(not(feature = "ssr"))]
thread_local! {
    static PATH: ArcRwSignal<String> =
        ArcRwSignal::new(window().location().pathname().unwrap_or_default());
}

/// The path of the page being shown.
pub fn use_current_path() -> Signal<String> {
    // On the server, the request's own path, a plain value: `use_location` panicked now and then
    // ("outside a <Router>") when many renders ran at once (issue 11). URLs reach a render
    // canonically spelled (`canonical.rs`), so it is the path the router matched.
    #[cfg(feature = "ssr")]
    {
        // Read in place: `use_context` would clone the request's headers and extensions for
        // every menu link (issue 12).
        let path = with_context::<http::request::Parts, _>(|parts| parts.uri.path().to_string())
            .unwrap_or_default();
        Signal::stored(path)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let path = PATH.with(Clone::clone);
        Signal::derive(move || path.get())
    }
}

/// Shows the page at `to` (a path on this site), as a click on a link to it would.
pub fn navigate(to: &str) {
    #[cfg(feature = "hydrate")]
    visit::visit(visit::Visit::get(to));
    #[cfg(not(feature = "hydrate"))]
    let _ = to;
}

/// Starts handling links and forms in the page (browser only), once the first page's islands
/// are hydrated.
#[cfg(feature = "hydrate")]
pub fn start() {
    intercept::start();
}

/// Whether a same-origin path is one of the site's HTML pages (and not a feed, a sitemap, the
/// JSON API or a file), so that it can be shown without a page load.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn is_page_path(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    !(last.contains('.')
        || last == "feed"
        || path.starts_with("/feed/")
        || path.starts_with("/api/")
        || path.starts_with("/sitemaps/")
        || path.starts_with("/pkg/"))
}

#[cfg(test)]
mod tests {
    use super::is_page_path;

    #[test]
    fn pages_are_told_from_feeds_files_and_the_api() {
        for page in [
            "/",
            "/category/world/europe",
            "/2024/04/07/a-story",
            "/search",
            "/tag/x",
        ] {
            assert!(is_page_path(page), "{page}");
        }
        for other in [
            "/feed",
            "/feed/atom",
            "/category/world/feed",
            "/tag/x/feed",
            "/sitemap.xml",
            "/sitemaps/articles-1.xml",
            "/robots.txt",
            "/favicon.svg",
            "/api/search",
            "/pkg/timelines.abc.js",
        ] {
            assert!(!is_page_path(other), "{other}");
        }
    }
}
