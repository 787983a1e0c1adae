//! The HTML shell, the application frame and the route table.

use crate::api::get_site;
use crate::components::seo::SiteHead;
use crate::components::{Footer, Header};
use crate::error::AppError;
use crate::model::SiteInfo;
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment, WildcardSegment};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    // With `hash-files`, the stylesheet's name carries its content hash (read from the hash file
    // cargo-leptos writes), so it can be cached for a year.
    #[cfg(feature = "ssr")]
    let css = crate::server::http::assets::asset_href(&options, "css");
    #[cfg(not(feature = "ssr"))]
    let css = format!("/{}/{}.css", options.site_pkg_dir, options.output_name);
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <ThemeScript/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" id="leptos" href=css/>
                <AutoReload options=options.clone()/>
                <IslandScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Applies the theme the reader chose (a cookie the theme toggle sets) before the page is first
/// painted, so the chosen theme shows with no flash. It runs in the browser rather than being
/// rendered by the server so that the HTML is the same for every reader: a CDN or the page
/// cache can then keep one copy per URL (issue 11: `public` HTML that differed by a cookie while
/// saying only `Vary: Accept-Encoding`). Without a choice the system setting applies.
#[component]
fn ThemeScript() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let nonce = leptos::nonce::use_nonce();
    #[cfg(not(feature = "ssr"))]
    let nonce = None::<String>;
    let script = format!(
        "(function(){{var m=document.cookie.match(/(?:^|;\\s*){}=(light|dark)(?:;|$)/);\
         if(m)document.documentElement.setAttribute('data-theme',m[1])}})()",
        crate::model::THEME_COOKIE
    );
    view! { <script nonce=nonce>{script}</script> }
}

/// Loads the wasm bundle and hydrates the islands (`src/islands.js`). It takes the place of
/// Leptos's `HydrationScripts`, which preloads the bundle from the head, where on a phone it
/// competes with the page itself for the network, and hydrates every island in one long task.
#[component]
fn IslandScripts(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let (js, wasm, nonce) = (
        crate::server::http::assets::asset_href(&options, "js"),
        crate::server::http::assets::asset_href(&options, "wasm"),
        leptos::nonce::use_nonce(),
    );
    #[cfg(not(feature = "ssr"))]
    let (js, wasm, nonce) = (String::new(), String::new(), None::<String>);
    let _ = &options;
    // Islands read no resource the server resolved, so none is serialized into the page (as
    // HydrationScripts does in islands mode).
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let script = format!("{}({js:?}, {wasm:?});", include_str!("islands.js"));
    // `data-bundle` names the bundle the page runs: client-side navigation loads a page whose
    // bundle differs instead of showing it with the old one.
    view! { <script type="module" id="islands" nonce=nonce data-bundle=js>{script}</script> }
}

/// The site-wide data (menus, trending, masthead date), loaded once and shared by every page.
#[derive(Clone, Copy)]
pub struct SiteContext(pub Resource<Result<SiteInfo, AppError>>);

pub fn use_site() -> Resource<Result<SiteInfo, AppError>> {
    expect_context::<SiteContext>().0
}

/// False on the server and while an island hydrates, true right after: controls that need
/// JavaScript (dialogs, the theme toggle, the ticker's button, Copy Link) replace their
/// plain-HTML fallbacks only then, so hydration finds the server's HTML.
pub fn use_js_ready() -> ReadSignal<bool> {
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| set_ready.set(true));
    ready
}

/// The theme remembered in the cookie ("light" or "dark"; None follows the system), read from
/// `document.cookie`. The server renders no theme (see [`ThemeScript`]), so on the server this
/// is None; islands show theme-dependent controls only once JavaScript runs.
pub fn initial_theme() -> Option<&'static str> {
    #[cfg(feature = "ssr")]
    {
        None
    }
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::wasm_bindgen::JsCast;
        document()
            .dyn_into::<leptos::web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| d.cookie().ok())
            .and_then(|c| crate::model::theme_from_cookies(&c))
    }
}

/// The site's name for page titles, read once while the frame renders. The title formatter runs
/// inside `leptos_meta`'s head rendering, after the page's reactive owner may be gone: it must
/// not read a resource (issue 11: renders running at once panicked there).
fn site_name() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<crate::server::AppState>()
            .map(|s| s.config.site.name.clone())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

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
        <SiteHead/>
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
