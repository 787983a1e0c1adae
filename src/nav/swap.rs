//! Putting a fetched page into the one on screen: `<html lang dir>`, the title, the page's own
//! head tags and `<main>`; then its islands are hydrated and a refused form is filled again.

use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{self, Document, Element};

/// `<head>` tags that belong to the page rather than to the shell: they are replaced on
/// navigation. (The shell's charset, viewport, icon, stylesheet and scripts stay.)
const PAGE_HEAD: &str =
    "meta[name]:not([name=viewport]):not([name=color-scheme]), meta[property], \
     link[rel=canonical], link[rel=alternate], link[rel=prev], link[rel=next], \
     script[type=\"application/ld+json\"]";

/// A form the server sent back with a problem (`data-refill`) gets what the reader typed
/// into it again, so that nothing is lost. (Without JavaScript the browser's own history
/// keeps it: back returns to the filled form.)
pub(super) fn refill(sent: &web_sys::UrlSearchParams) {
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

fn elements(list: web_sys::NodeList) -> Vec<Element> {
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// Puts the parts of `next` that change from page to page into this one; returns the
/// islands put in.
pub(super) fn swap(next: &Document) -> Vec<Element> {
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
pub(super) fn hydrate(islands: &[Element]) {
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
