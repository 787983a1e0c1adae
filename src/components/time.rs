use crate::model::Stamp;
use leptos::prelude::*;

/// "2 weeks ago" with the exact time for machines and the date as a tooltip.
#[component]
pub fn TimeAgo(stamp: Stamp) -> impl IntoView {
    view! { <time datetime=stamp.iso title=stamp.date>{stamp.relative}</time> }
}
