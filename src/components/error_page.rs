use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// A reader-facing error inside the portal's frame, served with the matching HTTP status.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(
            http::StatusCode::from_u16(error.status())
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
        );
        if error == AppError::Unavailable {
            let seconds = crate::server::http::error_response::UNAVAILABLE_RETRY_SECONDS;
            opts.insert_header(http::header::RETRY_AFTER, seconds.into());
        }
    }
    let title = error.title();
    let hint = match error {
        AppError::NotFound => "The page may have moved, or the address may be mistyped. Try searching, or start from the front page.",
        AppError::Gone => "Try searching for what else we have published on the subject, or start from the front page.",
        AppError::Invalid(_) | AppError::BadRequest => "Please check the address and try again.",
        _ => "Please try again in a moment.",
    };
    view! {
        <Title text=title/>
        <Meta name="robots" content="noindex"/>
        <section class="error-page">
            <p class="error-page__code">{error.status()}</p>
            <h1 class="error-page__title">{title}</h1>
            <p class="error-page__message">{error.to_string()}</p>
            <p>{hint}</p>
            <form class="error-page__search" action="/search" method="get" role="search">
                <label for="error-search">"Search the site"</label>
                <input id="error-search" type="search" name="q"/>
                <button type="submit">"Search"</button>
            </form>
            <p>
                <a href="/">"Go to the front page"</a>
            </p>
        </section>
    }
}

/// Shown while a client-side navigation waits for its data.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status">
            "Loading…"
        </p>
    }
}
