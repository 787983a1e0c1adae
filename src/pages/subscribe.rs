use crate::api::Subscribe;
use crate::components::seo::{PageMeta, SiteSeoHead};
use crate::model::{SiteInfo, SubscribeOutcome};
use crate::pages::PageLang;
use leptos::prelude::*;
use leptos_meta::Title;

const TITLE: &str = "Subscribe to the newsletter";

fn head(site: &SiteInfo) -> PageMeta {
    PageMeta::website(
        site,
        TITLE,
        "Get the day's most important stories in your inbox every morning.",
        "/subscribe",
    )
}
use leptos_router::hooks::use_query_map;

/// Newsletter sign-up. Without JavaScript the form posts to `/subscribe` and the server
/// redirects back with `?result=`; with it, the same form calls the server function in place.
#[component]
pub fn SubscribePage() -> impl IntoView {
    let query = use_query_map();
    let action = ServerAction::<Subscribe>::new();
    let email = RwSignal::new(String::new());
    let outcome = move || match action.value().get() {
        Some(Ok(o)) => Some(o),
        Some(Err(_)) => None,
        None => query.with(|q| {
            q.get("result")
                .and_then(|r| SubscribeOutcome::from_token(&r))
        }),
    };
    let failed = move || matches!(action.value().get(), Some(Err(_)));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(Subscribe {
            email: email.get_untracked(),
        });
    };
    view! {
        <PageLang lang="en" dir="ltr"/>
        <Title text=TITLE/>
        <SiteSeoHead describe=head/>
        <div class="container">
            <section class="subscribe">
                <h1 class="subscribe__title">"Subscribe to our newsletter"</h1>
                <p class="subscribe__intro">
                    "The day's most important stories, picked by our editors and delivered every morning. Free, and you can unsubscribe at any time."
                </p>
                <form class="subscribe__form" method="post" action="/subscribe" on:submit=on_submit novalidate>
                    <label for="subscribe-email">"Email address"</label>
                    <input
                        id="subscribe-email"
                        type="email"
                        name="email"
                        autocomplete="email"
                        required
                        maxlength="254"
                        prop:value=move || email.get()
                        on:input=move |ev| email.set(event_target_value(&ev))
                        aria-describedby="subscribe-status"
                    />
                    <button type="submit" disabled=move || action.pending().get()>"Subscribe"</button>
                </form>
                <div id="subscribe-status" role="status" aria-live="polite">
                    {move || {
                        outcome()
                            .map(|o| {
                                let class = if o.is_error() { "notice notice--error" } else { "notice notice--success" };
                                view! { <p class=class>{o.message()}</p> }
                            })
                    }}
                    {move || {
                        failed()
                            .then(|| {
                                view! {
                                    <p class="notice notice--error">
                                        "We couldn't reach the server. Please check your connection and try again."
                                    </p>
                                }
                            })
                    }}
                </div>
            </section>
        </div>
    }
}
