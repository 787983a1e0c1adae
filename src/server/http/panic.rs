//! Panics: each one is logged on one line (its backtrace too only when `RUST_BACKTRACE` asks
//! for it), and the request it hit is answered with the portal's 500 page, not a dropped
//! connection. The page is built at start (and after a rename): a panic is no time to render.
//! Panics in tasks a render spawned are brought back to the request ([`spawned`]); one that
//! fails after its request ended (the reader went away) is logged as a warning, since nobody
//! receives it.

mod spawned;

pub use spawned::{forward as forward_spawned_panics, init_executor};

use crate::error::AppError;
use crate::server::http::NO_STORE;
use crate::server::AppState;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use leptos::prelude::*;
use std::any::Any;
use std::backtrace::{Backtrace, BacktraceStatus};
use std::sync::{Arc, Mutex};
use tower_http::catch_panic::ResponseForPanic;

/// Replaces the default panic message on standard error with one `tracing` error line.
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = panic_message(info.payload());
        let location = info.location().map(ToString::to_string).unwrap_or_default();
        if spawned::request_gone() {
            // Nobody gets an answer from this render any more: a cancellation, not a failure
            // anyone sees (Leptos may poll a dropped render's resource once more).
            tracing::warn!(
                "a page render's task failed after its reader went away, at {location}: {message}"
            );
            return;
        }
        metrics::counter!(crate::server::metrics::PANICS).increment(1);
        // `capture` honours RUST_BACKTRACE (and RUST_LIB_BACKTRACE) as the default hook does.
        let backtrace = Backtrace::capture();
        if backtrace.status() == BacktraceStatus::Captured {
            tracing::error!("panicked at {location}: {message}\n{backtrace}");
        } else {
            tracing::error!("panicked at {location}: {message}");
        }
    }));
}

/// The text a panic was raised with.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// The site's 500 page, answered to a request whose handler panicked (through tower-http's
/// `CatchPanicLayer`, see `router.rs`): built at start, and again at the first panic after an
/// admin renamed the site in the newsroom (rare enough that a panic may then render).
#[derive(Clone, Debug)]
pub struct SiteErrorPage {
    state: AppState,
    /// The page, and the site name it was built for.
    kept: Arc<Mutex<(String, ServerErrorPage)>>,
}

impl SiteErrorPage {
    pub fn new(state: &AppState) -> Self {
        let name = state.site_name();
        let page = ServerErrorPage::new(&name, &state.config.site.language, &state.assets.css);
        Self {
            state: state.clone(),
            kept: Arc::new(Mutex::new((name, page))),
        }
    }

    /// The page for the site's name now.
    pub fn page(&self) -> ServerErrorPage {
        let name = self.state.site_name();
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if kept.0 != name {
            let page = ServerErrorPage::new(
                &name,
                &self.state.config.site.language,
                &self.state.assets.css,
            );
            *kept = (name, page);
        }
        kept.1.clone()
    }
}

impl ResponseForPanic for SiteErrorPage {
    type ResponseBody = Body;

    /// The panic hook has logged the panic already.
    fn response_for_panic(&mut self, _: Box<dyn Any + Send + 'static>) -> Response {
        self.page().response()
    }
}

/// The portal's "Something went wrong" page, rendered.
#[derive(Clone, Debug)]
pub struct ServerErrorPage(Bytes);

impl ServerErrorPage {
    /// The page for a site called `name`, in `lang`, styled by the stylesheet at `css`.
    pub fn new(name: &str, lang: &str, css: &str) -> Self {
        let error = AppError::Internal;
        let title = format!("{} — {name}", error.title());
        let dir = crate::model::direction_of(lang);
        let html = super::standalone_html::render(|| {
            view! {
                <!DOCTYPE html>
                <html lang=lang.to_string() dir=dir>
                    <head>
                        <meta charset="utf-8"/>
                        <meta name="viewport" content="width=device-width, initial-scale=1"/>
                        <meta name="color-scheme" content="light dark"/>
                        <meta name="robots" content="noindex"/>
                        <title>{title}</title>
                        <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                        <link rel="stylesheet" href=css.to_string()/>
                    </head>
                    <body>
                        <header class="site-header">
                            <div class="masthead container">
                                <a class="masthead__name" href="/">{name.to_string()}</a>
                            </div>
                        </header>
                        <main id="main" class="site-main">
                            <section class="error-page">
                                <p class="error-page__code">{error.status()}</p>
                                <h1 class="error-page__title">{error.title()}</h1>
                                <p class="error-page__message">{error.to_string()}</p>
                                <p>
                                    <a href="/">"Go to the front page"</a>
                                </p>
                            </section>
                        </main>
                    </body>
                </html>
            }
        });
        Self(Bytes::from(html))
    }

    pub fn response(&self) -> Response {
        let mut res = Response::new(Body::from(self.0.clone()));
        *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        let headers = res.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_the_site_links_home_and_escapes_what_it_shows() {
        let page = ServerErrorPage::new("<b>West</b> & \"Co\"", "ar", "/pkg/t.abc123.css");
        let html = String::from_utf8(page.0.to_vec()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
        assert!(html.contains(r#"<link rel="stylesheet" href="/pkg/t.abc123.css">"#));
        assert!(html.contains("&lt;b&gt;West&lt;/b&gt; &amp;"), "{html}");
        assert!(!html.contains("<b>"));
        assert!(html.contains(r#"<a href="/">Go to the front page</a>"#));
        assert!(html.contains(&AppError::Internal.to_string()));
        let res = page.response();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
        assert!(res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
    }

    #[test]
    fn panic_messages_are_read_from_either_payload() {
        let text: Box<dyn Any + Send> = Box::new("boom");
        let owned: Box<dyn Any + Send> = Box::new(String::from("boom 2"));
        let other: Box<dyn Any + Send> = Box::new(7_u8);
        assert_eq!(panic_message(text.as_ref()), "boom");
        assert_eq!(panic_message(owned.as_ref()), "boom 2");
        assert_eq!(panic_message(other.as_ref()), "(no message)");
    }
}
