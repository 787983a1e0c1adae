//! The contact page's form ("Name", "Email", "Subject", "Message", "Send message"), drawn by the
//! server: it works without JavaScript. It posts to `/contact` (`server/http/contact_post.rs`),
//! which answers with a redirect to `/contact?sent=1` (the thanks shown here), or with this page
//! again holding what was typed and the reason it was refused (a [`ContactDraft`] context).

use crate::model::ContactDraft;
use leptos::prelude::*;

#[component]
pub fn ContactForm(
    /// The form's signed time.
    token: String,
) -> impl IntoView {
    let draft = use_context::<ContactDraft>().unwrap_or_default();
    let sent = draft.problem.is_empty()
        && leptos_router::hooks::use_query_map()
            .read_untracked()
            .get("sent")
            .is_some();
    // A textarea's children are written as they are (raw text), so what a refused post left
    // in it is escaped here: `</textarea><script>` typed in stays text.
    #[cfg(feature = "ssr")]
    let typed = html_escape::encode_text(&draft.message).into_owned();
    #[cfg(not(feature = "ssr"))]
    let typed = draft.message.clone();
    // A refusal takes the focus (the page came back from a post: the reader hears why at
    // once), and every field points at it; so does the thanks. Without JavaScript through
    // `autofocus` and the redirect's `#contact-sent`; with it, the page swap (`nav/`) focuses
    // what is marked `data-nav-focus`.
    let refused = !draft.problem.is_empty();
    let problem = refused.then(|| {
        view! {
            <p class="comment-form__problem" role="alert" id="contact-problem" tabindex="-1" autofocus data-nav-focus>
                {draft.problem.clone()}
            </p>
        }
    });
    let described = move |hint: &str| {
        let ids = if refused {
            format!("contact-problem {hint}")
        } else {
            hint.to_string()
        };
        Some(ids.trim().to_string()).filter(|ids| !ids.is_empty())
    };
    let invalid = refused.then_some("true");
    view! {
        <section class="contact" aria-labelledby="contact-title">
            <h2 class="section-title" id="contact-title">"Write to the newsroom"</h2>
            {sent.then(|| view! {
                <p class="comment-form__status" role="status" id="contact-sent" tabindex="-1" autofocus data-nav-focus>
                    "Thank you: your message has reached the newsroom. If it needs an answer, we will write to the address you gave."
                </p>
            })}
            <form class="comment-form contact-form" method="post" action="/contact" aria-labelledby="contact-title">
                {problem}
                <input type="hidden" name="token" value=token/>
                <div class="comment-form__trap">
                    <label for="contact-leave-empty">"Leave this field empty"</label>
                    <input id="contact-leave-empty" name="leave_empty" type="text" tabindex="-1" autocomplete="off"/>
                </div>
                <div class="comment-form__field">
                    <label for="contact-name">"Name"</label>
                    <input id="contact-name" name="name" type="text" required maxlength="80" autocomplete="name"
                        value=draft.name dir="auto" aria-invalid=invalid aria-describedby=described("")/>
                </div>
                <div class="comment-form__field">
                    <label for="contact-email">"Email"</label>
                    <input id="contact-email" name="email" type="email" required maxlength="254" autocomplete="email"
                        value=draft.email aria-invalid=invalid aria-describedby=described("contact-email-hint")/>
                    <p class="comment-form__hint" id="contact-email-hint">"Only the newsroom sees it, to answer you."</p>
                </div>
                <div class="comment-form__field">
                    <label for="contact-subject">"Subject"</label>
                    <input id="contact-subject" name="subject" type="text" required maxlength="150"
                        value=draft.subject dir="auto" aria-invalid=invalid aria-describedby=described("")/>
                </div>
                <div class="comment-form__field">
                    <label for="contact-message">"Message"</label>
                    <textarea id="contact-message" name="message" required maxlength="5000" rows="8" dir="auto"
                        aria-invalid=invalid aria-describedby=described("contact-message-hint")>{typed}</textarea>
                    <p class="comment-form__hint" id="contact-message-hint">"Plain text, up to 5,000 characters."</p>
                </div>
                <button type="submit" class="comment-form__submit">"Send message"</button>
            </form>
        </section>
    }
}
