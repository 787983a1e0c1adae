//! The HTML shell, the application frame and the route table.

use crate::api::get_site;
use crate::components::{Footer, Header};
use crate::error::AppError;
use crate::model::SiteInfo;
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment, WildcardSegment};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The site-wide data (menus, trending, masthead date), loaded once and shared by every page.
#[derive(Clone, Copy)]
pub struct SiteContext(pub Resource<Result<SiteInfo, AppError>>);

pub fn use_site() -> Resource<Result<SiteInfo, AppError>> {
    expect_context::<SiteContext>().0
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = Resource::new(|| (), |_| get_site());
    provide_context(SiteContext(site));

    view! {
        <Stylesheet id="leptos" href="/pkg/timelines.css"/>
        // Every page's <Title text> becomes "Headline — Site"; an empty text is the home page.
        <Title formatter=move |text: String| {
            let name = site.get_untracked().and_then(Result::ok).map(|s| s.name).unwrap_or_default();
            match (text.is_empty(), name.is_empty()) {
                (true, _) => name,
                (false, true) => text,
                (false, false) => format!("{text} — {name}"),
            }
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
                    <Route path=StaticSegment("privacy-policy") view=|| view! { <StaticPage slug="privacy-policy"/> } ssr=SsrMode::Async/>
                    <Route path=StaticSegment("terms") view=|| view! { <StaticPage slug="terms"/> } ssr=SsrMode::Async/>
                    <Route path=StaticSegment("contact") view=|| view! { <StaticPage slug="contact"/> } ssr=SsrMode::Async/>
                    <Route
                        path=(ParamSegment("year"), ParamSegment("month"), ParamSegment("day"), ParamSegment("slug"))
                        view=ArticlePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <Footer/>
        </Router>
    }
}
