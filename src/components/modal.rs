//! The WAI-ARIA modal dialog behaviour shared by the off-canvas menu and the search overlay.

use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::web_sys::HtmlDialogElement;

/// Wires a `<dialog>` to `open`: opening shows it as a modal, locks the page's scroll and
/// calls `on_open` (to place focus); closing closes it, unlocks the scroll, calls `on_close`
/// and returns focus to the element with id `return_to`. Returns the dialog's keydown
/// handler: Esc cancels (a search field would otherwise only clear its text) and Tab stays
/// inside.
pub fn use_modal(
    open: RwSignal<bool>,
    dialog: NodeRef<Dialog>,
    return_to: &'static str,
    on_open: impl Fn(&HtmlDialogElement) + 'static,
    on_close: impl Fn() + 'static,
) -> impl Fn(leptos::ev::KeyboardEvent) + Clone + 'static {
    Effect::watch(
        move || open.get(),
        move |is_open, was_open, _| {
            let Some(d) = dialog.get_untracked() else {
                return;
            };
            if *is_open {
                if !d.open() {
                    let _ = d.show_modal();
                }
                crate::dom::lock_scroll(true);
                on_open(&d);
            } else if was_open.copied().unwrap_or(false) {
                if d.open() {
                    d.close();
                }
                crate::dom::lock_scroll(false);
                on_close();
                if let Some(el) = document().get_element_by_id(return_to) {
                    use leptos::wasm_bindgen::JsCast;
                    let _ = el.unchecked_into::<leptos::web_sys::HtmlElement>().focus();
                }
            }
        },
        false,
    );
    move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            open.set(false);
        } else if let Some(d) = dialog.get_untracked() {
            crate::dom::trap_tab(&ev, &d);
        }
    }
}
