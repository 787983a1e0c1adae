//! The editor's form: what the browser sends, and its checks (every field, the language, the
//! featured image and its text, the time a Schedule asks for), before anything is saved.

use crate::pages::newsroom::EditorFields;
use crate::pages::newsroom::{MAX_ALT, MAX_CAPTION, MAX_CREDIT};
use crate::server::newsroom::session::SignedIn;
use crate::server::newsroom::web_address::is_web_url;
use crate::server::newsroom::Permission;
use crate::server::store::{ArticleFields, ArticleImage, StoreError, IMAGE_ALT_MISSING};
use crate::server::zone::{LocalTimeError, SiteZone};
use crate::server::{text, AppState};
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
pub(in crate::server::newsroom) const MAX_TITLE_CHARS: usize = 300;
pub(in crate::server::newsroom) const MAX_DEK_CHARS: usize = 600;
pub(in crate::server::newsroom) const MAX_BODY_CHARS: usize = 200_000;

/// The language a preview is shown in: the form's, when it is one the editor offers.
pub(in crate::server::newsroom) fn preview_lang(typed: &str) -> &'static str {
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
    pub(super) csrf: String,
    #[serde(default)]
    pub(super) version: Option<i64>,
    #[serde(default)]
    pub(super) action: String,
    #[serde(default)]
    pub(in crate::server::newsroom) title: String,
    #[serde(default)]
    pub(in crate::server::newsroom) dek: String,
    #[serde(default)]
    pub(super) slug: String,
    #[serde(default)]
    pub(in crate::server::newsroom) body: String,
    #[serde(default)]
    pub(super) tags: String,
    #[serde(default)]
    pub(in crate::server::newsroom) lang: String,
    #[serde(default)]
    pub(super) category: String,
    #[serde(default)]
    pub(super) author: String,
    #[serde(default)]
    pub(super) featured: Option<String>,
    #[serde(default)]
    pub(super) editors_pick: Option<String>,
    #[serde(default)]
    pub(super) seo_title: String,
    #[serde(default)]
    pub(super) seo_description: String,
    #[serde(default)]
    pub(super) canonical_url: String,
    #[serde(default)]
    pub(super) publish_at: String,
    /// A new article's form key (see `resumed`).
    #[serde(default)]
    pub(super) draft_key: String,
    /// The featured image: a picture's id from the library ("" for none), its alt text,
    /// caption and credit, and "Remove image".
    #[serde(default)]
    pub(super) image: String,
    #[serde(default)]
    pub(super) image_alt: String,
    #[serde(default)]
    pub(super) image_caption: String,
    #[serde(default)]
    pub(super) image_credit: String,
    #[serde(default)]
    pub(super) image_remove: Option<String>,
}

impl EditorForm {
    pub(in crate::server::newsroom) fn csrf(&self) -> &str {
        &self.csrf
    }

    pub(in crate::server::newsroom) fn version(&self) -> Option<i64> {
        self.version
    }

    /// The form's new-article key, when it carries a well-formed one.
    pub(in crate::server::newsroom) fn draft_key(&self) -> Option<&str> {
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
    pub(in crate::server::newsroom) async fn resumed(
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

    pub(super) fn typed(&self) -> EditorFields {
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
pub(in crate::server::newsroom) fn refused_field(message: &str) -> &'static str {
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

/// Checks the typed form. `own_author` is the account's byline; without `EditAny` the article
/// is written under it whatever the form says.
pub(in crate::server::newsroom) fn checked(
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
pub(super) fn schedule_time(
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
