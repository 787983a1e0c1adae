use crate::components::header::{dialog_state, MenuEntry};
use crate::components::modal::use_modal;
use crate::context::use_js_ready;
use crate::model::MenuItem;
use leptos::html::Dialog;
use leptos::prelude::*;

/// The off-canvas menu for narrow screens: a modal dialog with the whole menu tree in
/// expandable sections. Esc or "Close Menu" closes it and focus returns to "Menu"; the page
/// behind does not scroll. Without JavaScript it opens as the `#site-menu` target.
#[island]
pub fn MobileMenu(
    sections: Vec<MenuItem>,
    site_name: String,
    lang: String,
    dir: String,
) -> impl IntoView {
    let js = use_js_ready();
    let dialogs = dialog_state();
    let open = dialogs.menu;
    let dialog = NodeRef::<Dialog>::new();
    let sections_open: RwSignal<Option<String>> = RwSignal::new(None);
    let on_keydown = use_modal(
        open,
        dialog,
        "menu-button",
        |d| {
            if let Some(first) = crate::dom::focusables(d).first() {
                let _ = first.focus();
            }
        },
        move || sections_open.set(None),
    );
    let path = crate::nav::use_current_path();
    Effect::watch(move || path.get(), move |_, _, _| open.set(false), false);
    view! {
        <dialog
            id="site-menu"
            class="offcanvas"
            aria-label="Menu"
            lang=lang
            dir=dir
            node_ref=dialog
            on:close=move |_| open.set(false)
            on:keydown=on_keydown
        >
            <div class="offcanvas__head">
                <a class="offcanvas__brand" href="/">{site_name}</a>
                <Show
                    when=move || js.get()
                    fallback=|| view! { <a class="offcanvas__close" href="#">"Close Menu"</a> }
                >
                    <button type="button" class="offcanvas__close" on:click=move |_| open.set(false)>
                        "Close Menu"
                    </button>
                </Show>
            </div>
            <nav class="offcanvas__nav" aria-label="All sections">
                <ul class="offcanvas__menu" role="list">
                    {sections
                        .into_iter()
                        .enumerate()
                        .map(|(i, item)| view! { <MenuEntry item id=format!("offcanvas-{i}") siblings_open=sections_open hover=false/> })
                        .collect_view()}
                </ul>
            </nav>
            <a class="subscribe-link offcanvas__subscribe" href="/subscribe">"Subscribe"</a>
        </dialog>
    }
}
