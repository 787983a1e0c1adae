use crate::components::seo::{PageMeta, SiteSeoHead};
use crate::model::{SiteInfo, SubscribeOutcome};
use crate::pages::PageLang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const TITLE: &str = "Subscribe to the newsletter";

fn head(site: &SiteInfo) -> PageMeta {
    PageMeta::website(
        site,
        TITLE,
        "Get the day's most important stories in your inbox every morning.",
        "/subscribe",
    )
}
/// Newsletter sign-up: the form posts to `/subscribe`, and the server redirects back with
/// `?result=` (post/redirect/get). With JavaScript the same post is made by the client-side
/// navigation, which then moves focus to the outcome (`data-nav-focus`).
#[component]
pub fn SubscribePage() -> impl IntoView {
    let query = use_query_map();
    let outcome = query.with_untracked(|q| {
        q.get("result")
            .and_then(|r| SubscribeOutcome::from_token(&r))
    });
    let has_outcome = outcome.is_some();
    // A link from one of our messages: a button that does what it says (never the link alone,
    // which mail scanners open).
    let (confirm, leave) = query.with_untracked(|q| (q.get("confirm"), q.get("unsubscribe")));
    let link_form = match (confirm, leave) {
        (Some(token), _) => Some((
            "/subscribe/confirm",
            token,
            "Confirm your subscription",
            "One more step: press the button to start receiving our newsletter.",
            "Confirm my subscription",
        )),
        (None, Some(token)) => Some((
            "/subscribe/unsubscribe",
            token,
            "Unsubscribe",
            "Press the button and no more newsletters will be sent to your address.",
            "Unsubscribe",
        )),
        _ => None,
    };
    let link_form = link_form.map(|(action, token, heading, text, button)| {
        view! {
            <section class="subscribe__link" aria-labelledby="subscribe-link-title">
                <h2 id="subscribe-link-title">{heading}</h2>
                <p>{text}</p>
                <form method="post" action=action>
                    <input type="hidden" name="token" value=token/>
                    <button type="submit">{button}</button>
                </form>
            </section>
        }
    });
    view! {
        <PageLang lang="en" dir="ltr"/>
        <Title text=TITLE/>
        <SiteSeoHead describe=head/>
        <div class="container">
            <section class="subscribe">
                <h1 class="subscribe__title">"Subscribe to our newsletter"</h1>
                {link_form}
                <p class="subscribe__intro">
                    "The day's most important stories, picked by our editors and delivered every morning. Free, and you can unsubscribe at any time."
                </p>
                <form
                    class="subscribe__form"
                    method="post"
                    action="/subscribe"
                    novalidate
                    data-refill=outcome.is_some_and(SubscribeOutcome::is_error).then_some("")
                >
                    <label for="subscribe-email">"Email address"</label>
                    <input
                        id="subscribe-email"
                        type="email"
                        name="email"
                        autocomplete="email"
                        required
                        maxlength="254"
                        aria-describedby="subscribe-status"
                    />
                    <button type="submit">"Subscribe"</button>
                </form>
                <div
                    id="subscribe-status"
                    role="status"
                    aria-live="polite"
                    tabindex=has_outcome.then_some("-1")
                    data-nav-focus=has_outcome.then_some("")
                >
                    {outcome
                        .map(|o| {
                            let class = if o.is_error() { "notice notice--error" } else { "notice notice--success" };
                            view! { <p class=class>{o.message()}</p> }
                        })}
                </div>
            </section>
        </div>
    }
}
