use crate::api::get_page;
use crate::components::{Breadcrumbs, ErrorPage, Loading};
use crate::pages::PageLang;
use leptos::prelude::*;
use leptos_meta::Title;

/// Privacy Policy, Terms, Contact: text pages kept in the store.
#[component]
pub fn StaticPage(slug: &'static str) -> impl IntoView {
    let data = Resource::new(move || slug, |s| get_page(s.to_string()));
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(p) => {
                        view! {
                            <PageLang lang="en" dir="ltr"/>
                            <Title text=p.title.clone()/>
                            <div class="container">
                                <Breadcrumbs crumbs=p.breadcrumbs current_is_last=true/>
                                <article class="static-page">
                                    <h1 class="static-page__title">{p.title}</h1>
                                    <p class="static-page__updated">
                                        "Last updated " <time datetime=p.updated.iso>{p.updated.date}</time>
                                    </p>
                                    <div class="static-page__body" inner_html=p.body_html></div>
                                </article>
                            </div>
                        }
                            .into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
