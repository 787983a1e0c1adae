//! The comments under an article (`<section id="comments">`): the thread, the reader's own
//! comment awaiting moderation when the page was opened with its link, and the form.
//!
//! The thread is the server's HTML. The form is an island: without JavaScript it posts to
//! `/comments` and comes back through a redirect (`server/http/comment_post.rs`); with it, it
//! posts the same fields asking for JSON and shows the answer without leaving the page. A
//! comment is plain text: its pieces are drawn here as text and links, never as markup.

#[cfg(feature = "hydrate")]
use crate::model::CommentPosted;
use crate::model::{comment_count_label, CommentDraft, CommentPiece, CommentView, CommentsSection};
use leptos::prelude::*;

/// What a comment says: its paragraphs, links marked as the reader's (`nofollow ugc`).
#[component]
pub fn CommentText(paragraphs: Vec<Vec<CommentPiece>>) -> impl IntoView {
    paragraphs
        .into_iter()
        .map(|pieces| {
            let pieces = pieces
                .into_iter()
                .map(|piece| match piece {
                    CommentPiece::Text(t) => t.into_any(),
                    CommentPiece::Link { href, text } => view! {
                        <a href=href rel="nofollow ugc noopener">{text}</a>
                    }
                    .into_any(),
                    CommentPiece::Break => view! { <br/> }.into_any(),
                })
                .collect_view();
            view! { <p>{pieces}</p> }
        })
        .collect_view()
}

/// One comment: who, when, what; `held` marks the reader's own awaiting moderation.
#[component]
fn Comment(comment: CommentView, #[prop(optional)] held: bool) -> impl IntoView {
    let CommentView {
        id,
        name,
        staff,
        posted,
        paragraphs,
        ..
    } = comment;
    view! {
        <article class="comment" class:comment--held=held aria-labelledby=format!("comment-{id}-by")>
            <header class="comment__header">
                <span class="comment__author" id=format!("comment-{id}-by")>
                    <bdi>{name}</bdi>
                    {staff.then(|| view! { <span class="comment__staff">" (staff)"</span> })}
                </span>
                <a class="comment__time" href=format!("#comment-{id}")>
                    <time datetime=posted.iso>{posted.date}</time>
                </a>
            </header>
            {held.then(|| view! { <p class="comment__held">"Your comment is awaiting moderation."</p> })}
            <div class="comment__body" dir="auto"><CommentText paragraphs/></div>
        </article>
    }
}

/// One comment's HTML as the thread draws it (for the script that posted it).
#[cfg(feature = "ssr")]
pub fn comment_html(comment: CommentView, held: bool) -> String {
    crate::server::http::standalone_html::render(|| view! { <Comment comment held/> })
}

/// The section under an article. `lang`/`dir`: the portal's own (the frame's words).
#[component]
pub fn CommentsBlock(section: CommentsSection, draft: CommentDraft) -> impl IntoView {
    let CommentsSection {
        article_id,
        href,
        count,
        comments,
        held,
        open,
        form_token,
        reply_to,
        notice,
    } = section;
    let heading = comment_count_label(count, "en");
    let reply_href = |id: i64| format!("{href}?reply={id}#respond");
    let items = comments
        .into_iter()
        .map(|c| {
            let id = c.id;
            let replies = c.replies.clone();
            let reply_link = open.then(|| {
                view! {
                    <a class="comment__reply" href=reply_href(id) aria-describedby=format!("comment-{id}-by")>"Reply"</a>
                }
            });
            let replies = (!replies.is_empty()).then(|| {
                view! {
                    <ol class="comments comments--replies" role="list">
                        {replies
                            .into_iter()
                            .map(|r| {
                                let id = format!("comment-{}", r.id);
                                view! { <li id=id><Comment comment=r/></li> }
                            })
                            .collect_view()}
                    </ol>
                }
            });
            view! {
                <li id=format!("comment-{id}")>
                    <Comment comment=c/>
                    {reply_link}
                    {replies}
                </li>
            }
        })
        .collect_view();
    let held = held.map(|c| {
        let id = c.id;
        view! { <li id=format!("comment-{id}")><Comment comment=c held=true/></li> }
    });
    let form = if open {
        let (title, cancel) = match &reply_to {
            Some(r) => (
                format!("Reply to {}", r.name),
                Some(
                    view! { <a class="comment-respond__cancel" href=format!("{href}#respond")>"Cancel reply"</a> },
                ),
            ),
            None => ("Leave a comment".to_string(), None),
        };
        view! {
            <div class="comment-respond" id="respond">
                <h3 class="comment-respond__title" id="respond-title">{title}</h3>
                {cancel}
                {notice.map(|n| view! { <p class="comment-respond__notice" role="status">{n}</p> })}
                <CommentForm article_id parent_id=reply_to.map(|r| r.id) token=form_token draft/>
            </div>
        }
        .into_any()
    } else {
        // A comment refused because the article closed meanwhile says so, as an alert.
        let said = (!draft.problem.is_empty()).then_some("alert");
        let text = if draft.problem.is_empty() {
            "Comments are closed.".to_string()
        } else {
            draft.problem
        };
        view! { <p class="comments__closed" id="respond" role=said>{text}</p> }.into_any()
    };
    view! {
        <section class="comments-section" id="comments" aria-labelledby="comments-title">
            <h2 class="section-title" id="comments-title">{heading}</h2>
            <ol class="comments" role="list">{held}{items}</ol>
            {form}
        </section>
    }
}

