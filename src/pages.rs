//! One routed page per file.

mod archive;
mod article;
mod home;
mod not_found;
mod search;
mod static_page;
mod subscribe;

pub use archive::{AuthorPage, CategoryPage, TagPage};
pub use article::ArticlePage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use search::SearchPage;
pub use static_page::StaticPage;
pub use subscribe::SubscribePage;

use leptos::prelude::*;
use leptos_meta::Html;

/// Sets `<html lang dir>` for the page being shown.
#[component]
pub fn PageLang(#[prop(into)] lang: String, #[prop(into)] dir: String) -> impl IntoView {
    view! { <Html {..} lang=lang dir=dir/> }
}
