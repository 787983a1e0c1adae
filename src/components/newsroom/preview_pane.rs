//! The editor's inline preview, with JavaScript: a pane beside the form (below it on a narrow
//! screen) that shows the article as readers will read it. The server renders it (`POST
//! …/preview`, `server/newsroom/preview_pane.rs`) through the public page's Markdown and
//! sanitiser, so the browser never renders Markdown itself. It refreshes a moment after typing
//! stops and when "Refresh preview" is pressed; "Hide preview" gives the form the whole width.
//! Problems (no connection, a refusal) are said politely in the pane, over the last preview.
//!
//! Without JavaScript none of it is in the page: the form's own "Preview" button opens the
//! server's preview in a new tab.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
mod browser;

/// The pane's state: its view shows it, its browser code changes it.
#[derive(Clone, Copy)]
struct Pane {
    /// The bundle runs, so the pane is shown (the server's HTML never has it).
    running: RwSignal<bool>,
    open: RwSignal<bool>,
    /// The sanitised fragment the server last sent.
    html: RwSignal<String>,
    /// What went wrong, in words for the writer; empty when all is well.
    note: RwSignal<String>,
    /// A preview is on its way.
    busy: RwSignal<bool>,
    /// Counts presses of "Refresh preview".
    asked: RwSignal<u32>,
}

/// `preview_url`: where the form is sent to be rendered.
#[island]
pub fn PreviewPane(preview_url: String) -> impl IntoView {
    let pane = Pane {
        running: RwSignal::new(false),
        open: RwSignal::new(true),
        html: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
        busy: RwSignal::new(false),
        asked: RwSignal::new(0),
    };
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::attach(preview_url.clone(), pane);
        #[cfg(not(feature = "hydrate"))]
        let _ = &preview_url;
    });
    let Pane {
        running,
        open,
        html,
        note,
        busy,
        asked,
    } = pane;
    view! {
        <Show when=move || running.get()>
            <section class="nr-preview" class:nr-preview--open=move || open.get() aria-labelledby="preview-pane-heading">
                <div class="nr-preview__bar">
                    <h2 id="preview-pane-heading">"Preview"</h2>
                    <button type="button" class="nr-button nr-button--quiet" aria-controls="preview-pane-content"
                        aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                        {move || if open.get() { "Hide preview" } else { "Show preview" }}
                    </button>
                    <button type="button" class="nr-button nr-button--quiet" hidden=move || !open.get()
                        on:click=move |_| asked.update(|n| *n += 1)>
                        "Refresh preview"
                    </button>
                </div>
                <p class="nr-preview__note" aria-live="polite">{move || note.get()}</p>
                // Scrolls on its own beside the form, so it can take the keyboard's focus.
                <div id="preview-pane-content" class="nr-preview__content" tabindex="0" hidden=move || !open.get()
                    aria-busy=move || busy.get().then_some("true") inner_html=move || html.get()></div>
            </section>
        </Show>
    }
}
