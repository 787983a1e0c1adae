use crate::components::header::DialogState;
use crate::components::modal::use_modal;
use leptos::html::{Dialog, Input};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The search overlay (WAI-ARIA modal dialog): Enter searches (client-side navigation), Esc
/// cancels and returns focus to the Search button, "/" opens it from anywhere outside a text
/// field.
#[component]
pub fn SearchDialog() -> impl IntoView {
    let dialogs = expect_context::<DialogState>();
    let open = dialogs.search;
    let dialog = NodeRef::<Dialog>::new();
    let input = NodeRef::<Input>::new();
    let navigate = use_navigate();
    let on_keydown = use_modal(
        open,
        dialog,
        "search-button",
        move |_| {
            if let Some(i) = input.get_untracked() {
                let _ = i.focus();
                i.select();
            }
        },
        || {},
    );
    let hotkey = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "/"
            && !ev.ctrl_key()
            && !ev.meta_key()
            && !ev.alt_key()
            && !crate::dom::in_text_field(&ev)
        {
            ev.prevent_default();
            open.set(true);
        }
    });
    on_cleanup(move || hotkey.remove());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get_untracked().map(|i| i.value()).unwrap_or_default();
        let q = q.trim();
        let to = if q.is_empty() {
            "/search".to_string()
        } else {
            format!("/search?q={}", crate::dom::encode_component(q))
        };
        open.set(false);
        navigate(&to, Default::default());
    };
    view! {
        <dialog
            id="search-dialog"
            class="search-overlay"
            aria-labelledby="search-dialog-title"
            node_ref=dialog
            on:close=move |_| open.set(false)
            on:keydown=on_keydown
        >
            <div class="search-overlay__inner container">
                <h2 class="visually-hidden" id="search-dialog-title">"Search"</h2>
                <form class="search-overlay__form" role="search" action="/search" method="get" on:submit=on_submit>
                    <label class="visually-hidden" for="search-dialog-q">"Search articles"</label>
                    <input
                        id="search-dialog-q"
                        class="search-overlay__input"
                        type="search"
                        name="q"
                        autocomplete="off"
                        maxlength="500"
                        placeholder="Search…"
                        node_ref=input
                        aria-describedby="search-dialog-hint"
                    />
                </form>
                <p class="search-overlay__hint" id="search-dialog-hint">
                    "Type above and press Enter to search. Press Esc to cancel."
                </p>
                <button type="button" class="search-overlay__close" on:click=move |_| open.set(false)>
                    <span aria-hidden="true">"×"</span>
                    <span class="visually-hidden">"Close search"</span>
                </button>
            </div>
        </dialog>
    }
}
