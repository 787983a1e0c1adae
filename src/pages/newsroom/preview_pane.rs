//! What the editor's inline preview shows (the `PreviewPane` island asks the server for it as
//! the writer types): the article's title, standfirst and body as readers read them, in the
//! article's own language and direction. `body_html` comes from the public page's Markdown and
//! sanitiser (`server/text.rs`); the title and standfirst are text, escaped here.

use leptos::prelude::*;

#[component]
pub fn PreviewFragment(
    title: String,
    dek: String,
    lang: String,
    body_html: String,
) -> impl IntoView {
    if title.is_empty() && dek.is_empty() && body_html.trim().is_empty() {
        return view! {
            <p class="nr-hint">"Nothing to preview yet: write a title or some of the body, and it shows here as readers will read it."</p>
        }
        .into_any();
    }
    let dir = crate::model::direction_of(&lang);
    view! {
        <article class="nr-preview__article" lang=lang dir=dir>
            // A level below the pane's own heading: the page keeps one outline.
            {(!title.is_empty()).then(|| view! { <h3 class="nr-preview__title">{title}</h3> })}
            {(!dek.is_empty()).then(|| view! { <p class="nr-preview__dek">{dek}</p> })}
            <div class="nr-preview__body" inner_html=body_html></div>
        </article>
    }
    .into_any()
}
