//! The preview pane's behaviour in the browser (see the parent module): it listens to the
//! editor's form, sends it to the server a moment after typing stops, and shows the answer.

use super::Pane;
use crate::components::newsroom::request::{form_params, post_form};
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::{Event, HtmlFormElement, UrlSearchParams};
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// Quiet time after the last keystroke before the preview is brought up to date.
const REFRESH_AFTER: Duration = Duration::from_millis(800);

/// The fields the preview shows; a change elsewhere (tags, slug) does not refresh it.
const SHOWN: [&str; 4] = ["title", "dek", "body", "lang"];

#[derive(Deserialize)]
struct NoPreview {
    message: String,
}

struct Preview {
    url: String,
    pane: Pane,
    form: HtmlFormElement,
    /// The shown fields as the pane now shows them.
    shown: Option<String>,
    timer: Option<TimeoutHandle>,
    /// The number of the last request sent: the answer to an older one is dropped.
    sent: u32,
}

type Shared = Rc<RefCell<Preview>>;

/// Attaches the pane to `#editor-form` and shows it.
pub(super) fn attach(url: String, pane: Pane) {
    let Some(form) = document()
        .get_element_by_id("editor-form")
        .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let preview: Shared = Rc::new(RefCell::new(Preview {
        url,
        pane,
        form: form.clone(),
        shown: None,
        timer: None,
        sent: 0,
    }));
    let on_edit = {
        let preview = preview.clone();
        Closure::<dyn FnMut(Event)>::new(move |_: Event| schedule(&preview))
    };
    for kind in ["input", "change"] {
        let _ = form.add_event_listener_with_callback(kind, on_edit.as_ref().unchecked_ref());
    }
    on_edit.forget();
    // Shown again: brought up to date; "Refresh preview": asked again whatever changed.
    let again = preview.clone();
    Effect::watch(
        move || (pane.open.get(), pane.asked.get()),
        move |&(open, asked), before, _| {
            if open {
                refresh(&again, before.is_some_and(|&(_, b)| b != asked));
            }
        },
        false,
    );
    pane.running.set(true);
    refresh(&preview, false);
}

fn schedule(preview: &Shared) {
    let mut p = preview.borrow_mut();
    if let Some(t) = p.timer.take() {
        t.clear();
    }
    let again = preview.clone();
    p.timer = set_timeout_with_handle(move || refresh(&again, false), REFRESH_AFTER).ok();
}

/// The shown fields, as one string to compare.
fn shown_fields(params: &UrlSearchParams) -> String {
    SHOWN
        .iter()
        .map(|name| params.get(name).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\u{0}")
}

/// Asks for the preview when the pane is open and what it shows has changed (or `force`).
fn refresh(preview: &Shared, force: bool) {
    let (n, url, body, fields) = {
        let mut p = preview.borrow_mut();
        if let Some(t) = p.timer.take() {
            t.clear();
        }
        if !p.pane.open.get_untracked() {
            return;
        }
        let Some(params) = form_params(&p.form) else {
            return;
        };
        let fields = shown_fields(&params);
        if !force && p.shown.as_ref() == Some(&fields) {
            return;
        }
        p.sent += 1;
        p.pane.busy.set(true);
        (
            p.sent,
            p.url.clone(),
            String::from(params.to_string()),
            fields,
        )
    };
    let preview = preview.clone();
    leptos::task::spawn_local(async move {
        let outcome = post_form(&url, &body, "text/html").await;
        landed(&preview, n, fields, outcome);
    });
}

fn landed(preview: &Shared, n: u32, fields: String, outcome: Option<(u16, String)>) {
    let mut p = preview.borrow_mut();
    if n != p.sent {
        return;
    }
    p.pane.busy.set(false);
    match outcome {
        Some((200, html)) => {
            p.pane.html.set(html);
            p.pane.note.set(String::new());
            p.shown = Some(fields);
        }
        Some((status, text)) => {
            let message = serde_json::from_str::<NoPreview>(&text)
                .map(|no| no.message)
                .unwrap_or_else(|_| refused(status));
            p.pane.note.set(message);
        }
        None => p.pane.note.set(
            "No preview: no connection. It tries again as you type, or press Refresh preview."
                .into(),
        ),
    }
}

/// What an answer the server did not explain means.
fn refused(status: u16) -> String {
    match status {
        401 => "No preview: your session has ended. Sign in again in another tab; your text is still here.".into(),
        403 => "No preview: the newsroom refused the request. Reload the page to go on previewing.".into(),
        413 => "No preview: the article is too long to send. Split it into several articles.".into(),
        _ => format!("No preview: the newsroom could not render it (error {status}). Press Refresh preview to try again."),
    }
}
