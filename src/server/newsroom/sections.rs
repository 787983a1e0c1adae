//! `/newsroom/sections` (editors and admins, `Permission::RunSite`): the category tree; add a
//! category; rename, move or delete one (its articles moved to another). The store keeps the
//! old addresses answering 301 and the menus pointing at the new ones (`store/sections.rs`).

use super::failure::unavailable;
use super::page::DoneQuery;
use super::page::{frame, render, see_other, Answer, Refused};
use super::session::SignedIn;
use super::{ClientAddress, Permission};
use crate::pages::newsroom::{
    Choice, Said, Section, SectionFields, SectionLine, SectionPage, SectionsPage,
};
use crate::server::clock;
use crate::server::store::{CategoryEdit, CategoryRow, StoreError};
use crate::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct SectionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    description: String,
}

impl SectionForm {
    fn typed(&self) -> SectionFields {
        SectionFields {
            name: self.name.clone(),
            slug: self.slug.clone(),
            parent: self.parent.clone(),
            description: self.description.clone(),
        }
    }

    /// The category it describes, or what is wrong with it.
    fn checked(&self) -> Result<(String, String, Option<i64>, String), String> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err("Give the category a name of at most 80 characters.".into());
        }
        let slug = match self.slug.trim() {
            "" => crate::server::text::slugify(name),
            s => s.to_string(),
        };
        let parent = match self.parent.trim() {
            "" => None,
            p => Some(
                p.parse::<i64>()
                    .map_err(|_| "Choose a parent from the list.".to_string())?,
            ),
        };
        let description = self.description.trim();
        if description.chars().count() > 300 {
            return Err("The description is over 300 characters.".into());
        }
        Ok((name.to_string(), slug, parent, description.to_string()))
    }
}

/// "— " per level, for the tree in lists and menus.
fn indent(path: &str) -> String {
    "— ".repeat(path.matches('/').count())
}

/// The parent choices for a category at `own_path` (None: a new one): every category outside
/// it, and the top level.
fn parents(all: &[CategoryRow], own_path: Option<&str>, chosen: &str) -> Vec<Choice> {
    let outside = |c: &&CategoryRow| {
        own_path.is_none_or(|own| c.path != own && !c.path.starts_with(&format!("{own}/")))
    };
    std::iter::once((
        String::new(),
        "None (top level)".to_string(),
        chosen.is_empty(),
    ))
    .chain(all.iter().filter(outside).map(|c| {
        let v = c.id.to_string();
        let chosen = v == chosen;
        (v, format!("{}{}", indent(&c.path), c.name), chosen)
    }))
    .collect()
}

/// Categories in tree order (each parent before its children, siblings as stored).
fn tree_order(mut all: Vec<CategoryRow>) -> Vec<CategoryRow> {
    fn walk(all: &[CategoryRow], parent: Option<i64>, out: &mut Vec<CategoryRow>) {
        for c in all.iter().filter(|c| c.parent_id == parent) {
            out.push(c.clone());
            walk(all, Some(c.id), out);
        }
    }
    all.sort_by_key(|c| c.position);
    let mut out = Vec::with_capacity(all.len());
    walk(&all, None, &mut out);
    out
}

async fn tree(state: &AppState) -> Result<Vec<CategoryRow>, Response> {
    state
        .store
        .all_categories()
        .await
        .map(tree_order)
        .map_err(unavailable)
}

pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<DoneQuery>,
) -> Answer {
    s.require(Permission::RunSite)?;
    let notice = match q.done() {
        "added" => Some("Category added.".to_string()),
        "deleted" => Some("Category deleted; its articles moved.".to_string()),
        _ => None,
    };
    Ok(list_page(
        &state,
        &s,
        StatusCode::OK,
        SectionFields::default(),
        Said::notice(notice),
    )
    .await)
}

async fn list_page(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    fields: SectionFields,
    said: Said,
) -> Response {
    let (all, counts) = match (
        tree(state).await,
        state.store.category_article_counts().await,
    ) {
        (Ok(a), Ok(c)) => (a, c),
        (Err(r), _) => return r,
        (_, Err(e)) => return unavailable(e),
    };
    let parents = parents(&all, None, &fields.parent);
    let lines = all
        .into_iter()
        .map(|c| SectionLine {
            id: c.id,
            depth: c.path.matches('/').count(),
            articles: counts.get(&c.id).copied().unwrap_or(0),
            name: c.name,
            path: c.path,
        })
        .collect();
    let csrf = s.csrf.clone();
    render(
        status,
        frame(state, "Categories", Some(s), Section::Sections),
        move || {
            view! { <SectionsPage lines csrf fields parents said/> }
        },
    )
}

