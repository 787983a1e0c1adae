use crate::model::Pagination;
use leptos::prelude::*;

/// Previous / numbered / next links for an archive.
#[component]
pub fn Pager(pagination: Pagination) -> impl IntoView {
    let p = pagination;
    if p.total_pages <= 1 {
        return ().into_any();
    }
    let pages: Vec<u32> = (1..=p.total_pages)
        .filter(|&n| n == 1 || n == p.total_pages || n.abs_diff(p.page) <= 2)
        .collect();
    let mut items = Vec::new();
    let mut last = 0;
    for n in pages {
        if n > last + 1 {
            items.push(view! { <li class="pager__gap" aria-hidden="true">"…"</li> }.into_any());
        }
        last = n;
        let current = n == p.page;
        items.push(
            view! {
                <li>
                    <a
                        href=p.href(n)
                        aria-current=current.then_some("page")
                        aria-label=format!("Page {n}")
                    >
                        {n}
                    </a>
                </li>
            }
            .into_any(),
        );
    }
    let prev = (p.page > 1).then(
        || view! { <a class="pager__prev" rel="prev" href=p.href(p.page - 1)>"Previous"</a> },
    );
    let next = (p.page < p.total_pages)
        .then(|| view! { <a class="pager__next" rel="next" href=p.href(p.page + 1)>"Next"</a> });
    view! {
        <nav class="pager" aria-label="Pagination">
            {prev}
            <ol class="pager__pages">{items}</ol>
            {next}
        </nav>
    }
    .into_any()
}
