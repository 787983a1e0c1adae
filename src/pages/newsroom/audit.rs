//! `/newsroom/audit` (admins): who did what, newest first.

use leptos::prelude::*;

#[derive(Debug, Clone)]
pub struct AuditLine {
    pub date_iso: String,
    pub date: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub address: String,
}

#[component]
pub fn AuditPage(
    lines: Vec<AuditLine>,
    previous: Option<String>,
    next: Option<String>,
) -> impl IntoView {
    let empty = lines
        .is_empty()
        .then(|| view! { <p>"Nothing has been logged yet."</p> });
    let rows = lines
        .into_iter()
        .map(|l| {
            view! {
                <tr>
                    <td><time datetime=l.date_iso>{l.date}</time></td>
                    <td>{l.actor}</td>
                    <td>{l.action}</td>
                    <td>{l.subject}</td>
                    <td>{l.address}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h1>"Audit log"</h1>
        {empty}
        <div class="nr-table-wrap" role="region" aria-label="Audit log" tabindex="0">
            <table class="nr-table">
                <caption class="nr-visually-hidden">"Newsroom actions, newest first"</caption>
                <thead>
                    <tr>
                        <th scope="col">"When"</th>
                        <th scope="col">"Who"</th>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Subject"</th>
                        <th scope="col">"Address"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <nav class="nr-pager" aria-label="Pages">
            {previous.map(|href| view! { <a href=href rel="prev">"Newer entries"</a> })}
            {next.map(|href| view! { <a href=href rel="next">"Older entries"</a> })}
        </nav>
    }
}
