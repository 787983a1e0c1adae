//! Which clicks, form submissions and history moves become visits: same-origin links and forms
//! to the site's pages, and back and forward between pages shown in place.

use super::is_page_path;
use super::scroll::{remember_scroll_soon, target_of};
use super::visit::{path_and_query, visit, Visit, SHOWN};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{self, Element, HtmlAnchorElement, HtmlFormElement, ScrollRestoration, Url};

fn absolute(url: &str) -> Option<Url> {
    Url::new_with_base(url, &window().location().href().ok()?).ok()
}

fn same_origin(url: &Url) -> bool {
    window().location().origin().ok().as_deref() == Some(url.origin().as_str())
}

/// Takes over the page: its links, forms, back and forward, and scroll positions.
pub(super) fn start() {
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
