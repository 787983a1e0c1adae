//! Saving the editor's form: the first save of a new article and every later one, with the
//! workflow action the role allows, the version check, the featured image's text, and the
//! answer (the editor again with what was wrong, or the article's page with what was done).

use crate::pages::newsroom::Conflict;
use crate::server::clock;
use crate::server::newsroom::failure::unavailable;
use crate::server::newsroom::page::{no_store, Answer, Refused};
use crate::server::newsroom::session::SignedIn;
use crate::server::newsroom::ClientAddress;
use crate::server::newsroom::Permission;
use crate::server::store::{
    ArticleFields, ArticleImage, ArticleStatus, SaveAs, SaveError, Saving, StoreError,
};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::Form;

use super::form::{checked, refused_field, schedule_time, EditorForm};
use super::load;
use super::page::{editor_page, Feedback};
use super::rights::{allowed, Action};

/// When the form chose another picture than the article had (or its first), the text it left
/// empty, or as it was for the picture before, is the new picture's own (from the library).
pub(in crate::server::newsroom) async fn settle_image(
    state: &AppState,
    fields: &mut ArticleFields,
    before: Option<&ArticleImage>,
) -> Result<(), StoreError> {
    let Some(image) = fields.image.as_mut() else {
        return Ok(());
    };
    if before.is_some_and(|b| b.media_id == image.media_id) {
        return Ok(());
    }
    // An unknown picture is refused by the save itself, with its message.
    let Some(media) = state.store.media_by_id(image.media_id).await? else {
        return Ok(());
    };
    let take = |typed: &mut String, old: Option<&str>, default: &str| {
        if typed.is_empty() || old == Some(typed.as_str()) {
            *typed = default.to_string();
        }
    };
    take(&mut image.alt, before.map(|b| b.alt.as_str()), &media.alt);
    take(
        &mut image.caption,
        before.map(|b| b.caption.as_str()),
        &media.caption,
    );
    take(
        &mut image.credit,
        before.map(|b| b.credit.as_str()),
        &media.credit,
    );
    Ok(())
}

/// `POST /newsroom/articles`: the first save of a new article.
pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(form): Form<EditorForm>,
) -> Answer {
    save(state, signed_in, None, address, form).await
}

/// `POST /newsroom/articles/<id>`.
pub async fn update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(form): Form<EditorForm>,
) -> Answer {
    save(state, signed_in, Some(id), address, form).await
}

