//! The editor's behaviour in the browser (see the parent module). Plain DOM listeners on the
//! server-rendered form: the form stays the source of truth, so what is sent is exactly what
//! the no-JavaScript form would send.

use crate::components::newsroom::request::{form_params, post_form};
use crate::model::article_slug;
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use leptos::web_sys::{
    Element, Event, HtmlElement, HtmlFormElement, HtmlInputElement, HtmlOptionElement,
    HtmlSelectElement, HtmlTextAreaElement, SubmitEvent,
};
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// Quiet time after the last keystroke before a draft saves itself.
const AUTOSAVE_AFTER: Duration = Duration::from_secs(3);
/// Wait before trying again after a failure that may pass (no connection, database busy).
const RETRY_AFTER: Duration = Duration::from_secs(15);

#[derive(Deserialize)]
struct Saved {
    version: i64,
    edit_url: String,
    autosave_url: String,
    message: String,
}

#[derive(Deserialize)]
struct NotSaved {
    message: String,
    stop: bool,
}

struct Assist {
    form: HtmlFormElement,
    status: RwSignal<String>,
    /// Where the draft saves itself; None once it must not (not a draft, or refused for good).
    autosave_url: Option<String>,
    /// Refused for good: the status line keeps saying why (copy the text, reload) through
    /// later typing, rather than the plain "Unsaved changes".
    stopped: bool,
    /// The form's content as last saved (or as loaded).
    saved: String,
    timer: Option<TimeoutHandle>,
    in_flight: bool,
    /// A button pressed while an autosave was on its way: pressed again once it lands.
    waiting_submit: Option<Option<HtmlElement>>,
    /// The form is being sent by one of its buttons: leaving is what the writer asked for.
    submitting: bool,
    follow_slug: bool,
}

type Shared = Rc<RefCell<Assist>>;

/// Attaches the behaviour to `#editor-form`.
pub fn attach(
    autosave_url: Option<String>,
    follow_slug: bool,
    unsaved: bool,
    status: RwSignal<String>,
) {
    let Some(form) = document()
        .get_element_by_id("editor-form")
        .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let follow_slug = follow_slug && {
        let (title, slug) = (input("title"), input("slug"));
        let slug = slug.map(|s| s.value()).unwrap_or_default();
        slug.is_empty() || title.is_some_and(|t| article_slug(&t.value()) == slug)
    };
    if follow_slug {
        // The Title may have been typed before the bundle arrived.
        if let (Some(title), Some(slug)) = (input("title"), input("slug")) {
            slug.set_value(&article_slug(&title.value()));
        }
    }
    // Typed before the bundle arrived, or sent back by a refused save: unsaved, and saved soon
    // like any other change.
    let typed_early = unsaved || changed_since_load(&form);
    let assist: Shared = Rc::new(RefCell::new(Assist {
        saved: if typed_early {
            String::new()
        } else {
            snapshot(&form)
        },
        form: form.clone(),
        status,
        autosave_url,
        stopped: false,
        timer: None,
        in_flight: false,
        waiting_submit: None,
        submitting: false,
        follow_slug,
    }));

    let on_edit = {
        let assist = assist.clone();
        Closure::<dyn FnMut(Event)>::new(move |ev: Event| edited(&assist, &ev))
    };
    for kind in ["input", "change"] {
        let _ = form.add_event_listener_with_callback(kind, on_edit.as_ref().unchecked_ref());
    }
    on_edit.forget();

    let on_submit = {
        let assist = assist.clone();
        Closure::<dyn FnMut(Event)>::new(move |ev: Event| submitted(&assist, &ev))
    };
    let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
    on_submit.forget();

    let assist_again = assist.clone();
    let on_leave = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
        let a = assist.borrow();
        if !a.submitting && snapshot(&a.form) != a.saved {
            ev.prevent_default();
            // Older browsers ask only when `returnValue` is set.
            let _ = js_sys::Reflect::set(&ev, &"returnValue".into(), &JsValue::TRUE);
        }
    });
    let _ = window()
        .add_event_listener_with_callback("beforeunload", on_leave.as_ref().unchecked_ref());
    on_leave.forget();
    if typed_early {
        if let Ok(ev) = Event::new("input") {
            edited(&assist_again, &ev);
        }
    }
    // The newsroom's scripts run (what the end-to-end tests wait for, as on reader pages).
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-js", "true");
    }
}

/// Whether any field differs from the value the page was served with.
fn changed_since_load(form: &HtmlFormElement) -> bool {
    let fields = form.elements();
    (0..fields.length())
        .filter_map(|i| fields.item(i))
        .any(|el| {
            if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                i.value() != i.default_value() || i.checked() != i.default_checked()
            } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
                t.value() != t.default_value().unwrap_or_default()
            } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
                let options = s.options();
                (0..options.length())
                    .filter_map(|i| options.item(i))
                    .filter_map(|o| o.dyn_into::<HtmlOptionElement>().ok())
                    .any(|o| o.selected() != o.default_selected())
            } else {
                false
            }
        })
}

fn input(id: &str) -> Option<HtmlInputElement> {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
}

/// The form's fields as sent, without the form token and version (which are not content).
fn snapshot(form: &HtmlFormElement) -> String {
    form_params(form)
        .map(|p| {
            p.delete("csrf");
            p.delete("version");
            String::from(p.to_string())
        })
        .unwrap_or_default()
}

