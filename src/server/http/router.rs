//! The whole HTTP surface in one place: Leptos pages and server functions, form posts, health,
//! feeds, sitemaps and robots.txt, static files, redirects and the 404 fallback (see
//! `static_files.rs`).

use super::shell::shell;
use super::{
    canonical, conditional, page_cache, panic, request_body, request_log, request_metrics,
    server_fn_status, static_files,
};
use crate::app::App;
use crate::error::AppError;
use crate::server::http::throttle::{self, Client};
use crate::server::{feeds, http, search, AppState};
use axum::body::Body;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get, post};
use axum::{Form, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use serde::Deserialize;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};

pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The portal with `extra` routes beside its own, behind the same layers (tests add routes
/// that misbehave, to see how the portal copes).
pub fn router_with(state: AppState, extra: Router<AppState>) -> Router {
    panic::init_executor();
    // `/{slug}` (a static page the newsroom made) and the date archives are answered by
    // `page_route.rs`, which serves a file of the same path first.
    const BY_PAGE_ROUTE: [&str; 3] = ["/{slug}", "/{year}/{month}", "/{year}/{month}/{day}"];
    let routes = generate_route_list(App)
        .into_iter()
        .filter(|r| !BY_PAGE_ROUTE.contains(&r.path()))
        .collect();
    let policy = http::Policy::new(&state);
    let body_rules = request_body::BodyRules::of(&state.config);
    extra
        .route("/healthz", get(http::health::healthz))
        .route("/readyz", get(http::health::readyz))
        .route("/subscribe", post(subscribe_form))
        .route(
            "/subscribe/confirm",
            get(http::newsletter_links::confirm_page).post(http::newsletter_links::confirm),
        )
        .route(
            "/subscribe/unsubscribe",
            get(http::newsletter_links::unsubscribe_page).post(http::newsletter_links::unsubscribe),
        )
        .route("/comments", post(http::comment_post::post_comment))
        // The contact page is a static page (`/{slug}` below) that takes its form's posts.
        .route(
            "/contact",
            get(http::page_route::page_or_file).post(http::contact_post::post_message),
        )
        // Search results as JSON for other clients (the page's own server fn is /api/search_page).
        .route("/api/search", get(search::api::search))
        // The search overlay's suggestions: one light query, JSON, never in the page cache.
        .route("/api/suggest", get(search::api::suggest))
        // Feeds, sitemaps and robots.txt. `/category/<path>/feed` is answered by the
        // `feeds::category_feeds` layer below, since the category page's wildcard owns that path.
        .route("/feed", get(feeds::site_rss))
        .route("/feed/atom", get(feeds::site_atom))
        .route("/feed/comments", get(feeds::site_comments))
        .route(
            "/{year}/{month}/{day}/{slug}/feed",
            get(feeds::article_comments),
        )
        .route("/tag/{slug}/feed", get(feeds::tag_rss))
        .route("/author/{slug}/feed", get(feeds::author_rss))
        .route("/sitemap.xml", get(feeds::sitemap_index))
        .route("/sitemaps/{file}", get(feeds::sitemap))
        .route("/news-sitemap.xml", get(feeds::news_sitemap))
        .route("/robots.txt", get(feeds::robots))
        // Pictures' variants from the media folder (never its originals).
        .route("/media/{key}/{file}", get(http::media_files::media_file))
        .route("/{slug}", any(http::page_route::page_or_file))
        .route(
            "/{year}/{month}",
            any(http::page_route::date_archive_or_file),
        )
        .route(
            "/{year}/{month}/{day}",
            any(http::page_route::date_archive_or_file),
        )
        .merge(crate::server::newsroom::routes(&state))
        .leptos_routes_with_context(&state, routes, page_context(&state), {
            let state = state.clone();
            move || shell(&state)
        })
        .fallback(static_files::file_or_not_found)
        // Innermost: inside the page cache's render task, where the render spawns its tasks.
        .layer(middleware::from_fn(panic::forward_spawned_panics))
        .layer(middleware::from_fn(server_fn_status::set_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            feeds::category_feeds,
        ))
        // Old addresses of articles, categories and tags (and their feeds, so outside the
        // category feeds' layer): 301 where the page says 404.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::moved::redirect_moved,
        ))
        .layer(middleware::from_fn(conditional::etag))
        .layer(middleware::from_fn_with_state(
            state.pages.clone(),
            page_cache::serve,
        ))
        // WordPress's `/?p=41` after an import: the page cache would answer it with the home page.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::moved::redirect_wordpress_queries,
        ))
        // Outside the page cache: its keys only ever meet canonical URLs (`/?s=oil` is a
        // redirect to the search page, not the kept front page).
        .layer(middleware::from_fn(canonical::redirect))
        // Level 2, not tower-http's default (brotli 4, gzip 6): pages are compressed anew on every
        // answer, and at level 4 brotli took about as long as rendering the page did (issue 12);
        // an article's HTML comes out about 9% larger in brotli. Built files are sent from their
        // precompressed siblings (`static_files.rs`) and are not compressed here.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(2)))
        .layer(middleware::from_fn_with_state(
            body_rules,
            request_body::read_in_time,
        ))
        // Outside the body reader: only staff may send the newsroom's large forms.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::server::newsroom::session::mark_staff,
        ))
        // Inside `respond`, so a panic's 500 page still gets the security headers.
        .layer(CatchPanicLayer::custom(panic::SiteErrorPage::new(&state)))
        .layer(middleware::from_fn_with_state(policy, http::respond))
        .layer(middleware::from_fn(routable_targets))
        .layer(middleware::from_fn(request_metrics::count))
        .layer(request_log::layer())
        // Outermost: the request log's line carries the id.
        .layer(middleware::from_fn(http::request_id::request_id))
        .with_state(state)
}

