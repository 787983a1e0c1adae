//! HTML rendered outside leptos_axum's page renders: the newsroom's pages, previews, a posted
//! comment, the "Something went wrong" page.
//!
//! leptos_axum gives each page render a reactive owner and an arena of its own. Code that
//! renders a view itself must do the same. Without it, the signals a component creates go into
//! whatever arena the worker thread served last: another request's, which may be freed on
//! another thread in the middle of this render (the soak's "reactive value that has already
//! been disposed" panics on the editor, whose islands hold signals), or a long-lived one, which
//! then keeps them for good.

use leptos::prelude::*;

/// The HTML of `view`, rendered under a root owner with its own arena, which is dropped with
/// everything the render stored as soon as the HTML is made. The thread's owner before (and
/// its arena) is current again afterwards.
pub fn render<V: IntoView>(view: impl FnOnce() -> V) -> String {
    let before = Owner::current();
    let owner = Owner::new_root(None);
    let html = owner.with(|| view().to_html());
    if let Some(before) = before {
        before.set();
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn a_render_keeps_its_signals_when_the_owner_the_thread_served_last_goes_away() {
        // The thread last served another request, whose owner and arena are still alive...
        let other_request = Owner::new_root(None);
        let other_request = Mutex::new(Some(other_request));
        let html = render(|| {
            let headline = RwSignal::new("Harbour reopens".to_string());
            // ...and that request ends, on another thread, while this page renders.
            drop(other_request.lock().unwrap().take());
            view! { <p>{move || headline.get()}</p> }
        });
        assert_eq!(html, "<p>Harbour reopens</p>");
    }

    #[test]
    fn the_owner_of_the_caller_is_current_again_after_a_render() {
        let caller = Owner::new_root(None);
        caller.with(|| {
            provide_context(7u8);
            render(|| view! { <p>"inner"</p> });
            assert_eq!(use_context::<u8>(), Some(7));
            let kept = RwSignal::new(1);
            assert_eq!(kept.get_untracked(), 1);
        });
    }

    #[test]
    fn what_a_render_stored_is_freed_with_it_though_the_thread_served_a_long_lived_owner() {
        let _long_lived = Owner::new_root(None);
        let kept = std::sync::Arc::new(());
        let watched = kept.clone();
        render(move || {
            let value = StoredValue::new(watched);
            view! { <p>{value.with_value(std::sync::Arc::strong_count)}</p> }
        });
        assert_eq!(std::sync::Arc::strong_count(&kept), 1);
    }
}
