use crate::components::TimeAgo;
use crate::context::use_js_ready;
use crate::model::Headline;
use leptos::prelude::*;
use std::time::Duration;

const ROTATE_EVERY: Duration = Duration::from_secs(5);

/// Trending Now: the most read recent headlines with their relative times. Without JavaScript
/// it is a scrollable row; with it, one headline at a time rotates, with a Pause/Play button
/// (WCAG 2.2.2), paused while hovered or focused and still under `prefers-reduced-motion`.
#[island]
pub fn Ticker(items: Vec<Headline>, lang: String, dir: String) -> impl IntoView {
    let js = use_js_ready();
    let n = items.len().max(1);
    let current = RwSignal::new(0usize);
    let paused = RwSignal::new(false);
    let hovered = RwSignal::new(false);
    let focused = RwSignal::new(false);
    Effect::new(move |_| {
        if crate::dom::prefers_reduced_motion() {
            paused.set(true);
        }
        if let Ok(handle) = set_interval_with_handle(
            move || {
                if !paused.get_untracked() && !hovered.get_untracked() && !focused.get_untracked() {
                    current.update(|c| *c = (*c + 1) % n);
                }
            },
            ROTATE_EVERY,
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <section
            class="ticker"
            aria-label="Trending Now"
            lang=lang
            dir=dir
            on:mouseenter=move |_| hovered.set(true)
            on:mouseleave=move |_| hovered.set(false)
            on:focusin=move |_| focused.set(true)
            on:focusout=move |_| focused.set(false)
        >
            <div class="ticker__inner container">
                <h2 class="ticker__label">"Trending Now"</h2>
                <ul class="ticker__list" role="list" aria-live="off">
                    {items
                        .into_iter()
                        .enumerate()
                        .map(|(i, a)| {
                            view! {
                                <li
                                    class="ticker__item"
                                    class:is-active=move || current.get() == i
                                    lang=a.lang
                                    dir=a.dir
                                >
                                    <a href=a.href>{a.title}</a>
                                    " "
                                    <TimeAgo stamp=a.published/>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <Show when=move || js.get()>
                    <button
                        type="button"
                        class="ticker__toggle"
                        aria-pressed=move || if paused.get() { "true" } else { "false" }
                        on:click=move |_| paused.update(|p| *p = !*p)
                    >
                        {move || if paused.get() { "Play" } else { "Pause" }}
                    </button>
                </Show>
            </div>
        </section>
    }
}
