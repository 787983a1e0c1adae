//! `/newsroom/tags` (editors and admins, `Permission::RunSite`): the tags with a search; rename
//! a tag (its address follows, the old one answering 301) or merge it into another.

use super::failure::unavailable;
use super::page::{encode_query, frame, render, see_other, Answer, Refused};
use super::session::SignedIn;
use super::{ClientAddress, Permission};
use crate::pages::newsroom::{Said, Section, TagLine, TagPage, TagsPage};
use crate::server::clock;
use crate::server::store::StoreError;
use crate::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

const PER_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
pub struct TagsQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    done: String,
}

pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<TagsQuery>,
) -> Answer {
    s.require(Permission::RunSite)?;
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    let (rows, total) = state
        .store
        .tag_list(&q.q, (page - 1) * PER_PAGE, PER_PAGE)
        .await
        .map_err(unavailable)?;
    let href = |n: i64| format!("/newsroom/tags?q={}&page={n}", encode_query(&q.q));
    let prev = (page > 1).then(|| href(page - 1));
    let next = (page * PER_PAGE < total).then(|| href(page + 1));
    let lines = rows
        .into_iter()
        .map(|t| TagLine {
            id: t.id,
            name: t.name,
            slug: t.slug,
            articles: t.articles,
        })
        .collect();
    let notice = (q.done == "merged").then(|| "Tags merged.".to_string());
    let query = q.q;
    Ok(render(
        StatusCode::OK,
        frame(&state, "Tags", Some(&s), Section::Tags),
        move || {
            view! { <TagsPage lines query total prev next said=Said::notice(notice)/> }
        },
    ))
}

pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<TagsQuery>,
) -> Answer {
    s.require(Permission::RunSite)?;
    let notice = (q.done == "renamed").then(|| "Tag renamed.".to_string());
    Ok(tag_page(
        &state,
        &s,
        id,
        StatusCode::OK,
        String::new(),
        Said::notice(notice),
    )
    .await)
}

async fn tag_page(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    status: StatusCode,
    merge_into: String,
    said: Said,
) -> Response {
    let tag = match state.store.tag_by_id(id).await {
        Ok(Some(t)) => t,
        Ok(None) => return gone(),
        Err(e) => return unavailable(e),
    };
    let csrf = s.csrf.clone();
    let title = format!("Tag: {}", tag.name);
    let (name, slug, articles) = (tag.name, tag.slug, tag.articles);
    render(
        status,
        frame(state, &title, Some(s), Section::Tags),
        move || {
            view! { <TagPage id name slug articles csrf merge_into said/> }
        },
    )
}

fn gone() -> Response {
    Refused(
        StatusCode::NOT_FOUND,
        "There is no such tag. It may have been merged or renamed.",
    )
    .into_response()
}

#[derive(Deserialize, Default)]
pub struct RenameForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
}

/// `POST /newsroom/tags/<id>`: renames a tag.
pub async fn rename(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<RenameForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let name = f.name.trim();
    let problem =
        |status, m: String| tag_page(&state, &s, id, status, String::new(), Said::problem(m));
    if name.chars().count() > 60 {
        return Ok(problem(
            StatusCode::BAD_REQUEST,
            "A tag's name is at most 60 characters.".into(),
        )
        .await);
    }
    let now = clock::now().unix_timestamp();
    match state.store.rename_tag(id, name, now).await {
        Ok(true) => {}
        Ok(false) => return Err(gone()),
        Err(StoreError::Invalid(m)) => return Ok(problem(StatusCode::BAD_REQUEST, m).await),
        Err(StoreError::Conflict(m)) => return Ok(problem(StatusCode::CONFLICT, m).await),
        Err(e) => return Err(unavailable(e)),
    }
    s.audit(&state, "tag renamed", name, &address).await;
    see_other(&format!("/newsroom/tags/{id}?done=renamed"))
}

#[derive(Deserialize, Default)]
pub struct MergeForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    into: String,
}

/// `POST /newsroom/tags/<id>/merge`: merges a tag into the one named.
pub async fn merge(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<MergeForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let problem =
        |status, m: String| tag_page(&state, &s, id, status, f.into.clone(), Said::problem(m));
    let into = match state.store.tag_id_named(&f.into).await {
        Ok(Some(into)) => into,
        Ok(None) => {
            let m = format!(
                "There is no tag called “{}”: give the name of an existing tag.",
                f.into.trim()
            );
            return Ok(problem(StatusCode::BAD_REQUEST, m).await);
        }
        Err(e) => return Err(unavailable(e)),
    };
    let from_name = match state.store.tag_by_id(id).await {
        Ok(Some(t)) => t.name,
        Ok(None) => return Err(gone()),
        Err(e) => return Err(unavailable(e)),
    };
    let now = clock::now().unix_timestamp();
    match state.store.merge_tags(id, into, now).await {
        Ok(Some(_)) => {}
        Ok(None) => return Err(gone()),
        Err(StoreError::Invalid(m)) => return Ok(problem(StatusCode::BAD_REQUEST, m).await),
        Err(e) => return Err(unavailable(e)),
    }
    let what = format!("{from_name} → {}", f.into.trim());
    s.audit(&state, "tags merged", &what, &address).await;
    see_other("/newsroom/tags?done=merged")
}
