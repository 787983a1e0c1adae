//! The editor page: its buttons for the article's state and the account's role, its status
//! line, the Featured image list, and the fields of a stored article.

use crate::pages::newsroom::{
    Choice, Conflict, Editor, EditorFields, EditorPage, Frame, ImagePreview, RevisionLine, Section,
};
use crate::server::clock;
use crate::server::newsroom::failure::unavailable;
use crate::server::newsroom::page::{frame, render, scripts, Answer};
use crate::server::newsroom::session::SignedIn;
use crate::server::newsroom::Permission;
use crate::server::store::{ArticleStatus, EditableArticle, StoreError};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::http::StatusCode;
use leptos::prelude::*;

use super::form::LANGUAGES;
use super::rights::{allowed, Action};

/// The buttons for an article in `status` (None: a new one), as the role allows.
pub(super) fn buttons(
    s: &SignedIn,
    article: Option<&EditableArticle>,
    now: i64,
) -> Vec<(&'static str, &'static str)> {
    let author = article
        .map(|a| a.fields.author_id)
        .unwrap_or(s.staff.author_id);
    let can_publish = allowed(s, author, false, Some(Action::Publish));
    match article.map(|a| (a.status, a.published_at)) {
        Some((ArticleStatus::Published, Some(at))) if at > now => {
            let mut b = vec![
                ("update", "Update"),
                ("schedule", "Schedule"),
                ("publish", "Publish now"),
            ];
            b.push(("unpublish", "Unpublish"));
            b
        }
        Some((ArticleStatus::Published, _)) => {
            vec![("update", "Update"), ("unpublish", "Unpublish")]
        }
        _ => {
            let mut b = vec![("save", "Save draft"), ("review", "Submit for review")];
            if can_publish {
                b.extend([("publish", "Publish"), ("schedule", "Schedule")]);
            }
            b
        }
    }
}

pub(super) fn status_line(a: &EditableArticle, now: i64, zone: &SiteZone) -> String {
    let when = |t: i64| zone.describe(t);
    let state = match (a.status, a.published_at) {
        (ArticleStatus::Review, _) => "In review".to_string(),
        (ArticleStatus::Published, Some(at)) if at > now => format!("Scheduled for {}", when(at)),
        (ArticleStatus::Published, Some(at)) => format!("Published {}", when(at)),
        _ => "Draft".to_string(),
    };
    match &a.saved_by {
        Some(name) => format!("{state} · last saved by {name}, {}", when(a.updated_at)),
        None => format!("{state} · last saved {}", when(a.updated_at)),
    }
}

