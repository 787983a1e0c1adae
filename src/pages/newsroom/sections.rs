//! `/newsroom/sections` (editors and admins): the category tree, a form to add a category, and
//! each category's page to rename, move or delete it (its articles moved to another).

use super::articles::{options, Choice};
use leptos::prelude::*;

/// One category in the tree.
#[derive(Debug, Clone)]
pub struct SectionLine {
    pub id: i64,
    pub name: String,
    pub path: String,
    /// 0 at the top.
    pub depth: usize,
    pub articles: i64,
}

/// A category's fields as typed.
#[derive(Debug, Clone, Default)]
pub struct SectionFields {
    pub name: String,
    pub slug: String,
    pub parent: String,
    pub description: String,
}

/// What a section page says above its forms.
#[derive(Debug, Clone, Default)]
pub struct Said {
    pub notice: Option<String>,
    pub problem: Option<String>,
}

impl Said {
    /// What was just done, when anything was.
    pub fn notice(notice: Option<String>) -> Self {
        Self {
            notice,
            problem: None,
        }
    }

    /// Why nothing was done.
    pub fn problem(problem: String) -> Self {
        Self {
            notice: None,
            problem: Some(problem),
        }
    }
}

fn said_view(said: Said) -> impl IntoView {
    view! {
        {said.notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {said.problem.map(|p| view! { <p class="nr-error" role="alert">{p}</p> })}
    }
}

/// The name, slug, parent and description fields, ids prefixed by `form`.
fn section_fields(
    form: &'static str,
    fields: SectionFields,
    parents: Vec<Choice>,
) -> impl IntoView {
    let id = move |f: &str| format!("{form}-{f}");
    view! {
        <div class="nr-field">
            <label for=id("name")>"Name"</label>
            <input id=id("name") name="name" type="text" required maxlength="80" value=fields.name dir="auto"/>
        </div>
        <div class="nr-field">
            <label for=id("slug")>"Slug"</label>
            <input id=id("slug") name="slug" type="text" required maxlength="60" value=fields.slug
                aria-describedby=id("slug-hint")/>
            <p class="nr-hint" id=id("slug-hint")>"Its address: lowercase letters, digits and hyphens. Changing it leaves a redirect from the old address."</p>
        </div>
        <div class="nr-field">
            <label for=id("parent")>"Parent"</label>
            <select id=id("parent") name="parent">{options(parents)}</select>
        </div>
        <div class="nr-field">
            <label for=id("description")>"Description"</label>
            <textarea id=id("description") name="description" rows="2" maxlength="300" dir="auto">{super::textarea_text(&fields.description)}</textarea>
        </div>
    }
}

#[component]
pub fn SectionsPage(
    lines: Vec<SectionLine>,
    csrf: String,
    /// The add form's fields (kept when it comes back with a problem).
    fields: SectionFields,
    parents: Vec<Choice>,
    said: Said,
) -> impl IntoView {
    let rows = lines
        .into_iter()
        .map(|l| {
            let indent = "— ".repeat(l.depth);
            view! {
                <tr>
                    <th scope="row">{indent}<a href=format!("/newsroom/sections/{}", l.id)>{l.name}</a></th>
                    <td dir="ltr">{crate::urls::category(&l.path)}</td>
                    <td>{l.articles}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>"Categories"</h1>
        {said_view(said)}
        <div class="nr-table-wrap" role="region" aria-label="Categories" tabindex="0">
            <table class="nr-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Address"</th>
                        <th scope="col">"Articles"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <section class="nr-panel" aria-labelledby="add-heading">
            <h2 id="add-heading">"Add a category"</h2>
            <form method="post" action="/newsroom/sections" class="nr-form">
                <input type="hidden" name="csrf" value=csrf/>
                {section_fields("add", fields, parents)}
                <button type="submit" class="nr-button">"Add category"</button>
            </form>
        </section>
    }
}

#[component]
pub fn SectionPage(
    id: i64,
    path: String,
    articles: i64,
    csrf: String,
    fields: SectionFields,
    parents: Vec<Choice>,
    /// Where its articles can go when it is deleted.
    move_to: Vec<Choice>,
    said: Said,
) -> impl IntoView {
    let heading = format!("Category: {}", fields.name);
    let action = format!("/newsroom/sections/{id}");
    let delete_action = format!("/newsroom/sections/{id}/delete");
    let count = match articles {
        0 => "It has no articles.".to_string(),
        1 => "It has 1 article.".to_string(),
        n => format!("It has {n} articles."),
    };
    view! {
        <h1>{heading}</h1>
        {said_view(said)}
        <p>
            "Address: "<a href=crate::urls::category(&path)>{crate::urls::category(&path)}</a>". "{count}
            " "<a href="/newsroom/sections">"All categories"</a>
        </p>
        <form method="post" action=action class="nr-form">
            <input type="hidden" name="csrf" value=csrf.clone()/>
            {section_fields("edit", fields, parents)}
            <button type="submit" class="nr-button">"Save category"</button>
        </form>
        <section class="nr-panel" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete this category"</h2>
            <p>"Its articles move to the category you choose, and its address then leads there."</p>
            <form method="post" action=delete_action class="nr-form">
                <input type="hidden" name="csrf" value=csrf/>
                <div class="nr-field">
                    <label for="move-to">"Move its articles to"</label>
                    <select id="move-to" name="move_to">{options(move_to)}</select>
                </div>
                <button type="submit" class="nr-button nr-button--danger">"Delete category"</button>
            </form>
        </section>
    }
}
