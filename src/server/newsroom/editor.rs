//! The article editor's handlers: open (new or existing), save with the workflow action the
//! account's role allows, and preview. Everything is checked here, on the server: the session,
//! the form token (the guard checked the origin), the role for each action, every field.

use super::failure::unavailable;
use super::page::{frame, no_store, render, scripts, Refused};
use super::session::SignedIn;
use super::web_address::is_web_url;
use super::{audit, client_address, Permission};
use crate::pages::newsroom::{
    Choice, Conflict, Editor, EditorFields, EditorPage, Frame, ImagePreview, PreviewDocument,
    RevisionLine, Section,
};
use crate::pages::newsroom::{MAX_ALT, MAX_CAPTION, MAX_CREDIT};
use crate::server::clock;
use crate::server::store::{
    ArticleFields, ArticleImage, ArticleStatus, EditableArticle, SaveAs, SaveError, Saving,
    StoreError, IMAGE_ALT_MISSING,
};
use crate::server::zone::{LocalTimeError, SiteZone};
use crate::server::{text, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{header, Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

/// Languages an article can be written in: (code, name in English).
pub const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("ar", "Arabic"),
    ("fr", "French"),
    ("de", "German"),
    ("es", "Spanish"),
    ("uk", "Ukrainian"),
    ("ru", "Russian"),
    ("he", "Hebrew"),
    ("fa", "Persian"),
    ("ur", "Urdu"),
];

const MAX_TAGS: usize = 20;
/// The longest title, standfirst and body an article may have, in characters.
pub(super) const MAX_TITLE_CHARS: usize = 300;
pub(super) const MAX_DEK_CHARS: usize = 600;
pub(super) const MAX_BODY_CHARS: usize = 200_000;

/// The language a preview is shown in: the form's, when it is one the editor offers.
pub(super) fn preview_lang(typed: &str) -> &'static str {
    LANGUAGES
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == typed.trim())
        .unwrap_or("en")
}

/// The editor's form as the browser sends it.
#[derive(Debug, Deserialize, Default)]
pub struct EditorForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: Option<i64>,
    #[serde(default)]
    action: String,
    #[serde(default)]
    pub(super) title: String,
    #[serde(default)]
    pub(super) dek: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    pub(super) body: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    pub(super) lang: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    featured: Option<String>,
    #[serde(default)]
    editors_pick: Option<String>,
    #[serde(default)]
    seo_title: String,
    #[serde(default)]
    seo_description: String,
    #[serde(default)]
    canonical_url: String,
    #[serde(default)]
    publish_at: String,
    /// A new article's form key (see `resumed`).
    #[serde(default)]
    draft_key: String,
    /// The featured image: a picture's id from the library ("" for none), its alt text,
    /// caption and credit, and "Remove image".
    #[serde(default)]
    image: String,
    #[serde(default)]
    image_alt: String,
    #[serde(default)]
    image_caption: String,
    #[serde(default)]
    image_credit: String,
    #[serde(default)]
    image_remove: Option<String>,
}

impl EditorForm {
    pub(super) fn csrf(&self) -> &str {
        &self.csrf
    }

    pub(super) fn version(&self) -> Option<i64> {
        self.version
    }

    /// The form's new-article key, when it carries a well-formed one.
    pub(super) fn draft_key(&self) -> Option<&str> {
        let k = self.draft_key.as_str();
        let well_formed = (16..=64).contains(&k.len())
            && k.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        well_formed.then_some(k)
    }

    /// The article this new-article form already made, if a save of it was answered but the
    /// answer never arrived (the autosave retried, the form sent twice): the save goes on over
    /// that article's first version instead of making a duplicate draft. Someone who saved it
    /// since meets the usual stale-version refusal.
    pub(super) async fn resumed(
        &mut self,
        state: &AppState,
        s: &SignedIn,
    ) -> Result<Option<i64>, StoreError> {
        let Some(key) = self.draft_key() else {
            return Ok(None);
        };
        let id = state.store.article_of_draft_key(s.staff.id, key).await?;
        if id.is_some() && self.version.is_none() {
            self.version = Some(1);
        }
        Ok(id)
    }

