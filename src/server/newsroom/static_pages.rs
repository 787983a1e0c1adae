//! `/newsroom/pages` (editors and admins, `Permission::RunSite`): the site's static pages
//! (Privacy Policy, Terms, Contact…), their editor with a server-rendered preview, and deleting
//! after a confirmation. A save names the version it edits: a stale one is refused (409) naming
//! who saved since, with the typed text kept. A changed slug leaves the old address answering
//! 301 (`page_redirects`, answered by `http/page_route.rs`). Every write drops the page cache,
//! so readers see the change at once. Audited: created, updated, deleted.

mod form;
pub use form::slug_problem;

use super::failure::unavailable;
use super::page::{frame, no_store, render, see_other, Answer, Refused};
use super::page::{DoneQuery, TokenForm};
use super::session::SignedIn;
use super::{ClientAddress, Permission};
use crate::pages::newsroom::{
    PageConflict, PageDeletePage, PageEditor, PageEditorPage, PageLine, PagesPage, PreviewDocument,
    Section,
};
use crate::server::http::standalone_html;
use crate::server::store::{PageRow, SaveError, StoreError};
use crate::server::zone::SiteZone;
use crate::server::{clock, AppState};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use form::{checked, PageForm, MAX_BODY};
use leptos::prelude::*;

const NO_SUCH_PAGE: &str = "There is no page with that number. It may have been deleted.";

/// `GET /newsroom/pages`.
pub async fn list(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<DoneQuery>,
) -> Answer {
    s.require(Permission::RunSite)?;
    let rows = state.store.all_pages().await.map_err(unavailable)?;
    let zone = SiteZone::of(&state.config);
    let lines = rows
        .into_iter()
        .map(|p| PageLine {
            href: format!("/newsroom/pages/{}", p.id),
            address: crate::urls::static_page(&p.slug),
            date_iso: clock::iso(zone.local(p.updated_at)),
            when: zone.describe(p.updated_at),
            by: p.saved_by,
            title: p.title,
        })
        .collect();
    let notice = (q.done() == "deleted").then(|| "The page was deleted.".to_string());
    Ok(render(
        StatusCode::OK,
        frame(&state, "Pages", Some(&s), Section::Pages),
        move || view! { <PagesPage lines notice/> },
    ))
}

