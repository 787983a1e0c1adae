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
    client::visit(client::Visit::get(to));
    #[cfg(not(feature = "hydrate"))]
    let _ = to;
}

/// Starts handling links and forms in the page (browser only), once the first page's islands
/// are hydrated.
#[cfg(feature = "hydrate")]
pub fn start() {
    client::start();
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

/// `<head>` tags that belong to the page rather than to the shell: they are replaced on
/// navigation. (The shell's charset, viewport, icon, stylesheet and scripts stay.)
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const PAGE_HEAD: &str =
    "meta[name]:not([name=viewport]):not([name=color-scheme]), meta[property], \
     link[rel=canonical], link[rel=alternate], link[rel=prev], link[rel=next], \
     script[type=\"application/ld+json\"]";

#[cfg(feature = "hydrate")]
mod client {
    use super::{is_page_path, PAGE_HEAD, PATH};
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use leptos::web_sys::{
        self, AbortController, Document, Element, HtmlAnchorElement, HtmlElement, HtmlFormElement,
        ScrollRestoration, Url,
    };
    use std::cell::{Cell, RefCell};
    use std::time::Duration;

    thread_local! {
        /// Numbers visits, so that only the newest one is shown.
        static SEQ: Cell<u32> = const { Cell::new(0) };
        static IN_FLIGHT: RefCell<Option<AbortController>> = const { RefCell::new(None) };
        /// Path and query of the page on screen (a change of the hash alone is no visit).
        static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
        static SCROLL_TIMER: RefCell<Option<TimeoutHandle>> = const { RefCell::new(None) };
    }

    pub struct Visit {
        url: String,
        /// The form data of a POST and the form (submitted natively if the request fails).
        post: Option<(web_sys::UrlSearchParams, HtmlFormElement)>,
        /// False for back and forward: the history entry is already there.
        push: bool,
        /// Where to scroll once shown (back and forward), else to the top or the URL's hash.
        scroll_to: Option<f64>,
    }

    impl Visit {
        pub fn get(url: &str) -> Self {
            Visit {
                url: url.to_string(),
                post: None,
                push: true,
                scroll_to: None,
            }
        }
    }

    fn path_and_query(url: &Url) -> String {
        format!("{}{}", url.pathname(), url.search())
    }

    fn absolute(url: &str) -> Option<Url> {
        Url::new_with_base(url, &window().location().href().ok()?).ok()
    }

    fn same_origin(url: &Url) -> bool {
        window().location().origin().ok().as_deref() == Some(url.origin().as_str())
    }

    pub fn start() {
        if let Some(url) = window()
            .location()
            .href()
            .ok()
            .and_then(|h| Url::new(&h).ok())
        {
            SHOWN.with(|s| *s.borrow_mut() = path_and_query(&url));
        }
        if let Ok(history) = window().history() {
            // Back and forward between pages shown in place scroll where the reader was; so
            // does a reload, or a return from another site, to an entry that remembers it
            // (unless the reader has scrolled already while the bundle loaded).
            let _ = history.set_scroll_restoration(ScrollRestoration::Manual);
            if let Some(y) = history.state().ok().and_then(|s| s.as_f64()) {
                if window().scroll_y().unwrap_or(0.0) == 0.0 {
                    window().scroll_to_with_x_and_y(0.0, y);
                }
            }
        }
        // Called once the first page's islands are hydrated: their handlers (on their own
        // elements) see an event before these (on the window), and may take it for themselves
        // with `prevent_default`.
        drop(window_event_listener(leptos::ev::click, on_click));
        drop(window_event_listener(leptos::ev::submit, on_submit));
        drop(window_event_listener(leptos::ev::popstate, on_popstate));
        drop(window_event_listener(leptos::ev::scroll, |_| {
            remember_scroll_soon()
        }));
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-js", "true");
        }
    }

    /// Keeps the scroll position in the current history entry, for back and forward.
    fn remember_scroll() {
        if let Ok(history) = window().history() {
            let y = window().scroll_y().unwrap_or(0.0);
            let _ = history.replace_state(&JsValue::from_f64(y), "");
        }
    }

    fn remember_scroll_soon() {
        SCROLL_TIMER.with(|t| {
            if let Some(h) = t.borrow_mut().take() {
                h.clear();
            }
            *t.borrow_mut() =
                set_timeout_with_handle(remember_scroll, Duration::from_millis(150)).ok();
        });
    }

    fn on_click(ev: web_sys::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(a) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .and_then(|el| el.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        let target = a.target();
        if !(target.is_empty() || target == "_self")
            || a.has_attribute("download")
            || a.rel().split_whitespace().any(|r| r == "external")
        {
            return;
        }
        let Ok(url) = Url::new(&a.href()) else {
            return;
        };
        if !same_origin(&url) || !is_page_path(&url.pathname()) {
            return;
        }
        // A link to a place in the page on screen: the browser scrolls to it.
        if !url.hash().is_empty() && SHOWN.with(|s| *s.borrow() == path_and_query(&url)) {
            return;
        }
        ev.prevent_default();
        visit(Visit::get(&url.href()));
    }

    fn on_submit(ev: web_sys::SubmitEvent) {
        if ev.default_prevented() {
            return;
        }
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        // The button that submitted the form may name its own action, method and target, and
        // sends its own name and value, as in a plain submission.
        let button = ev.submitter();
        let attr = |name: &str| {
            button
                .as_ref()
                .and_then(|b| b.get_attribute(name))
                .filter(|v| !v.is_empty())
        };
        let method = attr("formmethod")
            .unwrap_or_else(|| form.method())
            .to_ascii_lowercase();
        let target = attr("formtarget").unwrap_or_else(|| form.target());
        let enctype = attr("formenctype").unwrap_or_else(|| form.enctype());
        if !(method == "get" || method == "post")
            || !(target.is_empty() || target == "_self")
            || enctype == "multipart/form-data"
        {
            return;
        }
        let action = match attr("formaction") {
            Some(a) => a,
            None => form.action(),
        };
        let Some(url) = absolute(&action) else {
            return;
        };
        if !same_origin(&url) || !is_page_path(&url.pathname()) {
            return;
        }
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        if let (Some(b), Some(name)) = (&button, attr("name")) {
            let value = web_sys::js_sys::Reflect::get(b, &"value".into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let _ = data.append_with_str(&name, &value);
        }
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data) else {
            return;
        };
        ev.prevent_default();
        let post = if method == "get" {
            url.set_search(&String::from(params.to_string()));
            url.set_hash("");
            None
        } else {
            Some((params, form))
        };
        visit(Visit {
            url: url.href(),
            post,
            push: true,
            scroll_to: None,
        });
    }

    fn on_popstate(ev: web_sys::PopStateEvent) {
        let Some(url) = window()
            .location()
            .href()
            .ok()
            .and_then(|h| Url::new(&h).ok())
        else {
            return;
        };
        let saved = ev.state().as_f64();
        // Back or forward within the page on screen (between its #places): no visit, but the
        // browser leaves scrolling to us (manual scroll restoration).
        if SHOWN.with(|s| *s.borrow() == path_and_query(&url)) {
            match (saved, target_of(&url.hash())) {
                (Some(y), _) => window().scroll_to_with_x_and_y(0.0, y),
                (None, Some(el)) => el.scroll_into_view(),
                (None, None) => window().scroll_to_with_x_and_y(0.0, 0.0),
            }
            return;
        }
        visit(Visit {
            url: url.href(),
            post: None,
            push: false,
            scroll_to: Some(saved.unwrap_or(0.0)),
        });
    }

    /// The element a URL's `#hash` points at.
    fn target_of(hash: &str) -> Option<Element> {
        hash.strip_prefix('#')
            .filter(|id| !id.is_empty())
            .and_then(|id| document().get_element_by_id(id))
    }

    fn root() -> Option<Element> {
        document().document_element()
    }

    /// An ordinary page load: the fallback for whatever this module cannot show in place.
    fn load(url: &str) {
        let _ = window().location().assign(url);
    }

    pub fn visit(visit: Visit) {
        let seq = SEQ.with(|s| {
            s.set(s.get() + 1);
            s.get()
        });
        let Ok(controller) = AbortController::new() else {
            return load(&visit.url);
        };
        let signal = controller.signal();
        if let Some(old) = IN_FLIGHT.with(|f| f.borrow_mut().replace(controller)) {
            old.abort();
        }
        if let Some(root) = root() {
            let _ = root.class_list().add_1("is-navigating");
        }
        if let Some(main) = document().get_element_by_id("main") {
            let _ = main.set_attribute("aria-busy", "true");
        }
        leptos::task::spawn_local(async move {
            let response = fetch(&visit, &signal).await;
            let current = || SEQ.with(Cell::get) == seq && !signal.aborted();
            if !current() {
                return;
            }
            let failed = |visit: &Visit| match &visit.post {
                Some((_, form)) => {
                    let _ = form.submit();
                }
                None => load(&visit.url),
            };
            let Some((final_url, text)) = response else {
                return failed(&visit);
            };
            let Some(text) = text else {
                return load(&final_url);
            };
            if !current() {
                return;
            }
            let Some(next) = web_sys::DomParser::new().ok().and_then(|p| {
                p.parse_from_string(&text, web_sys::SupportedType::TextHtml)
                    .ok()
            }) else {
                return load(&final_url);
            };
            // The page's URL without its hash, as the server answered it (after redirects),
            // plus the hash asked for.
            let hash = Url::new(&visit.url).map(|u| u.hash()).unwrap_or_default();
            let shown_url = format!(
                "{}{}",
                final_url.split('#').next().unwrap_or_default(),
                hash
            );
            // A new release of the bundle (load the page, so that it runs), or a frame that
            // differs (new menus, a new day's trending list: load it rather than leave the
            // islands of the old one running detached), or no content to swap.
            let frame = |d: &Document| {
                d.query_selector("[data-frame]")
                    .ok()
                    .flatten()
                    .and_then(|el| el.get_attribute("data-frame"))
            };
            if bundle_of(&document()) != bundle_of(&next)
                || frame(&document()).is_none()
                || frame(&document()) != frame(&next)
                || next.get_element_by_id("main").is_none()
            {
                remember_scroll();
                return load(&shown_url);
            }
            if let Ok(history) = window().history() {
                let here = window().location().href().unwrap_or_default();
                if visit.push && here != shown_url {
                    remember_scroll();
                    let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&shown_url));
                } else if visit.push {
                    // The page on screen again (a link to itself): no new history entry.
                    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&shown_url));
                } else if final_url != visit.url.split('#').next().unwrap_or_default() {
                    let y = JsValue::from_f64(visit.scroll_to.unwrap_or(0.0));
                    let _ = history.replace_state_with_url(&y, "", Some(&shown_url));
                }
            }
            let islands = swap(&next);
            if let Ok(url) = Url::new(&shown_url) {
                SHOWN.with(|s| *s.borrow_mut() = path_and_query(&url));
                PATH.with(|p| p.set(url.pathname()));
            }
            IN_FLIGHT.with(|f| f.borrow_mut().take());
            if let Some(root) = root() {
                let _ = root.class_list().remove_1("is-navigating");
            }
            hydrate(&islands);
            if let Some((sent, _)) = &visit.post {
                refill(sent);
            }
            place_view(&visit, &hash);
        });
    }

    /// A form the server sent back with a problem (`data-refill`) gets what the reader typed
    /// into it again, so that nothing is lost. (Without JavaScript the browser's own history
    /// keeps it: back returns to the filled form.)
    fn refill(sent: &web_sys::UrlSearchParams) {
        let Ok(fields) = document().query_selector_all("form[data-refill] input[name]") else {
            return;
        };
        for input in elements(fields) {
            let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() else {
                continue;
            };
            if matches!(
                input.type_().as_str(),
                "password" | "hidden" | "submit" | "button"
            ) {
                continue;
            }
            if let Some(value) = sent.get(&input.name()) {
                input.set_value(&value);
            }
        }
    }

    /// Fetches the visit's page: the URL it came from (after redirects) and its HTML, or None
    /// for the HTML when the answer is something else (a file, a feed). None when the request
    /// failed or was aborted.
    async fn fetch(
        visit: &Visit,
        signal: &web_sys::AbortSignal,
    ) -> Option<(String, Option<String>)> {
        use wasm_bindgen_futures::JsFuture;
        let init = web_sys::RequestInit::new();
        let headers = web_sys::Headers::new().ok()?;
        headers.set("Accept", "text/html").ok()?;
        init.set_headers(&headers);
        init.set_signal(Some(signal));
        if let Some((body, _)) = &visit.post {
            init.set_method("POST");
            init.set_body_opt_url_search_params(Some(body));
        }
        let response: web_sys::Response =
            JsFuture::from(window().fetch_with_str_and_init(&visit.url, &init))
                .await
                .ok()?
                .dyn_into()
                .ok()?;
        let url = Some(response.url())
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| visit.url.clone());
        let is_html = response
            .headers()
            .get("content-type")
            .ok()
            .flatten()
            .is_some_and(|t| t.starts_with("text/html"));
        if !is_html {
            return Some((url, None));
        }
        let text = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        Some((url, Some(text)))
    }

    /// The bundle a page runs (its hashed script name, on the loader's script: app.rs).
    fn bundle_of(doc: &Document) -> Option<String> {
        doc.get_element_by_id("islands")
            .and_then(|l| l.get_attribute("data-bundle"))
    }

    fn elements(list: web_sys::NodeList) -> Vec<Element> {
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    /// Puts the parts of `next` that change from page to page into this one; returns the
    /// islands put in.
    fn swap(next: &Document) -> Vec<Element> {
        let doc = document();
        // <html lang dir>: an Arabic article is right to left.
        if let (Some(root), Some(new_root)) = (doc.document_element(), next.document_element()) {
            for name in ["lang", "dir"] {
                let _ = match new_root.get_attribute(name) {
                    Some(v) => root.set_attribute(name, &v),
                    None => root.remove_attribute(name),
                };
            }
        }
        doc.set_title(&next.title());
        if let (Some(head), Ok(old), Ok(new)) = (
            doc.head(),
            doc.query_selector_all(PAGE_HEAD),
            next.query_selector_all(PAGE_HEAD),
        ) {
            for el in elements(old) {
                el.remove();
            }
            for el in elements(new) {
                let _ = head.append_child(&el);
            }
        }
        // The content; the frame around it (header, navigation, footer) stays, with the state
        // of its islands (the caller has checked that the server renders it the same).
        let (Some(main), Some(new_main)) = (
            doc.get_element_by_id("main"),
            next.get_element_by_id("main"),
        ) else {
            return vec![];
        };
        let _ = main.replace_with_with_node_1(&new_main);
        new_main
            .query_selector_all("leptos-island")
            .map(elements)
            .unwrap_or_default()
    }

    /// Hydrates islands that a navigation put into the page (with the function the loader,
    /// src/islands.js, defines for that).
    fn hydrate(islands: &[Element]) {
        let Ok(f) = web_sys::js_sys::Reflect::get(&window(), &"__hydrateIsland".into()) else {
            return;
        };
        let Some(f) = f.dyn_ref::<web_sys::js_sys::Function>() else {
            return;
        };
        for el in islands {
            let _ = f.call1(&JsValue::NULL, el);
        }
    }

    /// Scrolls and moves focus as a page load would: back and forward return to where the
    /// reader was; otherwise to the URL's hash, or to the top with focus on the new content
    /// (or on what the page marks with `data-nav-focus`, such as a form's outcome).
    fn place_view(visit: &Visit, hash: &str) {
        let doc = document();
        if let Some(y) = visit.scroll_to {
            window().scroll_to_with_x_and_y(0.0, y);
            return;
        }
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        if let Some(target) = target_of(hash) {
            target.scroll_into_view();
            return;
        }
        window().scroll_to_with_x_and_y(0.0, 0.0);
        let focus = doc
            .query_selector("[data-nav-focus]")
            .ok()
            .flatten()
            .or_else(|| doc.get_element_by_id("main"));
        if let Some(el) = focus.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
            // After the islands' effects have run: a dialog closed by the navigation (the
            // off-canvas menu) hands focus back to its button first.
            set_timeout(
                move || {
                    let _ = el.focus_with_options(&options);
                },
                Duration::ZERO,
            );
        }
    }
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