    fn typed(&self) -> EditorFields {
        EditorFields {
            title: self.title.clone(),
            dek: self.dek.clone(),
            slug: self.slug.clone(),
            body: self.body.clone(),
            tags: self.tags.clone(),
            lang: self.lang.clone(),
            category: self.category.clone(),
            author: self.author.clone(),
            featured: self.featured.is_some(),
            editors_pick: self.editors_pick.is_some(),
            seo_title: self.seo_title.clone(),
            seo_description: self.seo_description.clone(),
            canonical_url: self.canonical_url.clone(),
            publish_at: self.publish_at.clone(),
            draft_key: self.draft_key.clone(),
            image: if self.image_remove.is_some() {
                String::new()
            } else {
                self.image.clone()
            },
            image_alt: self.image_alt.clone(),
            image_caption: self.image_caption.clone(),
            image_credit: self.image_credit.clone(),
        }
    }
}

/// The field a store's refusal of a save belongs by (its messages name what they refuse).
pub(super) fn refused_field(message: &str) -> &'static str {
    if message == IMAGE_ALT_MISSING {
        "image_alt"
    } else if message.contains("image") {
        "image"
    } else if message.contains("category") {
        "category"
    } else {
        "author"
    }
}

/// What a button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    SaveDraft,
    SubmitForReview,
    Publish,
    Schedule,
    Update,
    Unpublish,
}

impl Action {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "save" => Self::SaveDraft,
            "review" => Self::SubmitForReview,
            "publish" => Self::Publish,
            "schedule" => Self::Schedule,
            "update" => Self::Update,
            "unpublish" => Self::Unpublish,
            _ => return None,
        })
    }

    /// Whether it changes what readers see (and so needs the right to publish).
    fn publishes(self) -> bool {
        matches!(
            self,
            Self::Publish | Self::Schedule | Self::Update | Self::Unpublish
        )
    }
}

/// Checks the typed form. `own_author` is the account's byline; without `EditAny` the article
/// is written under it whatever the form says.
pub(super) fn checked(
    form: &EditorForm,
    signed_in: &SignedIn,
    keep: Option<&ArticleFields>,
) -> Result<ArticleFields, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let clean = |s: &str| {
        s.trim()
            .chars()
            .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
            .collect::<String>()
    };
    let title = clean(&form.title).replace(['\n', '\t'], " ");
    if title.is_empty() {
        problems.push(("title", "Give the article a title.".to_string()));
    } else if title.chars().count() > MAX_TITLE_CHARS {
        problems.push((
            "title",
            "The title is over 300 characters; shorten it.".to_string(),
        ));
    }
    let dek = clean(&form.dek).replace(['\n', '\t'], " ");
    if dek.chars().count() > MAX_DEK_CHARS {
        problems.push((
            "dek",
            "The standfirst is over 600 characters; shorten it.".to_string(),
        ));
    }
    let slug_source = if form.slug.trim().is_empty() {
        &title
    } else {
        &form.slug
    };
    let slug = text::article_slug(slug_source);
    if slug.is_empty() && !title.is_empty() {
        problems.push((
            "slug",
            "The slug needs at least one letter or digit.".to_string(),
        ));
    }
    let body = form.body.replace("\r\n", "\n");
    if body.chars().count() > MAX_BODY_CHARS {
        problems.push((
            "body",
            "The body is over 200,000 characters; split it into several articles.".to_string(),
        ));
    }
    let lang = form.lang.trim();
    if !LANGUAGES.iter().any(|(code, _)| *code == lang) {
        problems.push(("lang", "Choose a language from the list.".to_string()));
    }
    let category_id = match form.category.trim().parse::<i64>() {
        Ok(id) => id,
        Err(_) => {
            problems.push(("category", "Choose a category from the list.".to_string()));
            0
        }
    };
    let may_edit_any = signed_in.staff.role.may(Permission::EditAny);
    let author_id = if may_edit_any {
        match form.author.trim().parse::<i64>() {
            Ok(id) => id,
            Err(_) => keep
                .map(|k| k.author_id)
                .unwrap_or(signed_in.staff.author_id),
        }
    } else {
        keep.map(|k| k.author_id)
            .unwrap_or(signed_in.staff.author_id)
    };
    let mut tags: Vec<String> = Vec::new();
    for t in form.tags.split(',').map(clean).filter(|t| !t.is_empty()) {
        if t.chars().count() > 60 {
            problems.push((
                "tags",
                format!(
                    "The tag “{}…” is over 60 characters.",
                    t.chars().take(20).collect::<String>()
                ),
            ));
            break;
        }
        if !tags.iter().any(|k| text::slugify(k) == text::slugify(&t)) {
            tags.push(t);
        }
    }
    if tags.len() > MAX_TAGS {
        problems.push(("tags", format!("At most {MAX_TAGS} tags.")));
    }
    let seo_title = clean(&form.seo_title).replace(['\n', '\t'], " ");
    if seo_title.chars().count() > 120 {
        problems.push((
            "seo_title",
            "The SEO title is over 120 characters.".to_string(),
        ));
    }
    let seo_description = clean(&form.seo_description).replace(['\n', '\t'], " ");
    if seo_description.chars().count() > 300 {
        problems.push((
            "seo_description",
            "The SEO description is over 300 characters.".to_string(),
        ));
    }
    let canonical_url = form.canonical_url.trim().to_string();
    if !canonical_url.is_empty() && (canonical_url.len() > 500 || !is_web_url(&canonical_url)) {
        problems.push((
            "canonical_url",
            "The canonical URL must be a full http:// or https:// address.".to_string(),
        ));
    }
    let image = featured_image(form, &mut problems);
    // Placement is an editor's decision: others keep what the article had.
    let (featured, editors_pick) = if may_edit_any {
        (form.featured.is_some(), form.editors_pick.is_some())
    } else {
        keep.map(|k| (k.featured, k.editors_pick))
            .unwrap_or((false, false))
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ArticleFields {
        title,
        dek,
        slug,
        body_md: body,
        lang: lang.to_string(),
        category_id,
        author_id,
        tags,
        featured,
        editors_pick,
        seo_title,
        seo_description,
        canonical_url,
        image,
    })
}

