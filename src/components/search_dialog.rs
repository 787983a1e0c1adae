use crate::components::header::dialog_state;
use crate::components::modal::use_modal;
use crate::model::{direction_of, SuggestedArticle};
use crate::nav::navigate;
use leptos::html::{Dialog, Input};
use leptos::prelude::*;
use std::time::Duration;

/// Typing pauses this long before suggestions are fetched.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// Shorter queries get no suggestions.
const MIN_CHARS: usize = 2;

/// Suggestions while typing: the top articles for the text in the field (at most six), fetched
/// from `/api/suggest` after a pause, the request before aborted when the text changes again.
#[derive(Clone, Copy)]
struct Suggestions {
    items: RwSignal<Vec<SuggestedArticle>>,
    /// The option the arrow keys rest on.
    active: RwSignal<Option<usize>>,
    /// The text the items are for: "" when there is nothing to show.
    query: RwSignal<String>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

// The request in flight, to abort when the text changes (browser only: JS objects stay on
// their thread, and the server never fetches suggestions).
#[cfg(feature = "hydrate")]
thread_local! {
    static IN_FLIGHT: std::cell::RefCell<Option<leptos::web_sys::AbortController>> =
        const { std::cell::RefCell::new(None) };
}

impl Suggestions {
    fn new() -> Self {
        Self {
            items: RwSignal::new(vec![]),
            active: RwSignal::new(None),
            query: RwSignal::new(String::new()),
            timer: StoredValue::new(None),
        }
    }

    /// Stops the pending fetch, if any, and its timer.
    fn cancel(&self) {
        if let Some(t) = self.timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        #[cfg(feature = "hydrate")]
        IN_FLIGHT.with(|f| {
            if let Some(r) = f.borrow_mut().take() {
                r.abort();
            }
        });
    }

    fn clear(&self) {
        self.cancel();
        self.items.set(vec![]);
        self.active.set(None);
        self.query.set(String::new());
    }

    /// The field now holds `text`: fetch suggestions for it after the pause.
    fn typed(self, text: String) {
        self.cancel();
        let q = text.trim().to_string();
        if q.chars().count() < MIN_CHARS {
            self.items.set(vec![]);
            self.active.set(None);
            self.query.set(String::new());
            return;
        }
        let handle = set_timeout_with_handle(move || self.fetch(q), DEBOUNCE);
        self.timer.set_value(handle.ok());
    }

    #[cfg(feature = "hydrate")]
    fn fetch(self, q: String) {
        let Ok(controller) = leptos::web_sys::AbortController::new() else {
            return;
        };
        let signal = controller.signal();
        IN_FLIGHT.with(|f| *f.borrow_mut() = Some(controller));
        leptos::task::spawn_local(async move {
            let sent = gloo_net::http::Request::get("/api/suggest")
                .query([("q", q.as_str())])
                .abort_signal(Some(&signal))
                .send()
                .await;
            // An aborted or failed request leaves the list as it was; a newer one is coming.
            let Ok(res) = sent else { return };
            if signal.aborted() {
                return;
            }
            let items = match res.status() {
                200 => match res.json::<crate::model::SuggestResponse>().await {
                    Ok(found) => found.articles,
                    Err(_) => return,
                },
                // Text the server will not suggest for (too long): nothing to offer.
                400 => vec![],
                _ => return,
            };
            if signal.aborted() {
                return;
            }
            self.items.set(items);
            self.active.set(None);
            self.query.set(q);
        });
    }

    #[cfg(not(feature = "hydrate"))]
    fn fetch(self, _q: String) {}