/// What the editor says above the form: problems with fields, a notice of what was done, or
/// a conflict with the version (and the version the form then carries).
#[derive(Default)]
pub(super) struct Feedback {
    pub(super) problems: Vec<(&'static str, String)>,
    pub(super) notice: Option<String>,
    pub(super) conflict: Option<(Conflict, i64)>,
}

/// Everything the editor page needs besides the fields.
pub(super) async fn editor_page(
    state: &AppState,
    s: &SignedIn,
    article: Option<&EditableArticle>,
    fields: EditorFields,
    feedback: Feedback,
    status: StatusCode,
) -> Answer {
    let Feedback {
        problems,
        notice,
        conflict,
    } = feedback;
    let now = clock::now().unix_timestamp();
    let zone = SiteZone::of(&state.config);
    let (categories, authors) = match (
        state.store.all_categories().await,
        state.store.author_choices().await,
    ) {
        (Ok(c), Ok(a)) => (c, a),
        (Err(e), _) | (_, Err(e)) => return Err(unavailable(e)),
    };
    let categories: Vec<Choice> = categories
        .into_iter()
        .map(|c| {
            let v = c.id.to_string();
            let label = format!("{}{}", "— ".repeat(c.path.matches('/').count()), c.name);
            let chosen = v == fields.category;
            (v, label, chosen)
        })
        .collect();
    let authors = s.staff.role.may(Permission::EditAny).then(|| {
        authors
            .into_iter()
            .map(|(id, name)| {
                let v = id.to_string();
                let chosen = v == fields.author;
                (v, name, chosen)
            })
            .collect()
    });
    let languages = LANGUAGES
        .iter()
        .map(|(code, name)| {
            (
                code.to_string(),
                format!("{name} ({code})"),
                *code == fields.lang,
            )
        })
        .collect();
    let (images, image_preview) = image_choices(state, &fields).await.map_err(unavailable)?;
    let (heading, action) = match article {
        Some(a) => (
            "Edit article".to_string(),
            format!("/newsroom/articles/{}", a.id),
        ),
        None => ("New article".to_string(), "/newsroom/articles".to_string()),
    };
    let revisions = match article {
        Some(a) => state.store.revisions(a.id).await.map_err(unavailable)?,
        None => Vec::new(),
    };
    let a_id = article.map(|a| a.id).unwrap_or_default();
    let revisions = revisions
        .into_iter()
        .map(|r| {
            let t = time::OffsetDateTime::from_unix_timestamp(r.at).unwrap_or(clock::now());
            RevisionLine {
                date_iso: clock::iso(t),
                when: zone.describe(r.at),
                who: r.staff_name.unwrap_or_else(|| "—".into()),
                what: match r.action.as_str() {
                    "review" => "Submitted for review",
                    "publish" => "Published",
                    "schedule" => "Scheduled",
                    "update" => "Updated",
                    "unpublish" => "Unpublished",
                    "restore" => "Restored a revision",
                    _ => "Saved",
                },
                href: format!("/newsroom/articles/{}/revisions/{}", a_id, r.id),
                id: r.id,
                title: r.title,
            }
        })
        .collect();
    let share = match article {
        Some(a) => crate::server::newsroom::preview_link::share_panel(state, s, a, now)
            .await
            .map_err(unavailable)?,
        None => None,
    };
    let (conflict, version) = match conflict {
        Some((c, v)) => (Some(c), Some(v)),
        None => (None, article.map(|a| a.version)),
    };
    // After a conflict, only a button saves over the other version: knowingly.
    let autosave_url = match article {
        _ if conflict.is_some() => None,
        None => Some("/newsroom/articles/autosave".to_string()),
        Some(a) if a.status == ArticleStatus::Draft => {
            Some(format!("/newsroom/articles/{}/autosave", a.id))
        }
        Some(_) => None,
    };
    let preview_url = match article {
        Some(a) => format!("/newsroom/articles/{}/preview", a.id),
        None => "/newsroom/articles/preview".to_string(),
    };
    let editor = Editor {
        heading,
        action,
        csrf: s.csrf.clone(),
        version,
        categories,
        authors,
        languages,
        status: article
            .map(|a| status_line(a, now, &zone))
            .unwrap_or_else(|| "New: not saved yet".into()),
        public_url: article.and_then(|a| {
            a.published_at
                .filter(|at| *at <= now)
                .map(|at| crate::urls::article(&a.fields.slug, at))
        }),
        buttons: buttons(s, article, now),
        can_feature: s.staff.role.may(Permission::EditAny),
        problems,
        notice,
        conflict,
        revisions,
        autosave_url,
        preview_url,
        follow_slug: article.is_none_or(|a| a.published_at.is_none()),
        delete_href: article
            .filter(|a| crate::server::newsroom::delete::may_delete(s, a))
            .map(|a| format!("/newsroom/articles/{}/delete", a.id)),
        share,
        zone: zone.name().to_string(),
        images,
        image_preview,
        may_upload: s.staff.role.may(Permission::UploadImages),
        fields,
    };
    let title = editor.heading.clone();
    let frame = Frame {
        scripts: scripts(state, s),
        ..frame(state, &title, Some(s), Section::Articles)
    };
    Ok(render(
        status,
        frame,
        move || view! { <EditorPage editor/> },
    ))
}

/// Pictures the Featured image list offers: the newest of the library.
const IMAGE_CHOICES: i64 = 60;

/// The Featured image list (the newest pictures, and the chosen one whatever its age) and the
/// chosen picture's thumbnail.
pub(super) async fn image_choices(
    state: &AppState,
    fields: &EditorFields,
) -> Result<(Vec<Choice>, Option<ImagePreview>), StoreError> {
    let mut rows = state.store.recent_media(IMAGE_CHOICES).await?;
    let chosen: Option<i64> = fields.image.trim().parse().ok();
    if let Some(id) = chosen.filter(|id| !rows.iter().any(|m| m.id == *id)) {
        if let Some(m) = state.store.media_by_id(id).await? {
            rows.insert(0, m);
        }
    }
    let preview = chosen
        .and_then(|id| rows.iter().find(|m| m.id == id))
        .and_then(|m| {
            let w = *m.widths.first()?;
            let alt = if fields.image_alt.trim().is_empty() {
                m.alt.clone()
            } else {
                fields.image_alt.clone()
            };
            Some(ImagePreview {
                src: format!("/media/{}/{w}.jpg", m.key),
                width: w,
                height: crate::server::media::height_at(m.width, m.height, w),
                alt,
            })
        });
    let mut choices = vec![(String::new(), "No image".to_string(), chosen.is_none())];
    choices.extend(rows.into_iter().map(|m| {
        let label = match (m.alt.is_empty(), m.status) {
            (true, _) => m.file_name.clone(),
            (false, crate::server::store::MediaStatus::Processing) => {
                format!("{} ({}, being prepared)", m.alt, m.file_name)
            }
            (false, _) => format!("{} ({})", m.alt, m.file_name),
        };
        (m.id.to_string(), label, Some(m.id) == chosen)
    }));
    Ok((choices, preview))
}

/// The form's fields for a picture chosen from the library's "Use as featured image": its id
/// and its own text.
pub(super) async fn with_image_from_library(
    state: &AppState,
    fields: &mut EditorFields,
    media_id: i64,
) -> Result<(), StoreError> {
    if let Some(m) = state.store.media_by_id(media_id).await? {
        fields.image = m.id.to_string();
        fields.image_alt = m.alt;
        fields.image_caption = m.caption;
        fields.image_credit = m.credit;
    }
    Ok(())
}

pub(super) fn fields_of(a: &EditableArticle, zone: &SiteZone) -> EditorFields {
    let f = &a.fields;
    let image = f.image.clone().unwrap_or_default();
    EditorFields {
        title: f.title.clone(),
        dek: f.dek.clone(),
        slug: f.slug.clone(),
        body: f.body_md.clone(),
        tags: f.tags.join(", "),
        lang: f.lang.clone(),
        category: f.category_id.to_string(),
        author: f.author_id.to_string(),
        featured: f.featured,
        editors_pick: f.editors_pick,
        seo_title: f.seo_title.clone(),
        seo_description: f.seo_description.clone(),
        canonical_url: f.canonical_url.clone(),
        publish_at: a
            .published_at
            .map(|t| zone.field_value(t))
            .unwrap_or_default(),
        draft_key: String::new(),
        image: f
            .image
            .as_ref()
            .map(|i| i.media_id.to_string())
            .unwrap_or_default(),
        image_alt: image.alt,
        image_caption: image.caption,
        image_credit: image.credit,
    }
}
