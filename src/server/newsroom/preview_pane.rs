//! The editor's inline preview: with JavaScript, the `PreviewPane` island sends the editor's
//! form a moment after typing stops (`POST /newsroom/articles/preview` for an article not saved
//! yet, `POST /newsroom/articles/<id>/preview` after) and shows what comes back: the title,
//! standfirst and body as readers read them, rendered here through the public page's Markdown
//! and sanitiser (`text::markdown_to_safe_html`), so the browser never renders Markdown itself.
//!
//! The answer is an HTML fragment (`private, no-store`), or JSON `{"message": …}` saying why
//! not in words the pane shows as they are. Checks are the editor's own: the session, the form
//! token (the guard checked the origin), the role, and for a saved article that the account
//! may open it. Nothing is written.

use super::editor::{
    allowed_to_edit, preview_lang, EditorForm, MAX_BODY_CHARS, MAX_DEK_CHARS, MAX_TITLE_CHARS,
};
use super::failure::Failure;
use super::page::{no_store, Refused};
use super::session::SignedIn;
use super::Permission;
use crate::pages::newsroom::PreviewFragment;
use crate::server::http::standalone_html;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use leptos::prelude::*;
use serde::Serialize;

/// Why there is no preview, in words for the pane.
#[derive(Debug, Serialize)]
pub struct NoPreview {
    pub message: String,
}

fn no_preview(status: StatusCode, message: impl Into<String>) -> Response {
    let body = NoPreview {
        message: message.into(),
    };
    no_store((status, Json(body)).into_response())
}

/// The store failed (logged in full): a fault of the database that passes is a 503 (the pane's
/// Refresh will work in a moment); anything else a 500.
fn store_failed(e: impl Failure, doing: &str) -> Response {
    tracing::error!(error = %e, "newsroom store error during a preview ({doing})");
    if e.passes() {
        let mut res = no_preview(
            StatusCode::SERVICE_UNAVAILABLE,
            "No preview: the newsroom could not reach its database. Try again in a moment.",
        );
        let seconds = crate::server::http::error_response::UNAVAILABLE_RETRY_SECONDS;
        res.headers_mut()
            .insert(header::RETRY_AFTER, seconds.into());
        return res;
    }
    no_preview(
        StatusCode::INTERNAL_SERVER_ERROR,
        "No preview: something went wrong on the newsroom's side. Your text is still in the form.",
    )
}

/// `POST /newsroom/articles/preview`: the preview of an article not saved yet.
pub async fn new_article(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<EditorForm>,
) -> Response {
    preview(state, signed_in, None, form).await
}

/// `POST /newsroom/articles/<id>/preview`.
pub async fn article(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<EditorForm>,
) -> Response {
    preview(state, signed_in, Some(id), form).await
}

async fn preview(state: AppState, s: SignedIn, id: Option<i64>, form: EditorForm) -> Response {
    if let Err(Refused(status, message)) = s
        .check_csrf(form.csrf())
        .and_then(|_| s.require(Permission::WriteOwn))
    {
        return no_preview(status, message);
    }
    if let Some(id) = id {
        match state.store.editable_article(id).await {
            Ok(Some(a)) if allowed_to_edit(&s, &a, false) => {}
            Ok(Some(_)) => {
                return no_preview(
                    StatusCode::FORBIDDEN,
                    "No preview: your account is not allowed to edit this article.",
                )
            }
            Ok(None) => {
                return no_preview(
                    StatusCode::NOT_FOUND,
                    "No preview: this article has been deleted.",
                )
            }
            Err(e) => return store_failed(e, "opening the article"),
        }
    }
    if let Some(problem) = too_long(&form) {
        return no_preview(StatusCode::UNPROCESSABLE_ENTITY, problem);
    }
    let title = form.title.trim().to_string();
    let dek = form.dek.trim().to_string();
    let lang = preview_lang(&form.lang).to_string();
    let body_html = match state
        .store
        .body_html(&form.body.replace("\r\n", "\n"))
        .await
    {
        Ok(html) => html,
        Err(e) => return store_failed(e, "rendering its images"),
    };
    let html = standalone_html::render(|| view! { <PreviewFragment title dek lang body_html/> });
    no_store(
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
    )
}

/// The first field over the editor's limits, said as the pane shows it.
fn too_long(form: &EditorForm) -> Option<String> {
    let over = |s: &str, max: usize| s.chars().count() > max;
    if over(form.title.trim(), MAX_TITLE_CHARS) {
        Some(format!(
            "No preview: the title is over {MAX_TITLE_CHARS} characters; shorten it."
        ))
    } else if over(form.dek.trim(), MAX_DEK_CHARS) {
        Some(format!(
            "No preview: the standfirst is over {MAX_DEK_CHARS} characters; shorten it."
        ))
    } else if over(&form.body, MAX_BODY_CHARS) {
        Some(
            "No preview: the body is over 200,000 characters; split it into several articles."
                .to_string(),
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(title: usize, dek: usize, body: usize) -> EditorForm {
        let mut f = EditorForm::default();
        f.title = "t".repeat(title);
        f.dek = "d".repeat(dek);
        f.body = "b".repeat(body);
        f
    }

    #[test]
    fn fields_at_their_limits_preview_and_the_first_one_over_is_named() {
        assert_eq!(too_long(&form(300, 600, 200_000)), None);
        assert!(too_long(&form(301, 601, 200_001))
            .unwrap()
            .contains("title"));
        assert!(too_long(&form(300, 601, 200_001))
            .unwrap()
            .contains("standfirst"));
        assert!(too_long(&form(300, 600, 200_001)).unwrap().contains("body"));
        // Counted in characters, not bytes: 300 Arabic letters are a title, not too long.
        let mut arabic = EditorForm::default();
        arabic.title = "ع".repeat(300);
        assert_eq!(too_long(&arabic), None);
    }

    #[test]
    fn a_preview_is_in_one_of_the_editors_languages_else_in_english() {
        assert_eq!(preview_lang(" ar "), "ar");
        assert_eq!(preview_lang("he"), "he");
        assert_eq!(preview_lang("xx"), "en");
        assert_eq!(preview_lang("ar\" dir=\"ltr"), "en");
    }
}
