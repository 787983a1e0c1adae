//! `/newsroom/articles/<id>/delete`: the confirmation step before an article is deleted, a plain
//! form that works without JavaScript.

use leptos::prelude::*;

/// The article about to be deleted.
#[derive(Debug, Clone)]
pub struct DeleteConfirmation {
    pub title: String,
    /// Where the form posts.
    pub action: String,
    pub csrf: String,
    /// Back to the editor.
    pub cancel: String,
    /// Readers can see it now (its address will answer "gone").
    pub public: bool,
}

#[component]
pub fn DeletePage(confirm: DeleteConfirmation) -> impl IntoView {
    let DeleteConfirmation {
        title,
        action,
        csrf,
        cancel,
        public,
    } = confirm;
    let what = if public {
        "It is published: it goes from the site, search, feeds and sitemaps at once, and its address tells readers and search engines it is gone."
    } else {
        "Readers have not seen it."
    };
    view! {
        <section class="nr-panel nr-panel--narrow" aria-labelledby="delete-heading">
            <h1 id="delete-heading">"Delete this article?"</h1>
            <p><strong dir="auto">{title}</strong></p>
            <p>{what}" Its revisions and any preview links are deleted with it. This cannot be undone."</p>
            <form method="post" action=action class="nr-actions">
                <input type="hidden" name="csrf" value=csrf/>
                <button type="submit" class="nr-button nr-button--danger">"Delete"</button>
                <a href=cancel class="nr-button nr-button--quiet">"Cancel"</a>
            </form>
        </section>
    }
}
