#![recursion_limit = "256"]
//! Timelines: a news-magazine portal. One crate, two builds: `ssr` (server) and `hydrate` (wasm).

pub mod api;
pub mod app;
pub mod components;
pub mod dom;
pub mod error;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
