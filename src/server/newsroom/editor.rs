//! The article editor's handlers: open (new or existing), save with the workflow action the
//! account's role allows, and preview. Everything is checked here, on the server: the session,
//! the form token (the guard checked the origin), the role for each action, every field.
//!
//! Split by concern: `form` (what the browser sends and its checks), `rights` (who may do
//! what), `page` (the editor page), `save` (saving), and here the handlers that open the
//! editor and preview an article.

mod form;
mod page;
mod rights;
mod save;

pub use form::EditorForm;
pub(super) use form::{
    checked, preview_lang, refused_field, MAX_BODY_CHARS, MAX_DEK_CHARS, MAX_TITLE_CHARS,
};
pub(super) use rights::allowed;
pub use rights::allowed_to_edit;
pub(super) use save::settle_image;
pub use save::{create, update};

use crate::pages::newsroom::{EditorFields, PreviewDocument};
use crate::server::newsroom::failure::unavailable;
use crate::server::newsroom::page::Answer;
use crate::server::newsroom::page::{no_store, Refused};
use crate::server::newsroom::session::SignedIn;
use crate::server::newsroom::Permission;
use crate::server::store::{ArticleStatus, EditableArticle};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

use crate::server::http::standalone_html;
use page::{editor_page, fields_of, with_image_from_library, Feedback};

pub async fn new_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<EditQuery>,
) -> Answer {
    let mut fields = EditorFields {
        lang: state.config.site.language.clone(),
        author: signed_in.staff.author_id.to_string(),
        draft_key: super::token::random(),
        ..EditorFields::default()
    };
    if let Some(id) = q.image {
        if let Err(e) = with_image_from_library(&state, &mut fields, id).await {
            return Err(unavailable(e));
        }
    }
    editor_page(
        &state,
        &signed_in,
        None,
        fields,
        Feedback::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct EditQuery {
    #[serde(default)]
    done: String,
    /// A picture chosen in the library ("Use as featured image"), put in the form unsaved.
    #[serde(default)]
    image: Option<i64>,
}

async fn load(state: &AppState, id: i64) -> Result<EditableArticle, Response> {
    match state.store.editable_article(id).await {
        Ok(Some(a)) => Ok(a),
        Ok(None) => Err(Refused(
            StatusCode::NOT_FOUND,
            "There is no article with that number. It may have been deleted.",
        )
        .into_response()),
        Err(e) => Err(unavailable(e)),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<EditQuery>,
) -> Answer {
    let article = load(&state, id).await?;
    if !allowed(
        &signed_in,
        article.fields.author_id,
        article.status == ArticleStatus::Published,
        None,
    ) {
        return Err(Refused(
            StatusCode::FORBIDDEN,
            "Your account is not allowed to edit this article. Ask an editor.",
        )
        .into_response());
    }
    let notice = match q.done.as_str() {
        "save" => Some("Draft saved.".to_string()),
        "review" => Some("Submitted for review: an editor will look at it.".to_string()),
        "publish" => Some("Published.".to_string()),
        "schedule" => Some("Scheduled.".to_string()),
        "update" => Some("Updated: readers see the new version.".to_string()),
        "unpublish" => {
            Some("Unpublished: it is a draft again, and readers no longer see it.".to_string())
        }
        "unshared" => Some("Stopped sharing: its preview links no longer open.".to_string()),
        "restore" => Some(
            "Revision restored: it is the article's text again, kept as a new revision."
                .to_string(),
        ),
        _ => None,
    };
    let mut fields = fields_of(&article, &SiteZone::of(&state.config));
    if let Some(id) = q.image {
        if let Err(e) = with_image_from_library(&state, &mut fields, id).await {
            return Err(unavailable(e));
        }
    }
    editor_page(
        &state,
        &signed_in,
        Some(&article),
        fields,
        Feedback {
            notice,
            ..Feedback::default()
        },
        StatusCode::OK,
    )
    .await
}

/// `POST /newsroom/preview`: the form's article as readers would read it, unsaved.
pub async fn preview(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<EditorForm>,
) -> Answer {
    signed_in.check_csrf(&form.csrf)?;
    if !signed_in.staff.role.may(Permission::WriteOwn) {
        return Err(Refused(
            StatusCode::FORBIDDEN,
            "Your account is not allowed to write articles.",
        )
        .into_response());
    }
    let lang = preview_lang(&form.lang).to_string();
    let body_html = state
        .store
        .body_html(&form.body.replace("\r\n", "\n"))
        .await
        .map_err(unavailable)?;
    let (site_name, css) = (state.site_name(), state.assets.css.clone());
    let (title, dek) = (form.title.trim().to_string(), form.dek.trim().to_string());
    let html = standalone_html::render(|| {
        view! { <PreviewDocument site_name css title dek lang body_html/> }
    });
    Ok(no_store(
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
    ))
}