    /// Moves the active option by `step` (wrapping); returns whether there was a list to move in.
    fn step(&self, step: isize) -> bool {
        let n = self.items.with_untracked(Vec::len) as isize;
        if n == 0 {
            return false;
        }
        let next = match self.active.get_untracked() {
            None if step > 0 => 0,
            None => n - 1,
            Some(i) => (i as isize + step).rem_euclid(n),
        };
        self.active.set(Some(next as usize));
        true
    }
}

fn option_id(i: usize) -> String {
    format!("search-suggestion-{i}")
}

/// The search overlay (WAI-ARIA modal dialog): Enter searches (client-side navigation), Esc
/// cancels and returns focus to the Search button, "/" opens it from anywhere outside a text
/// field. The field is a combobox (WAI-ARIA combobox with a listbox popup): while typing it
/// lists the top matching articles; the arrow keys move through them, Enter opens the one
/// chosen, or the results page when none is.
#[island]
pub fn SearchDialog() -> impl IntoView {
    let dialogs = dialog_state();
    let open = dialogs.search;
    let dialog = NodeRef::<Dialog>::new();
    let input = NodeRef::<Input>::new();
    let suggest = Suggestions::new();
    let on_keydown = use_modal(
        open,
        dialog,
        "search-button",
        move |_| {
            if let Some(i) = input.get_untracked() {
                let _ = i.focus();
                i.select();
                // Reopened with text still in the field: offer its suggestions again.
                suggest.typed(i.value());
            }
        },
        move || suggest.clear(),
    );
    let expanded = move || suggest.query.with(|q| !q.is_empty());
    let go = move |path: String| {
        open.set(false);
        navigate(&path);
    };
    let on_input_keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            ev.prevent_default();
            suggest.step(if ev.key() == "ArrowDown" { 1 } else { -1 });
        }
        "Enter" => {
            let chosen = suggest.active.get_untracked().and_then(|i| {
                suggest
                    .items
                    .with_untracked(|items| items.get(i).map(|r| r.path.clone()))
            });
            if let Some(path) = chosen {
                ev.prevent_default();
                go(path);
            }
        }
        _ => {}
    };
    let status = move || {
        let n = suggest.items.with(Vec::len);
        match (expanded(), n) {
            (false, _) => String::new(),
            (true, 0) => "No articles match yet; press Enter to search.".to_string(),
            (true, 1) => "1 article suggested; use the down arrow to choose it.".to_string(),
            (true, n) => format!("{n} articles suggested; use the up and down arrows to choose."),
        }
    };
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
        let to = crate::urls::search(q.trim(), &crate::model::SearchFilters::default());
        open.set(false);
        navigate(&to);
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
                        role="combobox"
                        autocomplete="off"
                        maxlength="500"
                        placeholder="Search…"
                        node_ref=input
                        aria-describedby="search-dialog-hint"
                        aria-autocomplete="list"
                        aria-controls="search-suggestions"
                        aria-expanded=move || if expanded() && suggest.items.with(|i| !i.is_empty()) { "true" } else { "false" }
                        aria-activedescendant=move || suggest.active.get().map(option_id)
                        on:input=move |ev| suggest.typed(event_target_value(&ev))
                        on:keydown=on_input_keydown
                    />
                    <ul
                        id="search-suggestions"
                        class="search-overlay__list"
                        role="listbox"
                        aria-label="Suggested articles"
                        hidden=move || suggest.items.with(Vec::is_empty)
                    >
                        <For
                            each=move || suggest.items.get().into_iter().enumerate()
                            key=|(i, r)| (*i, r.path.clone())
                            children=move |(i, r)| {
                                let path = r.path.clone();
                                let selected = move || suggest.active.get() == Some(i);
                                let dir = direction_of(&r.lang);
                                view! {
                                    <li
                                        id=option_id(i)
                                        class="search-overlay__option"
                                        role="option"
                                        aria-selected=move || if selected() { "true" } else { "false" }
                                        // Keep focus in the field while the pointer chooses.
                                        on:mousedown=|ev| ev.prevent_default()
                                        on:click=move |_| go(path.clone())
                                    >
                                        <span class="search-overlay__title" lang=r.lang.clone() dir=dir>{r.title}</span>
                                        <span class="search-overlay__section">{r.section}</span>
                                    </li>
                                }
                            }
                        />
                    </ul>
                </form>
                <p class="visually-hidden" role="status" aria-live="polite">{status}</p>
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