/// `POST /newsroom/sections`: adds a category.
pub async fn add(
    State(state): State<AppState>,
    s: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(f): Form<SectionForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let again = |status: StatusCode, problem: String| {
        list_page(&state, &s, status, f.typed(), Said::problem(problem))
    };
    let (name, slug, parent_id, description) = match f.checked() {
        Ok(c) => c,
        Err(m) => return Ok(again(StatusCode::BAD_REQUEST, m).await),
    };
    let edit = CategoryEdit {
        name: &name,
        slug: &slug,
        parent_id,
        description: &description,
    };
    match state.store.add_category(&edit).await {
        Ok(_) => {}
        Err(StoreError::Invalid(m)) => return Ok(again(StatusCode::BAD_REQUEST, m).await),
        Err(StoreError::Conflict(m)) => return Ok(again(StatusCode::CONFLICT, m).await),
        Err(e) => return Err(unavailable(e)),
    }
    s.audit(&state, "category added", &name, &address).await;
    see_other("/newsroom/sections?done=added")
}

pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<DoneQuery>,
) -> Answer {
    s.require(Permission::RunSite)?;
    let notice = (q.done() == "saved").then(|| "Category saved.".to_string());
    Ok(edit_page(&state, &s, id, StatusCode::OK, None, Said::notice(notice)).await)
}

async fn edit_page(
    state: &AppState,
    s: &SignedIn,
    id: i64,
    status: StatusCode,
    typed: Option<SectionFields>,
    said: Said,
) -> Response {
    let (all, counts) = match (
        tree(state).await,
        state.store.category_article_counts().await,
    ) {
        (Ok(a), Ok(c)) => (a, c),
        (Err(r), _) => return r,
        (_, Err(e)) => return unavailable(e),
    };
    let Some(c) = all.iter().find(|c| c.id == id).cloned() else {
        return Refused(
            StatusCode::NOT_FOUND,
            "There is no such category. It may have been deleted.",
        )
        .into_response();
    };
    let fields = typed.unwrap_or_else(|| SectionFields {
        name: c.name.clone(),
        slug: c.slug.clone(),
        parent: c.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        description: c.description.clone(),
    });
    let parents = parents(&all, Some(&c.path), &fields.parent);
    let move_to = all
        .iter()
        .filter(|o| o.path != c.path && !o.path.starts_with(&format!("{}/", c.path)))
        .map(|o| {
            (
                o.id.to_string(),
                format!("{}{}", indent(&o.path), o.name),
                false,
            )
        })
        .collect();
    let articles = counts.get(&id).copied().unwrap_or(0);
    let csrf = s.csrf.clone();
    let title = format!("Category: {}", c.name);
    let path = c.path;
    render(
        status,
        frame(state, &title, Some(s), Section::Sections),
        move || {
            view! { <SectionPage id path articles csrf fields parents move_to said/> }
        },
    )
}

/// `POST /newsroom/sections/<id>`: renames or moves a category.
pub async fn save(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<SectionForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let again = |status: StatusCode, problem: String| {
        edit_page(
            &state,
            &s,
            id,
            status,
            Some(f.typed()),
            Said::problem(problem),
        )
    };
    let (name, slug, parent_id, description) = match f.checked() {
        Ok(c) => c,
        Err(m) => return Ok(again(StatusCode::BAD_REQUEST, m).await),
    };
    let edit = CategoryEdit {
        name: &name,
        slug: &slug,
        parent_id,
        description: &description,
    };
    let now = clock::now().unix_timestamp();
    match state.store.edit_category(id, &edit, now).await {
        Ok(true) => {}
        Ok(false) => {
            return Err(Refused(
                StatusCode::NOT_FOUND,
                "There is no such category. It may have been deleted.",
            )
            .into_response())
        }
        Err(StoreError::Invalid(m)) => return Ok(again(StatusCode::BAD_REQUEST, m).await),
        Err(StoreError::Conflict(m)) => return Ok(again(StatusCode::CONFLICT, m).await),
        Err(e) => return Err(unavailable(e)),
    }
    s.audit(&state, "category changed", &name, &address).await;
    see_other(&format!("/newsroom/sections/{id}?done=saved"))
}

#[derive(Deserialize, Default)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    move_to: String,
}

/// `POST /newsroom/sections/<id>/delete`: deletes a category, its articles moved.
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<DeleteForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let again = |status: StatusCode, problem: String| {
        edit_page(&state, &s, id, status, None, Said::problem(problem))
    };
    let Ok(move_to) = f.move_to.trim().parse::<i64>() else {
        return Ok(again(
            StatusCode::BAD_REQUEST,
            "Choose where its articles go.".into(),
        )
        .await);
    };
    let name = match state.store.all_categories().await {
        Ok(all) => all
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.name)
            .unwrap_or_default(),
        Err(e) => return Err(unavailable(e)),
    };
    let now = clock::now().unix_timestamp();
    match state.store.delete_category(id, move_to, now).await {
        Ok(Some(moved)) => {
            let what = format!("{name} ({moved} articles moved)");
            s.audit(&state, "category deleted", &what, &address).await;
            see_other("/newsroom/sections?done=deleted")
        }
        Ok(None) => Err(Refused(
            StatusCode::NOT_FOUND,
            "There is no such category. It may have been deleted.",
        )
        .into_response()),
        Err(StoreError::Invalid(m)) => Ok(again(StatusCode::BAD_REQUEST, m).await),
        Err(StoreError::Conflict(m)) => Ok(again(StatusCode::CONFLICT, m).await),
        Err(e) => Err(unavailable(e)),
    }
}
