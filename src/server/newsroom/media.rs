//! `/newsroom/media` (authors and up, `Permission::UploadImages`; contributors are refused with
//! 403): the media library. An upload (`POST /newsroom/media`, multipart, a body limit of its
//! own for staff: `http/request_body.rs`) is checked from its bytes and kept, then the library
//! answers at once (post/redirect/get) while its sizes are made in the background
//! (`server/media/library.rs`). Each picture's page shows its sizes and the articles using it,
//! edits its default alt text, caption and credit, and deletes it (refused while an article
//! uses it; its files go with it). Uploads and deletions are audited.
//!
//! Over 400 lines: the library's two pages (the list with its upload form, a picture's page) and
//! the six handlers that answer with them.

pub(super) mod fields;

use super::failure::unavailable;
use super::page::{encode_query, frame, render, see_other, Answer, Refused, TokenForm};
use super::session::SignedIn;
use super::{ClientAddress, Permission};
use crate::pages::newsroom::{
    MediaCard, MediaDeletePage, MediaItem, MediaItemPage, MediaLibrary, MediaLibraryPage, Section,
    Thumb, UploadForm,
};
use crate::server::media::{height_at, Upload, UploadError};
use crate::server::store::{MediaRow, MediaStatus, StoreError};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use fields::{checked_text, read_upload, shown_file_name, MediaText};
use leptos::prelude::*;
use serde::Deserialize;

const PER_PAGE: i64 = 24;
const NO_SUCH_IMAGE: &str = "There is no image with that number. It may have been deleted.";

#[derive(Deserialize, Default)]
pub struct LibraryQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    done: String,
}

/// The thumbnail of a picture: its narrowest size, as JPEG (every browser shows it).
fn thumb(m: &MediaRow) -> Thumb {
    match (m.status, m.widths.first()) {
        (MediaStatus::Ready, Some(&w)) => Thumb::Ready {
            src: format!("/media/{}/{w}.jpg", m.key),
            width: w,
            height: height_at(m.width, m.height, w),
        },
        (MediaStatus::Failed, _) => Thumb::Failed(m.error.clone()),
        _ => Thumb::Processing,
    }
}

fn size_text(m: &MediaRow) -> String {
    format!("{} × {} pixels", m.width, m.height)
}

/// The library page, with the upload form holding `typed` and its `problems`.
async fn library_page(
    state: &AppState,
    s: &SignedIn,
    q: &LibraryQuery,
    typed: MediaText,
    problems: Vec<(&'static str, String)>,
    status: StatusCode,
) -> Answer {
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let (rows, total) = state
        .store
        .list_media(&q.q, PER_PAGE, (page - 1) * PER_PAGE)
        .await
        .map_err(unavailable)?;
    let href = |n: i64| format!("/newsroom/media?q={}&page={n}", encode_query(&q.q));
    let cards = rows
        .iter()
        .map(|m| MediaCard {
            href: format!("/newsroom/media/{}", m.id),
            file_name: m.file_name.clone(),
            alt: m.alt.clone(),
            thumb: thumb(m),
            size: size_text(m),
        })
        .collect();
    let notice = match q.done.as_str() {
        "uploaded" => Some(
            "Uploaded. Its sizes are being made; it is ready to use in a moment.".to_string(),
        ),
        "reused" => Some(
            "That image was already in the library, so the one there is used: nothing new was added."
                .to_string(),
        ),
        "deleted" => Some("The image was deleted, with all of its sizes.".to_string()),
        _ => None,
    };
    let library = MediaLibrary {
        cards,
        query: q.q.clone(),
        total,
        prev: (page > 1).then(|| href(page - 1)),
        next: (page * PER_PAGE < total).then(|| href(page + 1)),
        notice,
        upload: UploadForm {
            csrf: s.csrf.clone(),
            alt: typed.alt,
            caption: typed.caption,
            credit: typed.credit,
            problems,
            max_megabytes: state.media.limits().max_megabytes(),
        },
    };
    Ok(render(
        status,
        frame(state, "Media library", Some(s), Section::Media),
        move || view! { <MediaLibraryPage library/> },
    ))
}

/// `GET /newsroom/media`.
pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<LibraryQuery>,
) -> Answer {
    s.require(Permission::UploadImages)?;
    library_page(&state, &s, &q, MediaText::default(), vec![], StatusCode::OK).await
}

