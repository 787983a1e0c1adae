//! The application frame (site context, head, header, footer) and the route table. The HTML
//! document around it is the server's (`server/shell.rs`); what components ask of the frame is
//! in `context.rs`.

use crate::api::get_site;
use crate::components::seo::SiteHead;
use crate::components::{Footer, Header};
use crate::context::{site_name, SiteContext};
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment, WildcardSegment};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = Resource::new(|| (), |_| get_site());
    provide_context(SiteContext(site));
    let name = site_name();

    view! {
        // Every page's <Title text> becomes "Headline — Site"; an empty text is the home page.
        <Title formatter=move |text: String| {
            let name = name.clone();
            crate::components::seo::title_markup(match (text.is_empty(), name.is_empty()) {
                (true, _) => name,
                (false, true) => text,
                (false, false) => format!("{text} — {name}"),
            })
        }/>
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <main id="main" class="site-main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=StaticSegment("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("category"), WildcardSegment("path")) view=CategoryPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("tag"), ParamSegment("slug")) view=TagPage ssr=SsrMode::Async/>
                    <Route path=(StaticSegment("author"), ParamSegment("slug")) view=AuthorPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=StaticSegment("subscribe") view=SubscribePage ssr=SsrMode::Async/>
                    // Static pages (Privacy Policy, Terms, Contact and any the newsroom makes): served
                    // by `server/http/page_route.rs`, which answers a renamed page's old address.
                    <Route path=ParamSegment("slug") view=SlugPage ssr=SsrMode::Async/>
                    <Route path=(ParamSegment("year"), ParamSegment("month")) view=DateArchivePage ssr=SsrMode::Async/>
                    <Route
                        path=(ParamSegment("year"), ParamSegment("month"), ParamSegment("day"))
                        view=DateArchivePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(ParamSegment("year"), ParamSegment("month"), ParamSegment("day"), ParamSegment("slug"))
                        view=ArticlePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <Footer/>
        </Router>
        // The site's own head tags (feeds, og:site_name), after the page's whichever moment a
        // page's are taken (`pages::suspended_page`): so every render of a page is the same.
        <SiteHead/>
    }
}
