#![recursion_limit = "256"]
//! Timelines: a news-magazine portal. One crate, two builds: `ssr` (server) and `hydrate` (wasm).
//!
//! Pages are rendered on the server; the wasm build holds only the islands (`#[island]`
//! components: the header's menus, dialogs, ticker and theme toggle, the share bars) and the
//! client-side navigation between pages ([`nav`]).

pub mod api;
pub mod app;
pub mod components;
pub mod context;
pub mod dom;
pub mod error;
pub mod model;
pub mod nav;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod urls;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Only the islands are hydrated (by src/islands.js, one by one); the rest of the page is
    // the server's HTML.
    leptos::mount::hydrate_islands();
}

/// Called once the first page's islands are hydrated: starts client-side navigation.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start() {
    nav::start();
}