/// The featured image the form chose (None: none, or "Remove image"), its text checked; its
/// alt text may be left empty here, for the picture's default (the store settles it).
fn featured_image(
    form: &EditorForm,
    problems: &mut Vec<(&'static str, String)>,
) -> Option<ArticleImage> {
    let chosen = form.image.trim();
    if form.image_remove.is_some() || chosen.is_empty() {
        return None;
    }
    let Some(media_id) = chosen.parse::<i64>().ok().filter(|id| *id > 0) else {
        problems.push(("image", "Choose an image from the list.".to_string()));
        return None;
    };
    let one_line = |s: &str| {
        s.trim()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
    };
    let (alt, caption, credit) = (
        one_line(&form.image_alt),
        one_line(&form.image_caption),
        one_line(&form.image_credit),
    );
    for (field, value, max, what) in [
        ("image_alt", &alt, MAX_ALT, "alt text"),
        ("image_caption", &caption, MAX_CAPTION, "caption"),
        ("image_credit", &credit, MAX_CREDIT, "credit"),
    ] {
        if value.chars().count() > max {
            problems.push((
                field,
                format!("The image's {what} is over {max} characters; shorten it."),
            ));
        }
    }
    Some(ArticleImage {
        media_id,
        alt,
        caption,
        credit,
    })
}

/// The time a Schedule asks for, typed on the site's clocks (`zone`), when it is in the future.
fn schedule_time(
    form: &EditorForm,
    now: i64,
    zone: &SiteZone,
) -> Result<i64, (&'static str, String)> {
    let t = zone.unix_of_local(&form.publish_at).map_err(|e| {
        let message = match e {
            LocalTimeError::Unreadable => {
                "Give the date and time to publish at, such as 2026-12-24 09:00.".to_string()
            }
            LocalTimeError::Skipped => format!(
                "{} does not exist in {}: the clocks go forward over it. Choose a time outside the skipped hour.",
                form.publish_at.trim().replace('T', " "),
                zone.name()
            ),
        };
        ("publish_at", message)
    })?;
    if t <= now {
        return Err((
            "publish_at",
            "That time has passed: choose a later one, or Publish now.".to_string(),
        ));
    }
    Ok(t)
}

/// Whether the account may work on an article written under `author_id` with `action`
/// (None: open or save without changing what readers see).
pub(super) fn allowed(
    s: &SignedIn,
    author_id: i64,
    published: bool,
    action: Option<Action>,
) -> bool {
    let own = author_id == s.staff.author_id;
    let role = s.staff.role;
    if !own && !role.may(Permission::EditAny) {
        return false;
    }
    // A contributor's article, once published, is the editors' to change.
    if published && !role.may(Permission::PublishOwn) {
        return false;
    }
    match action {
        Some(a) if a.publishes() => role.may(if own {
            Permission::PublishOwn
        } else {
            Permission::EditAny
        }),
        _ => role.may(Permission::WriteOwn),
    }
}

/// Whether the account may open article `a` (`saving` false), or save over it (true: for a
/// published article that changes what readers see, so it needs the right to publish).
pub fn allowed_to_edit(s: &SignedIn, a: &EditableArticle, saving: bool) -> bool {
    let published = a.status == ArticleStatus::Published;
    let action = (saving && published).then_some(Action::Update);
    allowed(s, a.fields.author_id, published, action)
}

/// The buttons for an article in `status` (None: a new one), as the role allows.
fn buttons(
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

fn status_line(a: &EditableArticle, now: i64, zone: &SiteZone) -> String {
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
struct Feedback {
    problems: Vec<(&'static str, String)>,
    notice: Option<String>,
    conflict: Option<(Conflict, i64)>,
}

/// Everything the editor page needs besides the fields.
async fn editor_page(
    state: &AppState,
    s: &SignedIn,
    article: Option<&EditableArticle>,
    fields: EditorFields,
    feedback: Feedback,
    status: StatusCode,
) -> Response {
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
        (Err(e), _) | (_, Err(e)) => return unavailable(e),
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
    let (images, image_preview) = match image_choices(state, &fields).await {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
    let (heading, action) = match article {
        Some(a) => (
            "Edit article".to_string(),
            format!("/newsroom/articles/{}", a.id),
        ),
        None => ("New article".to_string(), "/newsroom/articles".to_string()),
    };
    let revisions = match article {
        Some(a) => match state.store.revisions(a.id).await {
            Ok(r) => r,
            Err(e) => return unavailable(e),
        },
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
        Some(a) => match super::preview_link::share_panel(state, s, a, now).await {
            Ok(share) => share,
            Err(e) => return unavailable(e),
        },
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
            .filter(|a| super::delete::may_delete(s, a))
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
    render(status, frame, move || view! { <EditorPage editor/> })
}

/// Pictures the Featured image list offers: the newest of the library.
const IMAGE_CHOICES: i64 = 60;

/// When the form chose another picture than the article had (or its first), the text it left
/// empty, or as it was for the picture before, is the new picture's own (from the library).
pub(super) async fn settle_image(
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

/// The Featured image list (the newest pictures, and the chosen one whatever its age) and the
/// chosen picture's thumbnail.
async fn image_choices(
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
async fn with_image_from_library(
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

fn fields_of(a: &EditableArticle, zone: &SiteZone) -> EditorFields {
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

pub async fn new_form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Query(q): Query<EditQuery>,
) -> Response {
    let mut fields = EditorFields {
        lang: state.config.site.language.clone(),
        author: signed_in.staff.author_id.to_string(),
        draft_key: super::token::random(),
        ..EditorFields::default()
    };
    if let Some(id) = q.image {
        if let Err(e) = with_image_from_library(&state, &mut fields, id).await {
            return unavailable(e);
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
) -> Response {
    let article = match load(&state, id).await {
        Ok(a) => a,
        Err(res) => return res,
    };
    if !allowed(
        &signed_in,
        article.fields.author_id,
        article.status == ArticleStatus::Published,
        None,
    ) {
        return Refused(
            StatusCode::FORBIDDEN,
            "Your account is not allowed to edit this article. Ask an editor.",
        )
        .into_response();
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
            return unavailable(e);
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

/// `POST /newsroom/articles`: the first save of a new article.
pub async fn create(
    State(state): State<AppState>,
    signed_in: SignedIn,
    extensions: Extensions,
    headers: HeaderMap,
    Form(form): Form<EditorForm>,
) -> Response {
    let address = client_address(&state, &headers, &extensions);
    save(state, signed_in, None, address, form).await
}

/// `POST /newsroom/articles/<id>`.
pub async fn update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(form): Form<EditorForm>,
) -> Response {
    let address = client_address(&state, &headers, &extensions);
    save(state, signed_in, Some(id), address, form).await
}

/// Checks and saves the form over article `id` (None: a new one), from client `address`.
async fn save(
    state: AppState,
    s: SignedIn,
    id: Option<i64>,
    address: String,
    mut form: EditorForm,
) -> Response {
    if let Err(refusal) = s.check_csrf(&form.csrf) {
        return refusal.into_response();
    }
    let id = match id {
        Some(id) => Some(id),
        None => match form.resumed(&state, &s).await {
            Ok(id) => id,
            Err(e) => return unavailable(e),
        },
    };
    let Some(action) = Action::parse(&form.action) else {
        return Refused(
            StatusCode::BAD_REQUEST,
            "That button is not one the editor has. Go back and use one of its buttons.",
        )
        .into_response();
    };
    let now = clock::now().unix_timestamp();
    let article = match id {
        Some(id) => match load(&state, id).await {
            Ok(a) => Some(a),
            Err(res) => return res,
        },
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
        return Refused(
            StatusCode::FORBIDDEN,
            "Your account is not allowed to do that to this article. Ask an editor.",
        )
        .into_response();
    }
    // Buttons that only make sense in one state.
    let fits = match action {
        Action::Update | Action::Unpublish => published,
        Action::SaveDraft | Action::SubmitForReview => !published,
        Action::Publish | Action::Schedule => true,
    };
    if !fits {
        return Refused(
            StatusCode::CONFLICT,
            "The article changed state since the form was opened. Open it again.",
        )
        .into_response();
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
        return unavailable(e);
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
            let current =
                match load(&state, article.as_ref().map(|a| a.id).unwrap_or_default()).await {
                    Ok(a) => a,
                    Err(res) => return res,
                };
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
        Err(SaveError::Store(e)) => return unavailable(e),
    };
    if action.publishes() {
        let what = match action {
            Action::Publish => "published",
            Action::Schedule => "scheduled",
            Action::Update => "updated",
            _ => "unpublished",
        };
        metrics::counter!(crate::server::metrics::ARTICLE_ACTIONS, "action" => what).increment(1);
        audit(
            &state,
            Some(s.staff.id),
            &format!("article {what}"),
            &fields.title,
            &address,
        )
        .await;
    }
    no_store(
        Redirect::to(&format!(
            "/newsroom/articles/{saved_id}?done={}",
            form.action
        ))
        .into_response(),
    )
}

/// `POST /newsroom/preview`: the form's article as readers would read it, unsaved.
pub async fn preview(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Form(form): Form<EditorForm>,
) -> Response {
    if let Err(refusal) = signed_in.check_csrf(&form.csrf) {
        return refusal.into_response();
    }
    if !signed_in.staff.role.may(Permission::WriteOwn) {
        return Refused(
            StatusCode::FORBIDDEN,
            "Your account is not allowed to write articles.",
        )
        .into_response();
    }
    let lang = preview_lang(&form.lang).to_string();
    let body_html = match state
        .store
        .body_html(&form.body.replace("\r\n", "\n"))
        .await
    {
        Ok(html) => html,
        Err(e) => return unavailable(e),
    };
    let (site_name, css) = (state.site_name(), state.assets.css.clone());
    let (title, dek) = (form.title.trim().to_string(), form.dek.trim().to_string());
    let html = view! { <PreviewDocument site_name css title dek lang body_html/> }.to_html();
    no_store(
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stores_refusals_are_put_by_the_field_they_name() {
        assert_eq!(refused_field(IMAGE_ALT_MISSING), "image_alt");
        assert_eq!(
            refused_field("That image is not in the media library (it may have been deleted): choose another."),
            "image"
        );
        assert_eq!(refused_field("That category does not exist."), "category");
        assert_eq!(refused_field("That author does not exist."), "author");
    }

    #[test]
    fn a_chosen_image_is_read_with_its_text_and_remove_image_wins() {
        let mut problems = Vec::new();
        let form = EditorForm {
            image: " 7 ".into(),
            image_alt: " A tram\n".into(),
            image_caption: "Line 4".into(),
            ..EditorForm::default()
        };
        let image = featured_image(&form, &mut problems).unwrap();
        assert_eq!((image.media_id, image.alt.as_str()), (7, "A tram"));
        assert_eq!(image.caption, "Line 4");
        assert!(problems.is_empty());
        let removed = EditorForm {
            image_remove: Some("on".into()),
            ..form
        };
        assert_eq!(featured_image(&removed, &mut problems), None);
        let long = EditorForm {
            image: "7".into(),
            image_credit: "c".repeat(MAX_CREDIT + 1),
            ..EditorForm::default()
        };
        featured_image(&long, &mut problems);
        assert_eq!(problems[0].0, "image_credit");
    }
}