/// The comment form, as the server draws it: it works without JavaScript. Its fields are what
/// `server::comments::post::CommentForm` reads; [`CommentFormAssist`] posts it with JavaScript.
#[component]
fn CommentForm(
    article_id: i64,
    parent_id: Option<i64>,
    token: String,
    draft: CommentDraft,
) -> impl IntoView {
    // A textarea's children are written as they are (raw text), so what a refused post left
    // in it is escaped here: `</textarea><script>` typed in stays text.
    #[cfg(feature = "ssr")]
    let typed = html_escape::encode_text(&draft.body).into_owned();
    #[cfg(not(feature = "ssr"))]
    let typed = draft.body.clone();
    view! {
        <form class="comment-form" id="comment-form" method="post" action="/comments" aria-labelledby="respond-title">
            <input type="hidden" name="article" value=article_id/>
            {parent_id.map(|p| view! { <input type="hidden" name="parent" value=p/> })}
            <input type="hidden" name="token" value=token/>
            <div class="comment-form__trap">
                <label for="comment-leave-empty">"Leave this field empty"</label>
                <input id="comment-leave-empty" name="leave_empty" type="text" tabindex="-1" autocomplete="off"/>
            </div>
            <div class="comment-form__field">
                <label for="comment-name">"Name"</label>
                <input id="comment-name" name="name" type="text" required maxlength="80" autocomplete="name"
                    value=draft.name dir="auto"/>
            </div>
            <div class="comment-form__field">
                <label for="comment-email">"Email"</label>
                <input id="comment-email" name="email" type="email" required maxlength="254" autocomplete="email"
                    value=draft.email aria-describedby="comment-email-hint"/>
                <p class="comment-form__hint" id="comment-email-hint">"Never shown. Used only if an editor needs to reach you."</p>
            </div>
            <div class="comment-form__field">
                <label for="comment-text">"Comment"</label>
                <textarea id="comment-text" name="comment" required maxlength="5000" rows="6" dir="auto"
                    aria-describedby="comment-text-hint">{typed}</textarea>
                <p class="comment-form__hint" id="comment-text-hint">"Plain text, up to 5,000 characters; web addresses become links."</p>
            </div>
            <button type="submit" class="comment-form__submit">"Post comment"</button>
            <CommentFormAssist problem=draft.problem/>
        </form>
    }
}

/// What the comment form does with JavaScript: it posts the form (`#comment-form`) asking for
/// JSON and shows, without leaving the page, the refusal (`problem`, an alert) or the comment
/// as the thread draws it. Kept small: the form's markup is the server's, not the bundle's.
#[island]
pub fn CommentFormAssist(problem: String) -> impl IntoView {
    let problem = RwSignal::new(problem);
    let status = RwSignal::new(String::new());
    let posted = RwSignal::new(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::attach(problem, status, posted);
    });
    view! {
        <p class="comment-form__problem" role="alert">{move || problem.get()}</p>
        <p class="comment-form__status" role="status">{move || status.get()}</p>
        <div class="comment-form__posted" inner_html=move || posted.get()></div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::*;
    use crate::model::CommentError;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    fn element<T: JsCast>(id: &str) -> Option<T> {
        web_sys::window()?
            .document()?
            .get_element_by_id(id)?
            .dyn_into::<T>()
            .ok()
    }

    /// Listens to the form's submissions.
    pub fn attach(problem: RwSignal<String>, status: RwSignal<String>, posted: RwSignal<String>) {
        let Some(form) = element::<web_sys::HtmlFormElement>("comment-form") else {
            return;
        };
        let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            submit(ev, problem, status, posted)
        });
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        // The form lives as long as the page.
        on_submit.forget();
    }

    fn set_sending(sending: bool) {
        if let Some(button) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("#comment-form .comment-form__submit")
                    .ok()
                    .flatten()
            })
            .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
        {
            button.set_disabled(sending);
            button.set_text_content(Some(if sending {
                "Posting…"
            } else {
                "Post comment"
            }));
        }
    }

    /// Posts the form asking for JSON; shows the comment or the refusal without leaving the page.
    fn submit(
        ev: web_sys::Event,
        problem: RwSignal<String>,
        status: RwSignal<String>,
        posted: RwSignal<String>,
    ) {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(data.as_ref())
        else {
            return;
        };
        ev.prevent_default();
        set_sending(true);
        problem.set(String::new());
        status.set("Posting your comment…".into());
        let encoded = String::from(params.to_string());
        leptos::task::spawn_local(async move {
            let sent = gloo_net::http::Request::post("/comments")
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(encoded);
            let answer = match sent {
                Ok(request) => request.send().await.ok(),
                Err(_) => None,
            };
            set_sending(false);
            let Some(res) = answer else {
                status.set(String::new());
                problem.set(
                    "Your comment could not be sent. Check your connection and try again.".into(),
                );
                return;
            };
            if res.status() == 201 {
                if let Ok(p) = res.json::<CommentPosted>().await {
                    status.set(p.message);
                    if let Some(text) = element::<web_sys::HtmlTextAreaElement>("comment-text") {
                        text.set_value("");
                    }
                    if p.held {
                        // So that a reload still shows it (its link is the reader's alone).
                        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                            let _ = history.replace_state_with_url(
                                &wasm_bindgen::JsValue::NULL,
                                "",
                                Some(&p.href),
                            );
                        }
                    }
                    posted.set(p.html);
                    return;
                }
            }
            status.set(String::new());
            let message = res.json::<CommentError>().await.ok().map(|e| e.error);
            problem.set(message.unwrap_or_else(|| {
                "Your comment could not be posted just now. Please try again.".into()
            }));
        });
    }
}
