//! The header's dialogs (the search overlay and the off-canvas menu): their shared open/closed
//! state and the control that opens one.

use crate::components::Icon;
use crate::context::use_js_ready;
use leptos::prelude::*;

/// Open/closed state of the two header dialogs. Their buttons and the dialogs are islands of
/// their own, so in the browser the state is one for the page's lifetime, shared by them all.
#[derive(Clone, Copy)]
pub struct DialogState {
    pub menu: RwSignal<bool>,
    pub search: RwSignal<bool>,
}

pub fn dialog_state() -> DialogState {
    fn make() -> DialogState {
        DialogState {
            menu: RwSignal::new(false),
            search: RwSignal::new(false),
        }
    }
    #[cfg(feature = "hydrate")]
    {
        thread_local! {
            // Owned by a root of its own, so that no island's lifetime bounds it.
            static DIALOGS: DialogState = {
                let owner = Owner::new_root(None);
                let state = owner.with(make);
                std::mem::forget(owner);
                state
            };
        }
        DIALOGS.with(|d| *d)
    }
    // The server renders every dialog closed.
    #[cfg(not(feature = "hydrate"))]
    make()
}

/// A header control that opens a modal dialog once the page is hydrated, and is a plain link
/// (`fallback_href`) before and without JavaScript: "Search" (to the search page) and "Menu"
/// (below 1024 px, to the menu at the foot of the page).
#[component]
pub(super) fn DialogControl(
    /// Visible text; also names the icon's control.
    label: &'static str,
    icon: &'static str,
    /// Class of the control; its text gets `{class}__text`.
    class: &'static str,
    /// Id of the button, where focus returns when the dialog closes.
    id: &'static str,
    /// Id of the dialog it opens.
    controls: &'static str,
    fallback_href: &'static str,
    open: RwSignal<bool>,
) -> impl IntoView {
    let js = use_js_ready();
    let inner = move || {
        view! {
            <Icon name=icon/>
            <span class=format!("{class}__text")>{label}</span>
        }
    };
    view! {
        <Show
            when=move || js.get()
            fallback=move || view! { <a class=class href=fallback_href>{inner()}</a> }
        >
            <button
                class=class
                id=id
                type="button"
                aria-haspopup="dialog"
                aria-controls=controls
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.set(true)
            >
                {inner()}
            </button>
        </Show>
    }
}