/// Checks and saves the form over article `id` (None: a new one), from client `address`.
async fn save(
    state: AppState,
    s: SignedIn,
    id: Option<i64>,
    address: String,
    mut form: EditorForm,
) -> Answer {
    s.check_csrf(&form.csrf)?;
    let id = match id {
        Some(id) => Some(id),
        None => form.resumed(&state, &s).await.map_err(unavailable)?,
    };
    let Some(action) = Action::parse(&form.action) else {
        return Err(Refused(
            StatusCode::BAD_REQUEST,
            "That button is not one the editor has. Go back and use one of its buttons.",
        )
        .into_response());
    };
    let now = clock::now().unix_timestamp();
    let article = match id {
        Some(id) => Some(load(&state, id).await?),
        None => None,
    };
    let published = article
        .as_ref()
        .is_some_and(|a| a.status == ArticleStatus::Published);
    let author_id = article
        .as_ref()
        .map(|a| a.fields.author_id)
        .unwrap_or(s.staff.author_id);
    if !allowed(&s, author_id, published, Some(action)) {
        return Err(Refused(
            StatusCode::FORBIDDEN,
            "Your account is not allowed to do that to this article. Ask an editor.",
        )
        .into_response());
    }
    // Buttons that only make sense in one state.
    let fits = match action {
        Action::Update | Action::Unpublish => published,
        Action::SaveDraft | Action::SubmitForReview => !published,
        Action::Publish | Action::Schedule => true,
    };
    if !fits {
        return Err(Refused(
            StatusCode::CONFLICT,
            "The article changed state since the form was opened. Open it again.",
        )
        .into_response());
    }
    let typed = form.typed();
    let again = |problems: Vec<(&'static str, String)>, status: StatusCode| {
        let state = state.clone();
        let s = s.clone();
        let article = article.clone();
        let typed = typed.clone();
        async move {
            editor_page(
                &state,
                &s,
                article.as_ref(),
                typed,
                Feedback {
                    problems,
                    ..Feedback::default()
                },
                status,
            )
            .await
        }
    };
    let mut fields = match checked(&form, &s, article.as_ref().map(|a| &a.fields)) {
        Ok(f) => f,
        Err(problems) => return again(problems, StatusCode::BAD_REQUEST).await,
    };
    // Someone without the right to choose the author cannot move an article to another byline.
    if !s.staff.role.may(Permission::EditAny) {
        fields.author_id = author_id;
    }
    let before = article.as_ref().and_then(|a| a.fields.image.as_ref());
    if let Err(e) = settle_image(&state, &mut fields, before).await {
        return Err(unavailable(e));
    }
    let save_as = match action {
        Action::SaveDraft => SaveAs::Draft,
        Action::SubmitForReview => SaveAs::Review,
        // Publishing a scheduled article now, or a draft: now. An update keeps the time.
        Action::Publish => SaveAs::Published(now),
        Action::Schedule => match schedule_time(&form, now, &SiteZone::of(&state.config)) {
            Ok(t) => SaveAs::Published(t),
            Err(problem) => return again(vec![problem], StatusCode::BAD_REQUEST).await,
        },
        Action::Update => SaveAs::Keep,
        Action::Unpublish => SaveAs::Draft,
    };
    let result = match &article {
        None => {
            // A new article published at once is made, then published: two revisions.
            let first = if matches!(save_as, SaveAs::Published(_)) {
                "save"
            } else {
                form.action.as_str()
            };
            let saving = Saving {
                by: s.staff.id,
                at: now,
                action: first,
            };
            let key = form.draft_key();
            if matches!(save_as, SaveAs::Published(_)) {
                // Made and published in one transaction: a failure leaves nothing behind.
                let publishing = Saving {
                    action: &form.action,
                    ..saving
                };
                state
                    .store
                    .create_published(&fields, save_as, saving, publishing, key)
                    .await
            } else {
                state
                    .store
                    .create_article(&fields, save_as, saving, key)
                    .await
                    .map_err(SaveError::Store)
            }
        }
        Some(a) => {
            let version = form.version.unwrap_or(0);
            state
                .store
                .save_article(
                    a.id,
                    version,
                    &fields,
                    save_as,
                    Saving {
                        by: s.staff.id,
                        at: now,
                        action: &form.action,
                    },
                )
                .await
                .map(|_| a.id)
        }
    };
    let saved_id = match result {
        Ok(id) => id,
        Err(SaveError::Stale(stale)) => {
            let current = load(&state, article.as_ref().map(|a| a.id).unwrap_or_default()).await?;
            let zone = SiteZone::of(&state.config);
            let conflict = Conflict {
                message: format!(
                    "{} saved this article on {} at {}, after you opened it. Your changes are in the form below and have not been saved.",
                    stale.saved_by.unwrap_or_else(|| "Someone".into()),
                    clock::long_date(zone.local(stale.saved_at)),
                    zone.time(stale.saved_at)
                ),
                their_title: current.fields.title.clone(),
                their_dek: current.fields.dek.clone(),
                their_body: current.fields.body_md.clone(),
            };
            return editor_page(
                &state,
                &s,
                Some(&current),
                typed,
                Feedback {
                    conflict: Some((conflict, stale.version)),
                    ..Feedback::default()
                },
                StatusCode::CONFLICT,
            )
            .await;
        }
        Err(SaveError::Store(StoreError::Conflict(m))) => {
            return again(vec![("slug", m)], StatusCode::CONFLICT).await
        }
        Err(SaveError::Store(StoreError::Invalid(m))) => {
            return again(vec![(refused_field(&m), m)], StatusCode::BAD_REQUEST).await;
        }
        Err(SaveError::Store(e)) => return Err(unavailable(e)),
    };
    if action.publishes() {
        let what = match action {
            Action::Publish => "published",
            Action::Schedule => "scheduled",
            Action::Update => "updated",
            _ => "unpublished",
        };
        metrics::counter!(crate::server::metrics::ARTICLE_ACTIONS, "action" => what).increment(1);
        s.audit(&state, &format!("article {what}"), &fields.title, &address)
            .await;
    }
    Ok(no_store(
        Redirect::to(&format!(
            "/newsroom/articles/{saved_id}?done={}",
            form.action
        ))
        .into_response(),
    ))
}
