use crate::components::ErrorPage;
use crate::error::AppError;
use crate::pages::PageLang;
use leptos::prelude::*;

/// Any path no route knows.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageLang lang="en" dir="ltr"/>
        <ErrorPage error=AppError::NotFound/>
    }
}
