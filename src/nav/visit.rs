//! A visit: fetch the page, then show it in place (history entry, swap, islands, view) or, when
//! it cannot be shown in place, load it the ordinary way.

use super::scroll::{place_view, remember_scroll};
use super::swap::{hydrate, refill, swap};
use super::PATH;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{self, AbortController, Document, Element, HtmlFormElement, Url};
use std::cell::{Cell, RefCell};

thread_local! {
    /// Numbers visits, so that only the newest one is shown.
    static SEQ: Cell<u32> = const { Cell::new(0) };
    static IN_FLIGHT: RefCell<Option<AbortController>> = const { RefCell::new(None) };
    /// Path and query of the page on screen (a change of the hash alone is no visit).
    pub(super) static SHOWN: RefCell<String> = const { RefCell::new(String::new()) };
}

pub(super) struct Visit {
    pub(super) url: String,
    /// The form data of a POST and the form (submitted natively if the request fails).
    pub(super) post: Option<(web_sys::UrlSearchParams, HtmlFormElement)>,
    /// False for back and forward: the history entry is already there.
    pub(super) push: bool,
    /// Where to scroll once shown (back and forward), else to the top or the URL's hash.
    pub(super) scroll_to: Option<f64>,
}

impl Visit {
    pub(super) fn get(url: &str) -> Self {
        Visit {
            url: url.to_string(),
            post: None,
            push: true,
            scroll_to: None,
        }
    }
}

pub(super) fn path_and_query(url: &Url) -> String {
    format!("{}{}", url.pathname(), url.search())
}

fn root() -> Option<Element> {
    document().document_element()
}

/// An ordinary page load: the fallback for whatever this module cannot show in place.
pub(super) fn load(url: &str) {
    let _ = window().location().assign(url);
}

/// Shows the page `visit` asks for: in place when it can, else by an ordinary page load. Only
/// the newest visit is shown; an older one still loading is aborted.
pub(super) fn visit(visit: Visit) {
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

/// Fetches the visit's page: the URL it came from (after redirects) and its HTML, or None
/// for the HTML when the answer is something else (a file, a feed). None when the request
/// failed or was aborted.
async fn fetch(visit: &Visit, signal: &web_sys::AbortSignal) -> Option<(String, Option<String>)> {
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

/// The bundle a page runs (its hashed script name, on the loader's script: server/shell.rs).
fn bundle_of(doc: &Document) -> Option<String> {
    doc.get_element_by_id("islands")
        .and_then(|l| l.get_attribute("data-bundle"))
}
