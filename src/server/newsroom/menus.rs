//! `/newsroom/menus` (editors and admins, `Permission::RunSite`): the five menus the header and
//! footer show, each edited as an outline (`menu_outline.rs`) and saved whole; readers see the
//! change at once (the store drops the page cache).

use super::failure::unavailable;
use super::menu_outline::{outline, parse};
use super::page::DoneQuery;
use super::page::{frame, render, see_other, Answer, Refused};
use super::session::SignedIn;
use super::{ClientAddress, Permission};
use crate::pages::newsroom::{MenuForm, MenusPage, Section};
use crate::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;
use serde::Deserialize;

/// Each menu: (name in the store, heading, what it is).
const MENUS: &[(&str, &str, &str)] = &[
    (
        "primary",
        "Primary menu",
        "The header's main links; indented links make its dropdowns.",
    ),
    (
        "more",
        "More menu",
        "The links under the header's “More” button.",
    ),
    ("topics", "Topic bar", "The row of topics under the header."),
    (
        "footer",
        "Footer menu",
        "The footer's links (Privacy Policy, Terms, Contact…).",
    ),
    (
        "social",
        "Social links",
        "Links to other networks, as full https:// addresses. Facebook, X, Instagram, TikTok and Threads are set in the site settings.",
    ),
];

pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<DoneQuery>,
) -> Answer {
    s.require(Permission::RunSite)?;
    let notice = MENUS
        .iter()
        .find(|(name, _, _)| *name == q.done())
        .map(|(_, title, _)| format!("{title} saved."));
    Ok(page(&state, &s, StatusCode::OK, notice, None).await)
}

/// The page; `typed` is a menu sent back with its problem: (name, text, problem).
async fn page(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    notice: Option<String>,
    typed: Option<(&str, String, String)>,
) -> Response {
    let mut forms = Vec::with_capacity(MENUS.len());
    for (name, title, hint) in MENUS {
        let (text, problem) = match &typed {
            Some((n, text, problem)) if n == name => (text.clone(), Some(problem.clone())),
            _ => match state.store.menu(name).await {
                Ok(items) => (outline(&items), None),
                Err(e) => return unavailable(e),
            },
        };
        forms.push(MenuForm {
            name,
            title,
            hint,
            text,
            problem,
        });
    }
    let csrf = s.csrf.clone();
    render(
        status,
        frame(state, "Menus", Some(s), Section::Menus),
        move || {
            view! { <MenusPage forms csrf notice/> }
        },
    )
}

#[derive(Deserialize, Default)]
pub struct MenuText {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    links: String,
}

/// `POST /newsroom/menus/<name>`: saves one menu whole.
pub async fn save(
    State(state): State<AppState>,
    s: SignedIn,
    Path(name): Path<String>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<MenuText>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let Some((name, title, _)) = MENUS.iter().find(|(n, _, _)| *n == name) else {
        return Err(Refused(StatusCode::NOT_FOUND, "There is no such menu.").into_response());
    };
    let items = match parse(&f.links) {
        Ok(items) => items,
        Err(problem) => {
            let typed = Some((*name, f.links.clone(), problem));
            return Ok(page(&state, &s, StatusCode::BAD_REQUEST, None, typed).await);
        }
    };
    if let Err(e) = state.store.replace_menu(name, &items).await {
        return Err(unavailable(e));
    }
    s.audit(&state, "menu saved", title, &address).await;
    see_other(&format!("/newsroom/menus?done={name}"))
}