/// `POST /newsroom/media`: one image with its alt text, caption and credit.
pub async fn upload(
    State(state): State<AppState>,
    s: SignedIn,
    ClientAddress(address): ClientAddress,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    // A body that is not a well-formed multipart form carries no form token: it is refused as
    // any form without one is.
    let parts = match multipart {
        Ok(m) => read_upload(m).await.unwrap_or_default(),
        Err(_) => Default::default(),
    };
    s.may_post(&parts.text.csrf, Permission::UploadImages)?;
    let q = LibraryQuery::default();
    let fields::CheckedText {
        alt,
        caption,
        credit,
    } = match checked_text(&parts.text) {
        Ok(t) => t,
        Err(problems) => {
            return library_page(
                &state,
                &s,
                &q,
                parts.text,
                problems,
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    };
    let file_name = shown_file_name(&parts.file_name);
    let upload = Upload {
        bytes: parts.bytes,
        file_name: file_name.clone(),
        alt,
        caption,
        credit,
    };
    let accepted = match state.media.accept(upload, Some(s.staff.id)).await {
        Ok(a) => a,
        Err(UploadError::Refused(e)) => {
            let status = e.status();
            let problems = vec![("file", e.to_string())];
            return library_page(&state, &s, &q, parts.text, problems, status).await;
        }
        Err(UploadError::Store(e)) => return Err(unavailable(e)),
    };
    if accepted.new {
        s.audit(&state, "image uploaded", &file_name, &address)
            .await;
    }
    let done = if accepted.new { "uploaded" } else { "reused" };
    see_other(&format!("/newsroom/media?done={done}"))
}

async fn load(state: &AppState, id: i64) -> Result<MediaRow, Response> {
    match state.store.media_by_id(id).await {
        Ok(Some(m)) => Ok(m),
        Ok(None) => Err(Refused(StatusCode::NOT_FOUND, NO_SUCH_IMAGE).into_response()),
        Err(e) => Err(unavailable(e)),
    }
}

/// What a picture's page says above it.
#[derive(Default)]
struct Said {
    notice: Option<String>,
    refusal: Option<String>,
    problems: Vec<(&'static str, String)>,
}

/// A picture's page, its text fields holding `typed` (None: what is stored).
async fn item_page(
    state: &AppState,
    s: &SignedIn,
    m: MediaRow,
    typed: Option<MediaText>,
    said: Said,
    status: StatusCode,
) -> Answer {
    let used_by = state.store.media_users(m.id).await.map_err(unavailable)?;
    let zone = SiteZone::of(&state.config);
    let state_text = match m.status {
        MediaStatus::Ready => "Ready".to_string(),
        MediaStatus::Processing => "Its sizes are being made".to_string(),
        MediaStatus::Failed => format!("Its sizes could not be made: {}", m.error),
    };
    let uploaded = match &m.created_by {
        Some(by) => format!("{}, by {by}", zone.describe(m.created_at)),
        None => zone.describe(m.created_at),
    };
    let facts = vec![
        ("Size", size_text(&m)),
        (
            "File",
            format!("{}, {} KB, {}", m.file_name, (m.bytes + 999) / 1000, m.mime),
        ),
        ("Uploaded", uploaded),
        ("State", state_text),
    ];
    let mut files: Vec<(String, String)> = m
        .widths
        .iter()
        .flat_map(|w| {
            let h = height_at(m.width, m.height, *w);
            [
                (
                    format!("{w} × {h}, WebP"),
                    format!("/media/{}/{w}.webp", m.key),
                ),
                (
                    format!("{w} × {h}, JPEG"),
                    format!("/media/{}/{w}.jpg", m.key),
                ),
            ]
        })
        .collect();
    if m.status == MediaStatus::Ready {
        let (_, (cw, ch)) = crate::server::media::share_card_size(m.width, m.height);
        files.push((
            format!("Share card, {cw} × {ch}, JPEG"),
            format!("/media/{}/share.jpg", m.key),
        ));
    }
    // The preview: the size nearest 768 pixels wide.
    let preview = match (m.status, m.widths.iter().rev().find(|w| **w <= 768)) {
        (MediaStatus::Ready, Some(&w)) => Thumb::Ready {
            src: format!("/media/{}/{w}.jpg", m.key),
            width: w,
            height: height_at(m.width, m.height, w),
        },
        _ => thumb(&m),
    };
    let typed = typed.unwrap_or_else(|| MediaText {
        alt: m.alt.clone(),
        caption: m.caption.clone(),
        credit: m.credit.clone(),
        ..MediaText::default()
    });
    let item = MediaItem {
        id: m.id,
        file_name: m.file_name.clone(),
        thumb: preview,
        facts,
        files,
        used_by: used_by
            .into_iter()
            .map(|u| {
                let state = match u.status.as_str() {
                    "published" => "published",
                    "review" => "in review",
                    _ => "draft",
                };
                (u.title, state, format!("/newsroom/articles/{}", u.id))
            })
            .collect(),
        csrf: s.csrf.clone(),
        alt: typed.alt,
        caption: typed.caption,
        credit: typed.credit,
        problems: said.problems,
        notice: said.notice,
        refusal: said.refusal,
        usable: m.status != MediaStatus::Failed,
    };
    let title = m.file_name;
    Ok(render(
        status,
        frame(state, &title, Some(s), Section::Media),
        move || view! { <MediaItemPage item/> },
    ))
}

/// `GET /newsroom/media/<id>`.
pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<LibraryQuery>,
) -> Answer {
    s.require(Permission::UploadImages)?;
    let m = load(&state, id).await?;
    let said = Said {
        notice: (q.done == "saved").then(|| "Saved.".to_string()),
        ..Said::default()
    };
    item_page(&state, &s, m, None, said, StatusCode::OK).await
}

/// `POST /newsroom/media/<id>`: the picture's default alt text, caption and credit.
pub async fn save(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Form(f): Form<MediaText>,
) -> Answer {
    s.may_post(&f.csrf, Permission::UploadImages)?;
    let m = load(&state, id).await?;
    let fields::CheckedText {
        alt,
        caption,
        credit,
    } = match checked_text(&f) {
        Ok(t) => t,
        Err(problems) => {
            let said = Said {
                problems,
                ..Said::default()
            };
            return item_page(&state, &s, m, Some(f), said, StatusCode::BAD_REQUEST).await;
        }
    };
    match state
        .store
        .save_media_text(id, &alt, &caption, &credit)
        .await
    {
        Ok(true) => {}
        Ok(false) => return Err(Refused(StatusCode::NOT_FOUND, NO_SUCH_IMAGE).into_response()),
        Err(e) => return Err(unavailable(e)),
    }
    see_other(&format!("/newsroom/media/{id}?done=saved"))
}

/// `GET /newsroom/media/<id>/delete`: "Delete this image?".
pub async fn confirm_delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
) -> Answer {
    s.require(Permission::UploadImages)?;
    let m = load(&state, id).await?;
    let (csrf, file_name) = (s.csrf.clone(), m.file_name);
    Ok(render(
        StatusCode::OK,
        frame(&state, "Delete this image?", Some(&s), Section::Media),
        move || view! { <MediaDeletePage id file_name csrf/> },
    ))
}

/// `POST /newsroom/media/<id>/delete`: refused (409, on the picture's page) while an article
/// uses it.
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<TokenForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::UploadImages)?;
    let m = load(&state, id).await?;
    let file_name = m.file_name.clone();
    match state.media.delete(id).await {
        Ok(true) => {}
        Ok(false) => return Err(Refused(StatusCode::NOT_FOUND, NO_SUCH_IMAGE).into_response()),
        Err(StoreError::Conflict(why)) => {
            let said = Said {
                refusal: Some(format!("Not deleted: {why}")),
                ..Said::default()
            };
            return item_page(&state, &s, m, None, said, StatusCode::CONFLICT).await;
        }
        Err(e) => return Err(unavailable(e)),
    }
    s.audit(&state, "image deleted", &file_name, &address).await;
    see_other("/newsroom/media?done=deleted")
}