fn edited(assist: &Shared, ev: &Event) {
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .map(|e| e.id())
        .unwrap_or_default();
    let mut a = assist.borrow_mut();
    match target.as_str() {
        "title" if a.follow_slug => {
            if let (Some(title), Some(slug)) = (input("title"), input("slug")) {
                slug.set_value(&article_slug(&title.value()));
            }
        }
        // Edited by hand: the Slug is the writer's from now on (emptied: it follows again).
        "slug" => a.follow_slug = input("slug").is_some_and(|s| s.value().trim().is_empty()),
        _ => {}
    }
    if snapshot(&a.form) == a.saved {
        return;
    }
    if !a.stopped {
        a.status.set("Unsaved changes".into());
    }
    if a.autosave_url.is_some() {
        drop(a);
        schedule(assist, AUTOSAVE_AFTER);
    }
}

fn schedule(assist: &Shared, after: Duration) {
    let mut a = assist.borrow_mut();
    if let Some(t) = a.timer.take() {
        t.clear();
    }
    let again = assist.clone();
    a.timer = set_timeout_with_handle(move || autosave(again), after).ok();
}

fn submitted(assist: &Shared, ev: &Event) {
    let submitter = ev.dyn_ref::<SubmitEvent>().and_then(|e| e.submitter());
    // "Preview" opens a new tab: this page stays, with its changes still unsaved.
    let previews = submitter
        .as_ref()
        .and_then(|b| b.get_attribute("formtarget"))
        .is_some_and(|t| t == "_blank");
    if previews {
        return;
    }
    let mut a = assist.borrow_mut();
    if let Some(t) = a.timer.take() {
        t.clear();
    }
    if a.in_flight {
        ev.prevent_default();
        a.waiting_submit = Some(submitter.map(|b| b.unchecked_into()));
        a.status.set("Saving…".into());
    } else {
        a.submitting = true;
    }
}

/// Sends the form to the autosave address, unless nothing changed or a save is on its way.
fn autosave(assist: Shared) {
    let (url, body, sent) = {
        let mut a = assist.borrow_mut();
        a.timer = None;
        let Some(url) = a.autosave_url.clone() else {
            return;
        };
        let sent = snapshot(&a.form);
        if a.in_flight || a.submitting || sent == a.saved {
            return;
        }
        let Some(body) = form_params(&a.form).map(|p| String::from(p.to_string())) else {
            return;
        };
        a.in_flight = true;
        (url, body, sent)
    };
    leptos::task::spawn_local(async move {
        let outcome = post_form(&url, &body, "application/json").await;
        landed(&assist, outcome, sent);
    });
}

fn landed(assist: &Shared, outcome: Option<(u16, String)>, sent: String) {
    let mut a = assist.borrow_mut();
    a.in_flight = false;
    let mut retry = false;
    let mut wait_for_edit = false;
    match outcome {
        Some((200, text)) => match serde_json::from_str::<Saved>(&text) {
            Ok(saved) => {
                set_version(&a.form, saved.version);
                a.form.set_action(&saved.edit_url);
                if window().location().pathname().ok().as_deref() != Some(&saved.edit_url) {
                    if let Ok(history) = window().history() {
                        let _ = history.replace_state_with_url(
                            &JsValue::NULL,
                            "",
                            Some(&saved.edit_url),
                        );
                    }
                }
                a.autosave_url = Some(saved.autosave_url);
                a.saved = sent;
                a.status.set(saved.message);
            }
            Err(_) => {
                a.status.set(NOT_UNDERSTOOD.into());
                retry = true;
            }
        },
        Some((401, _)) => {
            a.status.set(
                "Not saved: your session has ended. Sign in again in another tab; your text is still here."
                    .into(),
            );
            retry = true;
        }
        Some((code, text)) => match serde_json::from_str::<NotSaved>(&text) {
            Ok(not) => {
                a.status.set(not.message);
                if not.stop {
                    a.autosave_url = None;
                    a.stopped = true;
                } else if code == 400 {
                    // A field the writer must change: the next edit saves again (or, if they
                    // changed the form while this was on its way, the usual pause after it).
                    wait_for_edit = snapshot(&a.form) == sent;
                } else {
                    // The database busy or out of reach (503): after a pause, not at once.
                    retry = true;
                }
            }
            Err(_) => {
                a.status.set(NOT_UNDERSTOOD.into());
                retry = true;
            }
        },
        None => {
            a.status
                .set("Not saved: no connection. It will try again in a moment.".into());
            retry = true;
        }
    }
    if let Some(submitter) = a.waiting_submit.take() {
        a.submitting = true;
        let form = a.form.clone();
        drop(a);
        let _ = form.request_submit_with_submitter(submitter.as_ref());
        return;
    }
    let changed = snapshot(&a.form) != a.saved;
    drop(a);
    if retry {
        schedule(assist, RETRY_AFTER);
    } else if changed && !wait_for_edit {
        schedule(assist, AUTOSAVE_AFTER);
    }
}

const NOT_UNDERSTOOD: &str =
    "Not saved: the newsroom gave an answer the editor did not understand. Use Save draft.";

/// The form's version after a save (a new article's form gets the field now).
fn set_version(form: &HtmlFormElement, version: i64) {
    let field = input("version").or_else(|| {
        let el = document().create_element("input").ok()?;
        let field: HtmlInputElement = el.dyn_into().ok()?;
        field.set_type("hidden");
        field.set_name("version");
        field.set_id("version");
        form.prepend_with_node_1(&field).ok()?;
        Some(field)
    });
    if let Some(field) = field {
        field.set_value(&version.to_string());
    }
}
