//! The newsroom: where staff sign in and (in the issues that follow) write, review and publish.
//! Every handler checks the session (`session::SignedIn`) and, where it matters, the role
//! (`role.rs`) on the server; state-changing requests are refused unless same-origin
//! (`guard.rs`) and carry the session's form token. Responses are `private, no-store` and never
//! enter the page cache.

mod account;
mod articles;
mod audit_log;
mod autosave;
mod comments;
mod delete;
mod editor;
mod failure;
pub mod going_live;
pub mod guard;
mod import;
mod media;
mod menu_outline;
mod menus;
mod messages;
mod newsletter;
pub mod page;
pub mod password;
mod preview_link;
mod preview_pane;
mod revisions;
pub mod role;
mod sections;
pub mod session;
mod settings;
pub mod setup;
mod sign_in;
mod staff;
mod static_pages;
pub use static_pages::slug_problem as page_slug_problem;
mod tags;
pub mod token;
pub mod users;
pub mod web_address;

pub use role::{Permission, Role};

use crate::server::http::throttle::Client;
use crate::server::{clock, AppState};
use axum::http::{Extensions, HeaderMap};
use axum::routing::{get, post};
use axum::{middleware, Router};

/// The newsroom's routes, behind the cross-site check.
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/newsroom", get(articles::list))
        .route(
            "/newsroom/sign-in",
            get(sign_in::form).post(sign_in::submit),
        )
        .route("/newsroom/sign-out", post(sign_in::sign_out))
        .route(
            "/newsroom/setup",
            get(setup::setup_form).post(setup::setup_submit),
        )
        .route(
            "/newsroom/invite",
            get(setup::invite_form).post(setup::invite_submit),
        )
        .route("/newsroom/staff", get(staff::list))
        .route("/newsroom/staff/invite", post(staff::invite))
        .route("/newsroom/staff/{id}", post(staff::change))
        .route("/newsroom/articles", post(editor::create))
        .route("/newsroom/articles/new", get(editor::new_form))
        .route(
            "/newsroom/articles/{id}",
            get(editor::edit_form).post(editor::update),
        )
        .route("/newsroom/articles/autosave", post(autosave::create))
        .route("/newsroom/articles/{id}/autosave", post(autosave::update))
        .route(
            "/newsroom/articles/preview",
            post(preview_pane::new_article),
        )
        .route(
            "/newsroom/articles/{id}/preview",
            post(preview_pane::article),
        )
        .route(
            "/newsroom/articles/{id}/delete",
            get(delete::confirm).post(delete::delete),
        )
        .route("/newsroom/preview", post(editor::preview))
        .route(
            "/newsroom/articles/{id}/preview-links",
            post(preview_link::share),
        )
        .route(
            "/newsroom/articles/{id}/preview-links/revoke",
            post(preview_link::stop),
        )
        // Outside /newsroom: opened by people who are not signed in (GET only).
        .route("/preview/{token}", get(preview_link::show))
        .route(
            "/newsroom/articles/{id}/revisions/{rev}",
            get(revisions::show),
        )
        .route(
            "/newsroom/articles/{id}/revisions/{rev}/restore",
            post(revisions::restore),
        )
        .route(
            "/newsroom/sections",
            get(sections::list).post(sections::add),
        )
        .route(
            "/newsroom/sections/{id}",
            get(sections::show).post(sections::save),
        )
        .route("/newsroom/sections/{id}/delete", post(sections::delete))
        .route("/newsroom/menus", get(menus::show))
        .route("/newsroom/menus/{name}", post(menus::save))
        .route("/newsroom/tags", get(tags::list))
        .route("/newsroom/tags/{id}", get(tags::show).post(tags::rename))
        .route("/newsroom/tags/{id}/merge", post(tags::merge))
        .route(
            "/newsroom/pages",
            get(static_pages::list).post(static_pages::create),
        )
        .route("/newsroom/pages/new", get(static_pages::new_form))
        .route("/newsroom/pages/preview", post(static_pages::preview))
        .route(
            "/newsroom/pages/{id}",
            get(static_pages::edit_form).post(static_pages::update),
        )
        .route(
            "/newsroom/pages/{id}/delete",
            get(static_pages::confirm_delete).post(static_pages::delete),
        )
        .route("/newsroom/media", get(media::list).post(media::upload))
        .route("/newsroom/media/{id}", get(media::show).post(media::save))
        .route(
            "/newsroom/media/{id}/delete",
            get(media::confirm_delete).post(media::delete),
        )
        .route("/newsroom/comments", get(comments::queue))
        .route(
            "/newsroom/comments/{id}",
            get(comments::show).post(comments::edit),
        )
        .route("/newsroom/comments/{id}/status", post(comments::set_status))
        .route("/newsroom/comments/{id}/delete", post(comments::delete))
        .route("/newsroom/comments/{id}/reply", post(comments::reply))
        .route(
            "/newsroom/articles/{id}/comments",
            post(comments::set_closed),
        )
        .route("/newsroom/messages", get(messages::list))
        .route("/newsroom/messages/{id}", get(messages::show))
        .route("/newsroom/messages/{id}/delete", post(messages::delete))
        .route("/newsroom/newsletter", get(newsletter::show))
        .route("/newsroom/newsletter/send", post(newsletter::send))
        .route(
            "/newsroom/newsletter/confirmations",
            post(newsletter::ask_to_confirm),
        )
        .route("/newsroom/newsletter/issues/{key}", get(newsletter::issue))
        .route("/newsroom/audit", get(audit_log::show))
        .route("/newsroom/import", get(import::show).post(import::upload))
        .route(
            "/newsroom/settings",
            get(settings::show).post(settings::save),
        )
        .route("/newsroom/account", get(account::show))
        .route("/newsroom/account/password", post(account::change_password))
        .route(
            "/newsroom/account/sign-out-everywhere",
            post(account::sign_out_everywhere),
        )
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            guard::refuse_cross_site,
        ))
        // Outermost: renders every refusal above, the cross-site one too.
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            page::frame_refusals,
        ))
}

/// The client address a request counts against (for the sign-in lockout and the audit log), as
/// the newsletter throttle reads it.
pub fn client_address(state: &AppState, headers: &HeaderMap, extensions: &Extensions) -> String {
    match Client::of_request(headers, extensions, state.config.server.trust_forwarded_for) {
        Client::V4(ip) => ip.to_string(),
        Client::V6(net) => format!(
            "{:x}:{:x}:{:x}:{:x}::/64",
            net >> 48,
            (net >> 32) & 0xffff,
            (net >> 16) & 0xffff,
            net & 0xffff
        ),
        Client::Shared => "unknown".to_string(),
    }
}

/// A handler's argument: the client address of its request ([`client_address`]).
pub struct ClientAddress(pub String);

impl axum::extract::FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(client_address(
            state,
            &parts.headers,
            &parts.extensions,
        )))
    }
}

/// Writes an audit entry; a failure is logged, not shown (the action itself has succeeded).
pub async fn audit(
    state: &AppState,
    actor: Option<i64>,
    action: &str,
    subject: &str,
    address: &str,
) {
    let now = clock::now().unix_timestamp();
    if let Err(e) = state
        .store
        .audit(actor, action, subject, address, now)
        .await
    {
        tracing::error!(error = %e, action, "writing the audit log failed");
    }
}
