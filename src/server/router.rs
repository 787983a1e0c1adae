//! The whole HTTP surface in one place: Leptos pages and server functions, form posts, health,
//! feeds, sitemaps and robots.txt, static files, redirects and the 404 fallback.

use crate::app::{shell, App};
use crate::model::SubscribeOutcome;
use crate::server::{api_search, feed, http, page_cache, panic, request_body, AppState};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use serde::Deserialize;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The portal with `extra` routes beside its own, behind the same layers (tests add routes
/// that misbehave, to see how the portal copes).
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    panic::init_executor();
    let routes = generate_route_list(App);
    let ctx = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            http::provide_request_nonce();
        }
    };
    let policy = http::Policy::new(&state);
    let body_timeout =
        std::time::Duration::from_secs(state.config.server.request_body_timeout_seconds.into());
    extra
        .route("/healthz", get(healthz))
        .route("/subscribe", post(subscribe_form))
        // Search results as JSON for other clients (the page's own server fn is /api/search_page).
        .route("/api/search", get(api_search::search))
        // Feeds, sitemaps and robots.txt. `/category/<path>/feed` is answered by the
        // `feed::category_feeds` layer below, since the category page's wildcard owns that path.
        .route("/feed", get(feed::site_rss))
        .route("/feed/atom", get(feed::site_atom))
        .route("/tag/{slug}/feed", get(feed::tag_rss))
        .route("/author/{slug}/feed", get(feed::author_rss))
        .route("/sitemap.xml", get(feed::sitemap_index))
        .route("/sitemaps/{file}", get(feed::sitemap))
        .route("/news-sitemap.xml", get(feed::news_sitemap))
        .route("/robots.txt", get(feed::robots))
        .leptos_routes_with_context(&state, routes, ctx.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            ctx, shell,
        ))
        // Innermost: inside the page cache's render task, where the render spawns its tasks.
        .layer(middleware::from_fn(panic::forward_spawned_panics))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            feed::category_feeds,
        ))
        .layer(middleware::from_fn(canonical_redirects))
        .layer(middleware::from_fn(http::etag))
        .layer(middleware::from_fn_with_state(
            state.pages.clone(),
            page_cache::serve,
        ))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            body_timeout,
            request_body::read_in_time,
        ))
        // Inside `respond`, so a panic's 500 page still gets the security headers.
        .layer(CatchPanicLayer::custom(panic::ServerErrorPage::for_site(
            &state,
        )))
        .layer(middleware::from_fn_with_state(policy, http::respond))
        .with_state(state)
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.store.article_count().await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

#[derive(Deserialize)]
struct SubscribeForm {
    #[serde(default)]
    email: String,
}

/// The newsletter form without JavaScript: post, store, then redirect back with the outcome
/// (post/redirect/get), so a reload never posts twice.
async fn subscribe_form(
    State(state): State<AppState>,
    form: Result<Form<SubscribeForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let email = form.map(|Form(f)| f.email).unwrap_or_default();
    let outcome = match state.subscribe(&email).await {
        Ok(o) => o,
        Err(_) => {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "We couldn't save your subscription. Please try again.",
            )
                .into_response()
        }
    };
    let status = if outcome == SubscribeOutcome::Invalid {
        "invalid"
    } else {
        outcome.token()
    };
    Redirect::to(&format!("/subscribe?result={status}")).into_response()
}

/// WordPress-compatible redirects: `/?s=terms` to `/search?q=terms`, and any path with a
/// trailing slash to the same path without it (308, keeping the query).
async fn canonical_redirects(req: Request, next: Next) -> Response {
    let uri = req.uri().clone();
    if let Some(to) = redirect_target(&uri) {
        return (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)]).into_response();
    }
    next.run(req).await
}

fn redirect_target(uri: &Uri) -> Option<String> {
    let path = uri.path();
    let query = uri.query();
    if path == "/" {
        let q = query?;
        let s = q.split('&').find_map(|kv| kv.strip_prefix("s="))?;
        return Some(format!("/search?q={s}"));
    }
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        let trimmed = if trimmed.is_empty() { "/" } else { trimmed };
        // Collapse leading slashes so `//evil.example/` can never become an off-site redirect.
        let trimmed = format!("/{}", trimmed.trim_start_matches('/'));
        return Some(match query {
            Some(q) => format!("{trimmed}?{q}"),
            None => trimmed,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::redirect_target;

    fn target(s: &str) -> Option<String> {
        redirect_target(&s.parse().unwrap())
    }

    #[test]
    fn redirects_are_canonical_and_stay_on_site() {
        assert_eq!(
            target("/?s=lavrov+china").as_deref(),
            Some("/search?q=lavrov+china")
        );
        assert_eq!(target("/?utm=x"), None);
        assert_eq!(target("/"), None);
        assert_eq!(
            target("/category/world/").as_deref(),
            Some("/category/world")
        );
        assert_eq!(
            target("/category/world/?page=2").as_deref(),
            Some("/category/world?page=2")
        );
        assert_eq!(target("//evil.example/").as_deref(), Some("/evil.example"));
        assert_eq!(target("/category/world"), None);
    }
}
