use crate::context::{initial_theme, use_js_ready};
use leptos::prelude::*;

/// Dark mode switch. The choice is remembered in a cookie, which the head script (`ThemeScript`
/// in server/shell.rs) applies before the next page is painted (no flash). Without a choice the system
/// setting applies.
#[island]
pub fn ThemeToggle() -> impl IntoView {
    let js = use_js_ready();
    let theme = RwSignal::new(initial_theme());
    let system_dark = RwSignal::new(false);
    Effect::new(move |_| system_dark.set(crate::dom::prefers_dark()));
    let is_dark = move || match theme.get() {
        Some(t) => t == "dark",
        None => system_dark.get(),
    };
    let toggle = move |_| {
        let next = if is_dark() { "light" } else { "dark" };
        theme.set(Some(next));
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", next);
        }
        use leptos::wasm_bindgen::JsCast;
        if let Ok(doc) = document().dyn_into::<leptos::web_sys::HtmlDocument>() {
            let _ = doc.set_cookie(&format!(
                "{}={next}; Path=/; Max-Age=31536000; SameSite=Lax",
                crate::model::THEME_COOKIE
            ));
        }
    };
    view! {
        <Show when=move || js.get()>
            <button
                type="button"
                class="theme-toggle"
                aria-pressed=move || if is_dark() { "true" } else { "false" }
                on:click=toggle
            >
                <svg class="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
                    <path fill="currentColor" d="M12 3a9 9 0 1 0 9 9 7 7 0 0 1-9-9z"></path>
                </svg>
                <span class="visually-hidden">"Dark mode"</span>
            </button>
        </Show>
    }
}
