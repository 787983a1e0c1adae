//! A page that only says something: a refusal, an expired link.

use leptos::prelude::*;

#[component]
pub fn MessagePage(
    title: String,
    message: String,
    #[prop(optional)] link: Option<(&'static str, &'static str)>,
) -> impl IntoView {
    view! {
        <section class="nr-panel nr-panel--narrow">
            <h1>{title}</h1>
            <p role="alert">{message}</p>
            {link.map(|(href, text)| view! { <p><a href=href>{text}</a></p> })}
        </section>
    }
}