/// What every page render gets in its Leptos context.
pub fn page_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let state = state.clone();
    move || {
        provide_context(state.clone());
        http::provide_request_nonce();
    }
}

#[derive(Deserialize)]
struct SubscribeForm {
    #[serde(default)]
    email: String,
}

/// The newsletter form without JavaScript: post, store, then redirect back with the outcome
/// (post/redirect/get), so a reload never posts twice. Over the per-address sign-up limit the
/// subscribe page itself answers, 429 with `Retry-After`, saying so.
async fn subscribe_form(State(state): State<AppState>, req: Request) -> Response {
    let client = Client::of_request(
        req.headers(),
        req.extensions(),
        state.config.server.trust_forwarded_for,
    );
    match throttle::admit(&state, client).await {
        Ok(None) => {}
        Ok(Some(wait)) => return too_many_signups(&state, req, wait).await,
        Err(e) => return subscription_not_saved(e),
    }
    let email = Form::<SubscribeForm>::from_request(req, &state)
        .await
        .map(|Form(f)| f.email)
        .unwrap_or_default();
    match crate::server::newsletter::subscribe(&state, &email).await {
        Ok(outcome) => {
            Redirect::to(&format!("/subscribe?result={}", outcome.token())).into_response()
        }
        Err(e) => subscription_not_saved(e),
    }
}

/// The form's answer when the store could not take the sign-up: 503 with `Retry-After` for a
/// fault that passes, else 500.
fn subscription_not_saved(e: AppError) -> Response {
    if e == AppError::Unavailable {
        let seconds = super::error_response::UNAVAILABLE_RETRY_SECONDS;
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, seconds.to_string())],
            "We couldn't save your subscription just now. Please try again in a moment.",
        )
            .into_response();
    }
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side and your subscription was not saved. Please try again later.",
    )
        .into_response()
}

/// The subscribe page with the too-many outcome (kept cookies, so the theme stays), as 429.
async fn too_many_signups(state: &AppState, req: Request, wait: Duration) -> Response {
    let (mut parts, _unread) = req.into_parts();
    parts.method = Method::GET;
    parts.uri = Uri::from_static("/subscribe?result=too-many");
    parts.headers.remove(header::CONTENT_TYPE);
    parts.headers.remove(header::CONTENT_LENGTH);
    let render = leptos_axum::render_app_async_with_context(page_context(state), {
        let state = state.clone();
        move || shell(&state)
    });
    let mut res = render(Request::from_parts(parts, Body::empty())).await;
    *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    res.headers_mut()
        .insert(header::RETRY_AFTER, throttle::retry_after(wait));
    res
}

/// Request targets the portal cannot route: `CONNECT`'s authority form (`example.com:443`) and
/// the asterisk form (`OPTIONS *`) have no path. Answered 400 here, before anything that expects
/// a path (leptos_axum panicked on them).
async fn routable_targets(req: Request, next: Next) -> Response {
    if req.method() == axum::http::Method::CONNECT || !req.uri().path().starts_with('/') {
        return (
            StatusCode::BAD_REQUEST,
            [(header::CACHE_CONTROL, "no-store")],
            "Bad request: this server only answers requests for a path such as /.",
        )
            .into_response();
    }
    next.run(req).await
}
