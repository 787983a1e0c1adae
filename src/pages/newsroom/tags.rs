//! `/newsroom/tags` (editors and admins): the tags, most used first, with a search, and each
//! tag's page to rename it or merge it into another.

use super::sections::Said;
use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct TagLine {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub articles: i64,
}

#[component]
pub fn TagsPage(
    lines: Vec<TagLine>,
    query: String,
    total: i64,
    /// Links to the previous and next pages of the list, when there are.
    prev: Option<String>,
    next: Option<String>,
    said: Said,
) -> impl IntoView {
    let rows = lines
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <th scope="row"><a href=format!("/newsroom/tags/{}", l.id) dir="auto">{l.name}</a></th>
                    <td dir="auto">{crate::urls::tag(&l.slug)}</td>
                    <td>{l.articles}</td>
                </tr>
            }
        })
        .collect_view();
    let shown = format!("{total} tag{}", if total == 1 { "" } else { "s" });
    view! {
        <h1>"Tags"</h1>
        {said.notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        <form method="get" action="/newsroom/tags" class="nr-filters" role="search">
            <div class="nr-field">
                <label for="tag-q">"Find a tag"</label>
                <input id="tag-q" name="q" type="search" value=query dir="auto"/>
            </div>
            <button type="submit" class="nr-button">"Find"</button>
        </form>
        <p>{shown}</p>
        <div class="nr-table-wrap" role="region" aria-label="Tags" tabindex="0">
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
        <nav class="nr-pager" aria-label="Pages of tags">
            {prev.map(|h| view! { <a href=h rel="prev">"Previous"</a> })}
            {next.map(|h| view! { <a href=h rel="next">"Next"</a> })}
        </nav>
    }
}

#[component]
pub fn TagPage(
    id: i64,
    name: String,
    slug: String,
    articles: i64,
    csrf: String,
    /// What the merge field holds (kept when it comes back with a problem).
    merge_into: String,
    said: Said,
) -> impl IntoView {
    let heading = format!("Tag: {name}");
    let count = match articles {
        0 => "No article carries it.".to_string(),
        1 => "1 article carries it.".to_string(),
        n => format!("{n} articles carry it."),
    };
    view! {
        <h1 dir="auto">{heading}</h1>
        {said.notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {said.problem.map(|p| view! { <p class="nr-error" role="alert">{p}</p> })}
        <p>
            "Address: "<a href=crate::urls::tag(&slug) dir="auto">{crate::urls::tag(&slug)}</a>". "{count}
            " "<a href="/newsroom/tags">"All tags"</a>
        </p>
        <form method="post" action=format!("/newsroom/tags/{id}") class="nr-form">
            <input type="hidden" name="csrf" value=csrf.clone()/>
            <div class="nr-field">
                <label for="tag-name">"Name"</label>
                <input id="tag-name" name="name" type="text" required maxlength="60" value=name dir="auto"
                    aria-describedby="tag-name-hint"/>
                <p class="nr-hint" id="tag-name-hint">"Its address follows the name; the old address then leads to the new one."</p>
            </div>
            <button type="submit" class="nr-button">"Rename tag"</button>
        </form>
        <section class="nr-panel" aria-labelledby="merge-heading">
            <h2 id="merge-heading">"Merge into another tag"</h2>
            <p>"Its articles carry the other tag instead, this tag goes, and its address leads to the other's."</p>
            <form method="post" action=format!("/newsroom/tags/{id}/merge") class="nr-form">
                <input type="hidden" name="csrf" value=csrf/>
                <div class="nr-field">
                    <label for="merge-into">"Merge into (the other tag's name)"</label>
                    <input id="merge-into" name="into" type="text" required value=merge_into dir="auto"/>
                </div>
                <button type="submit" class="nr-button nr-button--danger">"Merge tags"</button>
            </form>
        </section>
    }
}
