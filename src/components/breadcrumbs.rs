use crate::model::Crumb;
use leptos::prelude::*;

/// Home » World » Europe » Ukraine. The last crumb is the current page.
#[component]
pub fn Breadcrumbs(crumbs: Vec<Crumb>, #[prop(optional)] current_is_last: bool) -> impl IntoView {
    let n = crumbs.len();
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                {crumbs
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let current = current_is_last && i + 1 == n;
                        view! {
                            <li>
                                <a href=c.href aria-current=current.then_some("page")>{c.label}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