/// What the editor says above the form.
#[derive(Default)]
struct Feedback {
    problems: Vec<(&'static str, String)>,
    notice: Option<String>,
    /// Someone saved since the form was opened, and the version they made.
    conflict: Option<(PageConflict, i64)>,
}

impl Feedback {
    fn problems(problems: Vec<(&'static str, String)>) -> Self {
        Self {
            problems,
            ..Self::default()
        }
    }
}

/// The editor, for page `row` (None: a new one), with `typed` in its fields.
fn editor(
    state: &AppState,
    s: &SignedIn,
    row: Option<&PageRow>,
    typed: (String, String, String),
    status: StatusCode,
    feedback: Feedback,
) -> Response {
    let (title, slug, body) = typed;
    let Feedback {
        problems,
        notice,
        conflict,
    } = feedback;
    let (version, conflict) = match conflict {
        Some((c, v)) => (Some(v), Some(c)),
        None => (row.map(|r| r.version), None),
    };
    let editor = PageEditor {
        heading: if row.is_some() {
            "Edit page"
        } else {
            "New page"
        }
        .to_string(),
        action: row
            .map(|r| format!("/newsroom/pages/{}", r.id))
            .unwrap_or_else(|| "/newsroom/pages".into()),
        csrf: s.csrf.clone(),
        version,
        title,
        slug,
        body,
        problems,
        notice,
        conflict,
        public_url: row.map(|r| crate::urls::static_page(&r.slug)),
        delete_href: row.map(|r| format!("/newsroom/pages/{}/delete", r.id)),
    };
    let page_title = editor.heading.clone();
    render(
        status,
        frame(state, &page_title, Some(s), Section::Pages),
        move || view! { <PageEditorPage editor/> },
    )
}

/// `GET /newsroom/pages/new`.
pub async fn new_form(State(state): State<AppState>, s: SignedIn) -> Answer {
    s.require(Permission::RunSite)?;
    let typed = Default::default();
    Ok(editor(
        &state,
        &s,
        None,
        typed,
        StatusCode::OK,
        Feedback::default(),
    ))
}

async fn load(state: &AppState, id: i64) -> Result<PageRow, Response> {
    match state.store.page_by_id(id).await {
        Ok(Some(p)) => Ok(p),
        Ok(None) => Err(Refused(StatusCode::NOT_FOUND, NO_SUCH_PAGE).into_response()),
        Err(e) => Err(unavailable(e)),
    }
}

/// `GET /newsroom/pages/<id>`.
pub async fn edit_form(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<DoneQuery>,
) -> Answer {
    s.require(Permission::RunSite)?;
    let row = load(&state, id).await?;
    let notice = (q.done() == "saved").then(|| "Saved. The page on the site shows it now.".into());
    let typed = (row.title.clone(), row.slug.clone(), row.body_md.clone());
    let fb = Feedback {
        notice,
        ..Feedback::default()
    };
    Ok(editor(&state, &s, Some(&row), typed, StatusCode::OK, fb))
}

/// `POST /newsroom/pages`: makes a page.
pub async fn create(
    State(state): State<AppState>,
    s: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(f): Form<PageForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let typed = (f.title.clone(), f.slug.clone(), f.body.clone());
    let fields = match checked(&f) {
        Ok(fields) => fields,
        Err(p) => {
            let fb = Feedback::problems(p);
            return Ok(editor(&state, &s, None, typed, StatusCode::BAD_REQUEST, fb));
        }
    };
    let now = clock::now().unix_timestamp();
    let id = match state.store.create_page(&fields, s.staff.id, now).await {
        Ok(id) => id,
        Err(StoreError::Conflict(m)) => {
            let p = vec![("slug", m)];
            return Ok(editor(
                &state,
                &s,
                None,
                typed,
                StatusCode::CONFLICT,
                Feedback::problems(p),
            ));
        }
        Err(e) => return Err(unavailable(e)),
    };
    s.audit(&state, "page created", &fields.title, &address)
        .await;
    see_other(&format!("/newsroom/pages/{id}?done=saved"))
}

/// `POST /newsroom/pages/<id>`: saves a page over the version its form was opened at.
pub async fn update(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<PageForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let row = load(&state, id).await?;
    let typed = (f.title.clone(), f.slug.clone(), f.body.clone());
    let again = |status, problems| {
        editor(
            &state,
            &s,
            Some(&row),
            typed.clone(),
            status,
            Feedback::problems(problems),
        )
    };
    let fields = match checked(&f) {
        Ok(fields) => fields,
        Err(p) => return Ok(again(StatusCode::BAD_REQUEST, p)),
    };
    let Some(version) = f.version else {
        let p = vec![(
            "title",
            "The form had no version; reload the page and try again.".into(),
        )];
        return Ok(again(StatusCode::BAD_REQUEST, p));
    };
    let now = clock::now().unix_timestamp();
    match state
        .store
        .save_page(id, version, &fields, s.staff.id, now)
        .await
    {
        Ok(Some(_)) => {}
        Ok(None) => return Err(Refused(StatusCode::NOT_FOUND, NO_SUCH_PAGE).into_response()),
        Err(SaveError::Stale(stale)) => {
            let current = load(&state, id).await?;
            let zone = SiteZone::of(&state.config);
            let conflict = PageConflict {
                message: format!(
                    "{} saved this page on {} at {}, after you opened it. Your changes are in the form below and have not been saved.",
                    stale.saved_by.unwrap_or_else(|| "Someone".into()),
                    clock::long_date(zone.local(stale.saved_at)),
                    zone.time(stale.saved_at)
                ),
                their_title: current.title.clone(),
                their_body: current.body_md.clone(),
            };
            let status = StatusCode::CONFLICT;
            let fb = Feedback {
                conflict: Some((conflict, stale.version)),
                ..Feedback::default()
            };
            return Ok(editor(
                &state,
                &s,
                Some(&current),
                typed.clone(),
                status,
                fb,
            ));
        }
        Err(SaveError::Store(StoreError::Conflict(m))) => {
            return Ok(again(StatusCode::CONFLICT, vec![("slug", m)]))
        }
        Err(SaveError::Store(e)) => return Err(unavailable(e)),
    }
    let what = if row.slug == fields.slug {
        fields.title.clone()
    } else {
        format!("{} (/{} → /{})", fields.title, row.slug, fields.slug)
    };
    s.audit(&state, "page updated", &what, &address).await;
    see_other(&format!("/newsroom/pages/{id}?done=saved"))
}

/// `POST /newsroom/pages/preview`: the form's page as readers would read it, unsaved, through
/// the same Markdown and sanitiser as the saved page.
pub async fn preview(
    State(state): State<AppState>,
    s: SignedIn,
    Form(f): Form<PageForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let body: String = f
        .body
        .replace("\r\n", "\n")
        .chars()
        .take(MAX_BODY)
        .collect();
    let body_html = state.store.body_html(&body).await.map_err(unavailable)?;
    let (site_name, css) = (state.site_name(), state.assets.css.clone());
    let title = f.title.trim().to_string();
    let (dek, lang) = (String::new(), state.config.site.language.clone());
    let banner = "Preview: this page is not saved. Close this tab to go back to the editor.";
    let html = standalone_html::render(|| {
        view! { <PreviewDocument site_name css title dek lang body_html banner/> }
    });
    Ok(no_store(
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
    ))
}

/// `GET /newsroom/pages/<id>/delete`: "Delete this page?".
pub async fn confirm_delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
) -> Answer {
    s.require(Permission::RunSite)?;
    let row = load(&state, id).await?;
    let (csrf, title, address) = (
        s.csrf.clone(),
        row.title,
        crate::urls::static_page(&row.slug),
    );
    Ok(render(
        StatusCode::OK,
        frame(&state, "Delete this page?", Some(&s), Section::Pages),
        move || view! { <PageDeletePage id title address csrf/> },
    ))
}

/// `POST /newsroom/pages/<id>/delete`.
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<TokenForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::RunSite)?;
    let title = match state.store.delete_page(id).await {
        Ok(Some(t)) => t,
        Ok(None) => return Err(Refused(StatusCode::NOT_FOUND, NO_SUCH_PAGE).into_response()),
        Err(e) => return Err(unavailable(e)),
    };
    s.audit(&state, "page deleted", &title, &address).await;
    see_other("/newsroom/pages?done=deleted")
}
