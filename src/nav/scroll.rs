//! Scroll positions kept in history entries (for back and forward), and where the view goes
//! once a page is shown.

use super::visit::Visit;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{self, Element, HtmlElement};
use std::cell::RefCell;
use std::time::Duration;

thread_local! {
    static SCROLL_TIMER: RefCell<Option<TimeoutHandle>> = const { RefCell::new(None) };
}

/// Keeps the scroll position in the current history entry, for back and forward.
pub(super) fn remember_scroll() {
    if let Ok(history) = window().history() {
        let y = window().scroll_y().unwrap_or(0.0);
        let _ = history.replace_state(&JsValue::from_f64(y), "");
    }
}

pub(super) fn remember_scroll_soon() {
    SCROLL_TIMER.with(|t| {
        if let Some(h) = t.borrow_mut().take() {
            h.clear();
        }
        *t.borrow_mut() = set_timeout_with_handle(remember_scroll, Duration::from_millis(150)).ok();
    });
}

/// The element a URL's `#hash` points at.
pub(super) fn target_of(hash: &str) -> Option<Element> {
    hash.strip_prefix('#')
        .filter(|id| !id.is_empty())
        .and_then(|id| document().get_element_by_id(id))
}

/// Scrolls and moves focus as a page load would: back and forward return to where the
/// reader was; otherwise to the URL's hash, or to the top with focus on the new content
/// (or on what the page marks with `data-nav-focus`, such as a form's outcome).
pub(super) fn place_view(visit: &Visit, hash: &str) {
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
