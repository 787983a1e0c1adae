//! `/newsroom`: every article, whatever its state, with filters and pages.

use leptos::prelude::*;

/// One row of the list, ready to show.
#[derive(Debug, Clone)]
pub struct ArticleLine {
    pub title: String,
    pub lang: String,
    pub dir: String,
    /// The editor.
    pub href: String,
    /// The public page, once published.
    pub public: Option<String>,
    pub author: String,
    pub category: String,
    pub state: &'static str,
    pub date_iso: String,
    pub date: String,
}

/// A choice of a filter's `<select>`: value, label, chosen.
pub type Choice = (String, String, bool);

#[derive(Debug, Clone)]
pub struct ArticleList {
    pub lines: Vec<ArticleLine>,
    pub total: i64,
    pub states: Vec<Choice>,
    pub authors: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub title: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub page: i64,
    pub pages: i64,
    /// What was just done (an article deleted).
    pub notice: Option<&'static str>,
    /// The site's time zone, which the times are shown in.
    pub zone: String,
}

/// The `<option>`s of a filter or form `<select>`.
pub(super) fn options(choices: Vec<Choice>) -> impl IntoView {
    choices
        .into_iter()
        .map(
            |(value, label, chosen)| view! { <option value=value selected=chosen>{label}</option> },
        )
        .collect_view()
}

#[component]
pub fn ArticlesPage(list: ArticleList) -> impl IntoView {
    let ArticleList {
        lines,
        total,
        states,
        authors,
        categories,
        title,
        previous,
        next,
        page,
        pages,
        notice,
        zone,
    } = list;
    let count = match total {
        0 => "No articles match.".to_string(),
        1 => "1 article".to_string(),
        n => format!("{n} articles"),
    };
    let rows = lines
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <th scope="row">
                        <a href=l.href lang=l.lang dir=l.dir>{l.title}</a>
                        {l.public.map(|href| view! { " " <a class="nr-view" href=href>"View"<span class="nr-visually-hidden">" on the site"</span></a> })}
                    </th>
                    <td>{l.author}</td>
                    <td>{l.category}</td>
                    <td>{l.state}</td>
                    <td><time datetime=l.date_iso>{l.date}</time></td>
                </tr>
            }
        })
        .collect_view();
    let pager = (pages > 1).then(|| {
        view! {
            <nav class="nr-pager" aria-label="Pages">
                {previous.map(|href| view! { <a href=href rel="prev">"Previous page"</a> })}
                <span>{format!("Page {page} of {pages}")}</span>
                {next.map(|href| view! { <a href=href rel="next">"Next page"</a> })}
            </nav>
        }
    });
    view! {
        <div class="nr-title-row">
            <h1>"Articles"</h1>
            <a class="nr-button" href="/newsroom/articles/new">"New article"</a>
        </div>
        {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        <form class="nr-filters" method="get" action="/newsroom" role="search" aria-label="Filter articles">
            <div class="nr-field">
                <label for="f-state">"Status"</label>
                <select id="f-state" name="status">{options(states)}</select>
            </div>
            <div class="nr-field">
                <label for="f-author">"Author"</label>
                <select id="f-author" name="author">{options(authors)}</select>
            </div>
            <div class="nr-field">
                <label for="f-category">"Category"</label>
                <select id="f-category" name="category">{options(categories)}</select>
            </div>
            <div class="nr-field">
                <label for="f-title">"Title contains"</label>
                <input id="f-title" name="q" type="search" value=title/>
            </div>
            <button type="submit" class="nr-button">"Filter"</button>
        </form>
        <p role="status">{count}</p>
        <div class="nr-table-wrap" role="region" aria-label="Articles" tabindex="0">
            <table class="nr-table">
                <caption class="nr-visually-hidden">"Articles, latest change first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Author"</th>
                        <th scope="col">"Category"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">{format!("Last change ({zone})")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {pager}
    }
}
