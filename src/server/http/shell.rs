//! The HTML document around every page, rendered on the server only: the `<head>` the shell
//! owns (charset, viewport, theme, icon, stylesheet, island loader) and `<body>` with the
//! app frame. The built files' names come from [`BuiltAssets`](crate::server::http::assets), read
//! once at start.

use crate::app::App;
use crate::server::AppState;
use leptos::prelude::*;
use leptos_meta::MetaTags;

pub fn shell(state: &AppState) -> impl IntoView {
    let options = state.leptos_options.clone();
    // With `hash-files`, the stylesheet's name carries its content hash, so it can be cached
    // for a year.
    let css = state.assets.css.clone();
    let (js, wasm) = (state.assets.js.clone(), state.assets.wasm.clone());
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
                <AutoReload options/>
                <IslandScripts js wasm/>
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
    let nonce = leptos::nonce::use_nonce();
    let script = format!(
        "(function(){{var m=document.cookie.match(/(?:^|;\\s*){}=(light|dark)(?:;|$)/);\
         if(m)document.documentElement.setAttribute('data-theme',m[1])}})()",
        crate::model::THEME_COOKIE
    );
    view! { <script nonce=nonce>{script}</script> }
}

/// Loads the wasm bundle at `wasm` with its script at `js`, and hydrates the islands
/// (`src/islands.js`). It takes the place of Leptos's `HydrationScripts`, which preloads the
/// bundle from the head, where on a phone it competes with the page itself for the network,
/// and hydrates every island in one long task.
#[component]
fn IslandScripts(js: String, wasm: String) -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    // Islands read no resource the server resolved, so none is serialized into the page (as
    // HydrationScripts does in islands mode).
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    let script = format!(
        "{}({js:?}, {wasm:?}, true);",
        include_str!("../../islands.js")
    );
    // `data-bundle` names the bundle the page runs: client-side navigation loads a page whose
    // bundle differs instead of showing it with the old one.
    view! { <script type="module" id="islands" nonce=nonce data-bundle=js>{script}</script> }
}
