//! Server-only code: configuration, the store, the demo newsroom, page data and the router.
//! Never compiled to wasm.

pub mod backup;
pub mod cli;
pub mod clock;
pub mod comments;
pub mod config;
pub mod contact;
pub mod demo;
pub mod email;
pub mod export;
pub mod feeds;
pub mod generate;
pub mod http;
pub mod import;
pub mod logging;
pub mod mail;
pub mod media;
pub mod metrics;
pub mod newsletter;
pub mod newsroom;
pub mod read;
pub mod search;
pub mod share;
pub mod shared;
pub mod signing;
pub mod site_settings;
pub mod state;
pub mod store;
pub mod text;
pub mod zone;

pub use state::AppState;

use crate::error::AppError;
pub use cli::main;

/// The state of the request being served, for server functions.
pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
