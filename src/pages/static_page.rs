use crate::api::get_page;
use crate::components::seo::{breadcrumb_ld, PageMeta, SeoHead};
use crate::components::{Breadcrumbs, ContactForm, ErrorPage};
use crate::context::use_site;
use crate::pages::{suspended_page, PageLang};
use leptos::prelude::*;
use leptos_meta::Title;

/// Privacy Policy, Terms, Contact: text pages kept in the store.
#[component]
pub fn StaticPage(#[prop(into)] slug: String) -> impl IntoView {
    let data = Resource::new(move || slug.clone(), get_page);
    let site = use_site();
    suspended_page(Box::pin(async move {
        let site = site.await;
        match (data.await, site) {
            (Ok(p), Ok(site)) => {
                let mut head = PageMeta::website(
                    &site,
                    p.title.clone(),
                    format!("{} of {}.", p.title, site.name),
                    &crate::urls::static_page(&p.slug),
                );
                head.json_ld
                    .push(breadcrumb_ld(&p.breadcrumbs, &site.public_url));
                let contact = p.contact_token.map(|token| view! { <ContactForm token/> });
                view! {
                    <PageLang lang=site.lang dir=site.dir/>
                    <Title text=p.title.clone()/>
                    <SeoHead meta=head/>
                    <div class="container">
                        <Breadcrumbs crumbs=p.breadcrumbs current_is_last=true/>
                        <article class="static-page">
                            <h1 class="static-page__title">{p.title}</h1>
                            <p class="static-page__updated">
                                "Last updated " <time datetime=p.updated.iso>{p.updated.date}</time>
                            </p>
                            <div class="static-page__body" inner_html=p.body_html></div>
                            {contact}
                        </article>
                    </div>
                }
                .into_any()
            }
            // The page's language, as the not-found page sets it (`<html lang>` is never
            // left empty).
            (Err(e), Ok(site)) => view! {
                <PageLang lang=site.lang dir=site.dir/>
                <ErrorPage error=e/>
            }
            .into_any(),
            (_, Err(e)) => view! {
                <PageLang lang="en" dir="ltr"/>
                <ErrorPage error=e/>
            }
            .into_any(),
        }
    }))
}

/// The page at `/<slug>` (Privacy Policy, Terms, any page the newsroom made); a slug no page has
/// is the not-found page.
#[component]
pub fn SlugPage() -> impl IntoView {
    let slug = leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    view! { <StaticPage slug/> }
}
