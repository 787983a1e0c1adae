//! Revisions: a word-level comparison of any two (or of one with the article as it is now), and
//! "Restore", which saves a revision's words over the article as a new revision. Differences are
//! computed by `similar` (Myers' algorithm over words).

use super::editor::allowed_to_edit;
use super::failure::unavailable;
use super::page::{frame, render, see_other, Answer, Refused};
use super::session::SignedIn;
use super::ClientAddress;
use crate::pages::newsroom::{Comparison, ComparisonPage, FieldDiff, Piece, Section};
use crate::server::clock;
use crate::server::store::{
    ArticleFields, ArticleStatus, EditableArticle, Revision, SaveAs, SaveError, Saving,
};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;
use similar::{ChangeTag, TextDiff};

/// `older` to `newer`, word by word (whitespace kept with the words).
pub fn word_diff(older: &str, newer: &str) -> Vec<Piece> {
    let diff = TextDiff::from_words(older, newer);
    let mut out: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_string();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Piece::Same(t)))
            | (ChangeTag::Insert, Some(Piece::Added(t)))
            | (ChangeTag::Delete, Some(Piece::Removed(t))) => t.push_str(&text),
            (ChangeTag::Equal, _) => out.push(Piece::Same(text)),
            (ChangeTag::Insert, _) => out.push(Piece::Added(text)),
            (ChangeTag::Delete, _) => out.push(Piece::Removed(text)),
        }
    }
    out
}

fn field(label: &'static str, older: &str, newer: &str) -> FieldDiff {
    FieldDiff {
        label,
        pieces: word_diff(older, newer),
        changed: older != newer,
    }
}

fn compare(older: &ArticleFields, newer: &ArticleFields) -> Vec<FieldDiff> {
    vec![
        field("Title", &older.title, &newer.title),
        field("Standfirst", &older.dek, &newer.dek),
        field("Slug", &older.slug, &newer.slug),
        field("Body", &older.body_md, &newer.body_md),
        field("Tags", &older.tags.join(", "), &newer.tags.join(", ")),
        field("SEO title", &older.seo_title, &newer.seo_title),
        field(
            "SEO description",
            &older.seo_description,
            &newer.seo_description,
        ),
        field("Canonical URL", &older.canonical_url, &newer.canonical_url),
    ]
}

#[derive(Deserialize, Default)]
pub struct CompareQuery {
    /// The other revision (default: the article as it is now).
    #[serde(default)]
    with: Option<i64>,
}

/// "July 1, 2026, 09:30 Europe/London (Ana)": when on the site's clocks, and who.
fn describe(zone: &SiteZone, at: i64, who: Option<&str>) -> String {
    format!("{} ({})", zone.describe(at), who.unwrap_or("—"))
}

/// The article and its revision `rev`, when the account may see them (`saving`: and save over
/// the article); else the refusal.
async fn article_and_revision(
    state: &AppState,
    s: &SignedIn,
    (id, rev): (i64, i64),
    saving: bool,
) -> Result<(EditableArticle, Revision), Response> {
    let article = match state.store.editable_article(id).await {
        Ok(Some(a)) => a,
        Ok(None) => {
            return Err(Refused(
                StatusCode::NOT_FOUND,
                "There is no article with that number.",
            )
            .into_response())
        }
        Err(e) => return Err(unavailable(e)),
    };
    if !allowed_to_edit(s, &article, saving) {
        let message = if saving {
            "Your account is not allowed to restore this article's revisions."
        } else {
            "Your account is not allowed to see this article's revisions."
        };
        return Err(Refused(StatusCode::FORBIDDEN, message).into_response());
    }
    match state.store.revision(id, rev).await {
        Ok(Some(r)) => Ok((article, r)),
        Ok(None) => Err(
            Refused(StatusCode::NOT_FOUND, "This article has no such revision.").into_response(),
        ),
        Err(e) => Err(unavailable(e)),
    }
}

pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, rev)): Path<(i64, i64)>,
    Query(q): Query<CompareQuery>,
) -> Answer {
    let (article, older) = article_and_revision(&state, &s, (id, rev), false).await?;
    let zone = SiteZone::of(&state.config);
    let (newer_fields, newer_label) = match q.with {
        Some(other) => match state.store.revision(id, other).await {
            Ok(Some(r)) => (
                r.fields,
                format!(
                    "the revision of {}",
                    describe(&zone, r.at, r.staff_name.as_deref())
                ),
            ),
            Ok(None) => {
                return Err(
                    Refused(StatusCode::NOT_FOUND, "This article has no such revision.")
                        .into_response(),
                )
            }
            Err(e) => return Err(unavailable(e)),
        },
        None => (
            article.fields.clone(),
            "the article as it is now".to_string(),
        ),
    };
    let can_restore = allowed_to_edit(&s, &article, true);
    let comparison = Comparison {
        article_id: id,
        older: format!(
            "the revision of {}",
            describe(&zone, older.at, older.staff_name.as_deref())
        ),
        newer: newer_label,
        fields: compare(&older.fields, &newer_fields),
        restore: can_restore.then(|| {
            (
                s.csrf.clone(),
                article.version,
                format!("/newsroom/articles/{id}/revisions/{rev}/restore"),
            )
        }),
    };
    Ok(render(
        StatusCode::OK,
        frame(&state, "Compare revisions", Some(&s), Section::Articles),
        move || {
            view! { <ComparisonPage comparison/> }
        },
    ))
}

#[derive(Deserialize)]
pub struct RestoreForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
}

pub async fn restore(
    State(state): State<AppState>,
    s: SignedIn,
    Path((id, rev)): Path<(i64, i64)>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<RestoreForm>,
) -> Answer {
    s.check_csrf(&f.csrf)?;
    let (article, revision) = article_and_revision(&state, &s, (id, rev), true).await?;
    // Placement is not part of a revision: the article keeps its own.
    let fields = ArticleFields {
        featured: article.fields.featured,
        editors_pick: article.fields.editors_pick,
        image: article.fields.image.clone(),
        ..revision.fields
    };
    let now = clock::now().unix_timestamp();
    let saving = Saving {
        by: s.staff.id,
        at: now,
        action: "restore",
    };
    match state.store.save_article(id, f.version, &fields, SaveAs::Keep, saving).await {
        Ok(_) => {}
        Err(SaveError::Stale(_)) => {
            return Err(Refused(StatusCode::CONFLICT, "Someone saved this article since you opened the comparison. Open it again before restoring.").into_response())
        }
        Err(SaveError::Store(e)) => return Err(unavailable(e)),
    }
    if article.status == ArticleStatus::Published {
        s.audit(
            &state,
            "article updated (revision restored)",
            &fields.title,
            &address,
        )
        .await;
    }
    see_other(&format!("/newsroom/articles/{id}?done=restore"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_whole_words() {
        let d = word_diff("The cranes are back today.", "The big cranes are back.");
        assert_eq!(
            d,
            vec![
                Piece::Same("The ".into()),
                Piece::Added("big ".into()),
                Piece::Same("cranes are ".into()),
                Piece::Removed("back today.".into()),
                Piece::Added("back.".into()),
            ]
        );
        assert_eq!(word_diff("same", "same"), vec![Piece::Same("same".into())]);
    }
}
