//! Newsroom answers: a page rendered in the newsroom's frame, always `private, no-store` and
//! `noindex` (the page cache never keeps them: see `page_cache/key.rs`), and the refusals.

use super::session::SignedIn;
use crate::pages::newsroom::{Frame, MessagePage, NewsroomDocument, Scripts, Section, Viewer};
use crate::server::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::prelude::*;
use std::sync::OnceLock;

use crate::server::http::policy::PRIVATE as NO_STORE;
use crate::server::http::standalone_html;

/// The newsroom stylesheet's URL, with its content's digest so a new build is fetched at once.
pub fn css_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let digest = super::token::digest(include_str!("../../../public/newsroom.css"));
        format!("/newsroom.css?v={}", &digest[..12])
    })
}

/// The answer to a form that did its work: 303 See Other to the page that shows the result
/// (`to`), never stored.
// Both sides of an `Answer` are responses, handed straight back to axum: nothing is gained
// by boxing one.
#[allow(clippy::result_large_err)]
pub fn see_other(to: &str) -> Answer {
    Ok(no_store(axum::response::Redirect::to(to).into_response()))
}

/// Marks a response as the newsroom's: never stored by anyone, never indexed.
pub fn no_store(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
    h.insert(
        HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex, nofollow"),
    );
    res
}

/// The frame of a page for `viewer` (None: signed out).
pub fn frame(state: &AppState, title: &str, viewer: Option<&SignedIn>, section: Section) -> Frame {
    Frame {
        site_name: state.site_name(),
        lang: state.config.site.language.clone(),
        css: css_href().to_string(),
        title: title.to_string(),
        viewer: viewer.map(|s| Viewer {
            name: s.staff.name.clone(),
            role: s.staff.role.label(),
            csrf: s.csrf.clone(),
            admin: s.staff.role == super::Role::Admin,
            runs_site: s.staff.role.may(super::Permission::RunSite),
            uploads: s.staff.role.may(super::Permission::UploadImages),
        }),
        section,
        scripts: None,
    }
}

/// The newsroom's islands for a page answering `viewer`'s request; None when the bundle has
/// not been built (the page then works as it does without JavaScript).
pub fn scripts(state: &AppState, viewer: &SignedIn) -> Option<Scripts> {
    state.assets.newsroom.as_ref().map(|b| Scripts {
        js: b.js.clone(),
        wasm: b.wasm.clone(),
        nonce: viewer.nonce().to_string(),
    })
}

/// A whole newsroom page with `status`.
pub fn render<V: IntoView + 'static>(
    status: StatusCode,
    frame: Frame,
    body: impl FnOnce() -> V + Send + 'static,
) -> Response {
    let html =
        standalone_html::render(|| view! { <NewsroomDocument frame>{body()}</NewsroomDocument> });
    no_store(
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
    )
}

/// Why a newsroom request is refused; answered as [`refused`] says.
#[derive(Debug)]
pub struct Refused(pub StatusCode, pub &'static str);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        refused(self.0, self.1)
    }
}

/// What a newsroom handler answers. `Err` is an answer given before the handler's work is done
/// (a refusal, a missing row, a store failure), so that a check is one `?`:
/// `s.require(Permission::RunSite)?;`, `let row = load(&state, id).await?;`.
pub type Answer = Result<Response, Response>;

impl From<Refused> for Response {
    fn from(r: Refused) -> Response {
        r.into_response()
    }
}

/// A refusal with `status` and `message`. The checks that refuse run before a handler has the
/// site at hand, so the page is made by [`frame_refusals`], the newsroom's outermost layer,
/// which names the site as readers see it.
pub fn refused(status: StatusCode, message: &str) -> Response {
    let mut res = status.into_response();
    res.extensions_mut().insert(Refusal(message.to_string()));
    no_store(res)
}

/// The message of a refusal that [`frame_refusals`] has still to render.
#[derive(Clone, Debug)]
struct Refusal(String);

/// Middleware over the newsroom's routes: renders each refusal (see [`refused`]) in the
/// newsroom's frame, keeping its status and headers (a lockout's `Retry-After`).
pub async fn frame_refusals(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let Some(Refusal(message)) = res.extensions_mut().remove::<Refusal>() else {
        return res;
    };
    let status = res.status();
    let title = status.canonical_reason().unwrap_or("Refused").to_string();
    let frame = Frame {
        site_name: state.site_name(),
        lang: state.config.site.language.clone(),
        css: css_href().to_string(),
        title: title.clone(),
        viewer: None,
        section: Section::None,
        scripts: None,
    };
    let page = render(status, frame, move || {
        view! { <MessagePage title message link=("/newsroom", "Go to the newsroom")/> }
    });
    let (mut parts, _) = res.into_parts();
    let (page_parts, body) = page.into_parts();
    for (name, value) in &page_parts.headers {
        parts.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(parts, body)
}

/// `s` percent-encoded for a query string's value.
pub fn encode_query(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Where to go after signing in: a newsroom path from the form, or the newsroom's front page
/// (never another site: `//evil.example` and `https://…` are refused).
pub fn safe_next(next: &str) -> &str {
    let ok =
        (next == "/newsroom" || next.starts_with("/newsroom/") || next.starts_with("/newsroom?"))
            && !next.contains('\\')
            && !next.starts_with("/newsroom/sign-in");
    if ok {
        next
    } else {
        "/newsroom"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_newsroom_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/newsroom/account"), "/newsroom/account");
        assert_eq!(safe_next("/newsroom?page=2"), "/newsroom?page=2");
        assert_eq!(safe_next("//evil.example/newsroom"), "/newsroom");
        assert_eq!(safe_next("https://evil.example"), "/newsroom");
        assert_eq!(safe_next("/newsroomevil"), "/newsroom");
        assert_eq!(safe_next("/newsroom/\\evil"), "/newsroom");
        assert_eq!(safe_next("/newsroom/sign-in?next=x"), "/newsroom");
        assert_eq!(safe_next(""), "/newsroom");
    }
}

/// A form that sends nothing but its token (delete, make a link): what a post needs to prove
/// it came from the newsroom's own page.
#[derive(serde::Deserialize, Default)]
pub struct TokenForm {
    #[serde(default)]
    pub csrf: String,
}

/// The query a newsroom page is sent back to after a post (`?done=saved`), naming what was done,
/// for its status notice.
#[derive(serde::Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
}

impl DoneQuery {
    pub fn done(&self) -> &str {
        &self.done
    }
}
