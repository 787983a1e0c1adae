//! Autosave: the editor's island sends the form a few seconds after typing stops
//! (`POST /newsroom/articles/autosave` for an article not saved yet, which makes it a draft,
//! and `POST /newsroom/articles/<id>/autosave` after). Only drafts save by themselves: an
//! article in review, scheduled or published changes only when someone presses a button.
//!
//! The answers are JSON for the island: what was saved (the new version, where the article now
//! lives) or why not, in words it shows as they are. Checks are the editor's own: the session,
//! the form token (the guard checked the origin), the role, every field, and the version (a
//! save made on a stale version is refused, never silently written over someone's work).
//! A draft is not on reader pages, so an autosave never touches the page cache; it keeps a
//! revision at most every 10 minutes (`store::AUTOSAVE_REVISION_SECONDS`).

use super::editor::{allowed, checked, EditorForm};
use super::session::SignedIn;
use super::Permission;
use crate::server::clock;
use crate::server::store::{ArticleStatus, SaveAs, SaveError, Saving, StoreError, AUTOSAVE};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde::Serialize;

/// What the island is told after a save.
#[derive(Debug, Serialize)]
pub struct Saved {
    pub id: i64,
    pub version: i64,
    /// The editor's address for the article (a new article's changes from `…/new`).
    pub edit_url: String,
    /// Where the next autosave goes.
    pub autosave_url: String,
    /// "Saved at 10:42 UTC".
    pub message: String,
}

/// Why nothing was saved, in words for the editor's status line.
#[derive(Debug, Serialize)]
pub struct NotSaved {
    pub message: String,
    /// The field at fault, when one is.
    pub field: Option<&'static str>,
    /// Trying again will not help until the writer acts (a newer version, a changed state).
    pub stop: bool,
}

fn not_saved(
    status: StatusCode,
    message: impl Into<String>,
    field: Option<&'static str>,
) -> Response {
    let stop = !matches!(
        status,
        StatusCode::BAD_REQUEST | StatusCode::SERVICE_UNAVAILABLE
    );
    let body = NotSaved {
        message: message.into(),
        field,
        stop,
    };
    super::page::no_store((status, Json(body)).into_response())
}

/// `POST /newsroom/articles/autosave`: the first save of a new article, as a draft.
pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<EditorForm>,
) -> Response {
    autosave(state, signed_in, None, form).await
}

/// `POST /newsroom/articles/<id>/autosave`.
pub async fn update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    Form(form): Form<EditorForm>,
) -> Response {
    autosave(state, signed_in, Some(id), form).await
}

async fn autosave(state: AppState, s: SignedIn, id: Option<i64>, mut form: EditorForm) -> Response {
    if s.check_csrf(form.csrf()).is_err() {
        return not_saved(
            StatusCode::FORBIDDEN,
            "Not saved: this form has expired. Copy your changes, then reload the page.",
            None,
        );
    }
    let id = match id {
        Some(id) => Some(id),
        None => match form.resumed(&state, &s).await {
            Ok(id) => id,
            Err(e) => return unreachable_store(e),
        },
    };
    let article = match id {
        None => None,
        Some(id) => match state.store.editable_article(id).await {
            Ok(Some(a)) => Some(a),
            Ok(None) => {
                return not_saved(
                    StatusCode::NOT_FOUND,
                    "Not saved: this article has been deleted.",
                    None,
                )
            }
            Err(e) => return unreachable_store(e),
        },
    };
    let author_id = article
        .as_ref()
        .map(|a| a.fields.author_id)
        .unwrap_or(s.staff.author_id);
    if !s.staff.role.may(Permission::WriteOwn) || !allowed(&s, author_id, false, None) {
        return not_saved(
            StatusCode::FORBIDDEN,
            "Not saved: your account is not allowed to edit this article.",
            None,
        );
    }
    if article
        .as_ref()
        .is_some_and(|a| a.status != ArticleStatus::Draft)
    {
        return not_saved(
            StatusCode::CONFLICT,
            "Only drafts save by themselves: use the buttons below to save this article.",
            None,
        );
    }
    let mut fields = match checked(&form, &s, article.as_ref().map(|a| &a.fields)) {
        Ok(f) => f,
        Err(problems) => {
            let (field, message) = problems.into_iter().next().unwrap_or_default();
            return not_saved(
                StatusCode::BAD_REQUEST,
                format!("Not saved yet: {message}"),
                Some(field),
            );
        }
    };
    if !s.staff.role.may(Permission::EditAny) {
        fields.author_id = author_id;
    }
    let before = article.as_ref().and_then(|a| a.fields.image.as_ref());
    if let Err(e) = super::editor::settle_image(&state, &mut fields, before).await {
        return unreachable_store(e);
    }
    let now = clock::now().unix_timestamp();
    let saving = Saving {
        by: s.staff.id,
        at: now,
        action: AUTOSAVE,
    };
    let result = match &article {
        None => state
            .store
            .create_article(&fields, SaveAs::Draft, saving, form.draft_key())
            .await
            .map(|id| (id, 1))
            .map_err(SaveError::Store),
        Some(a) => state
            .store
            .save_article(
                a.id,
                form.version().unwrap_or(0),
                &fields,
                SaveAs::Keep,
                saving,
            )
            .await
            .map(|version| (a.id, version)),
    };
    match result {
        Ok((id, version)) => {
            let zone = SiteZone::of(&state.config);
            let body = Saved {
                id,
                version,
                edit_url: format!("/newsroom/articles/{id}"),
                autosave_url: format!("/newsroom/articles/{id}/autosave"),
                message: format!("Saved at {}", zone.time(now)),
            };
            super::page::no_store(Json(body).into_response())
        }
        Err(SaveError::Stale(stale)) => {
            let zone = SiteZone::of(&state.config);
            not_saved(
                StatusCode::CONFLICT,
                format!(
                    "Not saved: {} saved this article at {} on {}, after you opened it. Press Save draft to compare the two versions.",
                    stale.saved_by.unwrap_or_else(|| "someone".into()),
                    zone.time(stale.saved_at),
                    clock::long_date(zone.local(stale.saved_at)),
                ),
                None,
            )
        }
        Err(SaveError::Store(StoreError::Conflict(m))) => not_saved(
            StatusCode::BAD_REQUEST,
            format!("Not saved yet: {m}"),
            Some("slug"),
        ),
        Err(SaveError::Store(StoreError::Invalid(m))) => not_saved(
            StatusCode::BAD_REQUEST,
            format!("Not saved yet: {m}"),
            Some(super::editor::refused_field(&m)),
        ),
        Err(SaveError::Store(e)) => unreachable_store(e),
    }
}

/// The store failed: a fault of the database that passes is tried again (503, the island
/// keeps saving); anything else will fail again the same way (500, the island stops and says
/// so, the text stays in the form).
fn unreachable_store(e: impl super::failure::Failure) -> Response {
    tracing::error!(error = %e, "newsroom store error during autosave");
    if e.passes() {
        return not_saved(
            StatusCode::SERVICE_UNAVAILABLE,
            "Not saved: the newsroom could not reach its database. It will try again.",
            None,
        );
    }
    not_saved(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Not saved: something went wrong on the newsroom's side. Copy your text somewhere safe before you leave this page.",
        None,
    )
}
