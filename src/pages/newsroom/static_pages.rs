//! `/newsroom/pages`: the site's static pages (list, editor, delete confirmation), plain forms
//! that work without JavaScript.

use leptos::prelude::*;

/// One line of the list.
#[derive(Debug, Clone)]
pub struct PageLine {
    pub href: String,
    pub title: String,
    /// Its address on the site.
    pub address: String,
    pub date_iso: String,
    pub when: String,
    pub by: Option<String>,
}

#[component]
pub fn PagesPage(lines: Vec<PageLine>, notice: Option<String>) -> impl IntoView {
    let empty = lines.is_empty();
    let rows = lines
        .into_iter()
        .map(|l| {
            let by = l.by.map(|b| format!(" by {b}")).unwrap_or_default();
            view! {
                <tr>
                    <th scope="row"><a href=l.href dir="auto">{l.title}</a></th>
                    <td><a href=l.address.clone()>{l.address.clone()}</a></td>
                    <td><time datetime=l.date_iso>{l.when}</time>{by}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="nr-title-row">
            <h1>"Pages"</h1>
            <a href="/newsroom/pages/new" class="nr-button">"New page"</a>
        </div>
        {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {empty.then(|| view! { <p>"The site has no pages yet."</p> })}
        <div class="nr-table-wrap" role="region" aria-label="Pages" tabindex="0">
            <table class="nr-table">
                <thead>
                    <tr>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Address"</th>
                        <th scope="col">"Last change"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Someone saved the page after this form was opened.
#[derive(Debug, Clone)]
pub struct PageConflict {
    pub message: String,
    pub their_title: String,
    pub their_body: String,
}

#[derive(Debug, Clone)]
pub struct PageEditor {
    pub heading: String,
    /// Where the form posts.
    pub action: String,
    pub csrf: String,
    pub version: Option<i64>,
    pub title: String,
    pub slug: String,
    pub body: String,
    /// (field id, message)
    pub problems: Vec<(&'static str, String)>,
    pub notice: Option<String>,
    pub conflict: Option<PageConflict>,
    /// The saved page's address on the site.
    pub public_url: Option<String>,
    pub delete_href: Option<String>,
}

#[component]
pub fn PageEditorPage(editor: PageEditor) -> impl IntoView {
    let PageEditor {
        heading,
        action,
        csrf,
        version,
        title,
        slug,
        body,
        problems,
        notice,
        conflict,
        public_url,
        delete_href,
    } = editor;
    let message = |id: &str| {
        problems
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, m)| m.clone())
    };
    let field_error = |id: &'static str| {
        message(id).map(|m| view! { <p class="nr-field-error" id=format!("{id}-error")>{m}</p> })
    };
    let invalid = |id: &str| message(id).map(|_| "true");
    let described = |id: &'static str, hint: &'static str| {
        match message(id) {
            Some(_) => format!("{id}-error {hint}"),
            None => hint.to_string(),
        }
        .trim()
        .to_string()
    };
    let summary = super::problem_summary(&problems, "The page was not saved:");
    let conflict = conflict.map(|c| {
        view! {
            <section class="nr-error nr-conflict" role="alert" aria-labelledby="conflict-heading">
                <h2 id="conflict-heading">"Not saved: someone else saved first"</h2>
                <p>{c.message}</p>
                <details>
                    <summary>"Their version"</summary>
                    <p><strong dir="auto">{c.their_title}</strong></p>
                    <pre class="nr-source" dir="auto">{c.their_body}</pre>
                </details>
                <p>"Save again to replace their version with yours, or open the page afresh to start from theirs."</p>
            </section>
        }
    });
    view! {
        <div class="nr-title-row">
            <h1>{heading}</h1>
            <p><a href="/newsroom/pages">"All pages"</a></p>
        </div>
        {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {summary}
        {conflict}
        {public_url.map(|href| view! { <p><a href=href>"View the page on the site"</a></p> })}
        <form method="post" action=action class="nr-form nr-editor" id="page-form" novalidate>
            <input type="hidden" name="csrf" value=csrf/>
            {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string()/> })}
            <div class="nr-field">
                <label for="title">"Title"</label>
                <input id="title" name="title" type="text" required maxlength="200" value=title dir="auto"
                    aria-invalid=invalid("title") aria-describedby=message("title").map(|_| "title-error")/>
                {field_error("title")}
            </div>
            <div class="nr-field">
                <label for="slug">"Slug"</label>
                <input id="slug" name="slug" type="text" required maxlength="80" value=slug
                    aria-invalid=invalid("slug") aria-describedby=described("slug", "slug-hint")/>
                <p class="nr-hint" id="slug-hint">"The page's address on the site, /slug: lowercase letters a–z, digits and hyphens, such as about-us."</p>
                {field_error("slug")}
            </div>
            <div class="nr-field">
                <label for="body">"Body"</label>
                <textarea id="body" name="body" rows="18" dir="auto" class="nr-body"
                    aria-invalid=invalid("body") aria-describedby=described("body", "body-hint")>{super::textarea_text(&body)}</textarea>
                <p class="nr-hint" id="body-hint">"Markdown: a blank line between paragraphs, ## for a subheading, [text](https://…) for a link. At most 100,000 characters."</p>
                {field_error("body")}
            </div>
            <div class="nr-actions">
                <button type="submit" class="nr-button">"Save"</button>
                <button type="submit" formaction="/newsroom/pages/preview" formtarget="_blank" class="nr-button nr-button--quiet">
                    "Preview"<span class="nr-visually-hidden">" (opens in a new tab)"</span>
                </button>
            </div>
        </form>
        {delete_href.map(|href| view! {
            <form method="get" action=href class="nr-actions nr-delete">
                <button type="submit" class="nr-button nr-button--danger">"Delete page"</button>
            </form>
        })}
    }
}

/// "Delete this page?": Delete and Cancel.
#[component]
pub fn PageDeletePage(id: i64, title: String, address: String, csrf: String) -> impl IntoView {
    view! {
        <section class="nr-panel nr-panel--narrow" aria-labelledby="delete-heading">
            <h1 id="delete-heading">"Delete this page?"</h1>
            <p><strong dir="auto">{title}</strong></p>
            <p>{format!("Its address, {address}, will answer “not found” at once, and links to it in menus will lead nowhere. This cannot be undone.")}</p>
            <form method="post" action=format!("/newsroom/pages/{id}/delete") class="nr-actions">
                <input type="hidden" name="csrf" value=csrf/>
                <button type="submit" class="nr-button nr-button--danger">"Delete"</button>
                <a href=format!("/newsroom/pages/{id}") class="nr-button nr-button--quiet">"Cancel"</a>
            </form>
        </section>
    }
}
