//! Secret preview links: "Share preview" in the editor makes a random token (`token.rs`; the
//! store keeps only its digest) that opens the saved article at `/preview/<token>` for anyone,
//! signed in or not, for seven days or until "Stop sharing" (or deleting the article) withdraws
//! it. The preview goes through the same Markdown and sanitiser as the public page, is
//! `private, no-store` and `noindex`, and never enters the page cache (`page_cache/key.rs`).

use super::editor::allowed_to_edit;
use super::failure::unavailable;
use super::page::{frame, no_store, refused, render, see_other, Answer, Refused, TokenForm};
use super::session::SignedIn;
use super::{token, ClientAddress};
use crate::pages::newsroom::{NewLink, PreviewDocument, PreviewLinkPage, Section, Share};
use crate::server::clock;
use crate::server::http::standalone_html;
use crate::server::store::{ArticleStatus, EditableArticle, StoreError};
use crate::server::zone::SiteZone;
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use leptos::prelude::*;

/// How long a link stays open.
const OPEN_FOR: i64 = 7 * 86_400;

/// A time on the site's clocks.
fn when(state: &AppState, unix: i64) -> String {
    SiteZone::of(&state.config).describe(unix)
}

/// Whether readers can already read `a` (then there is nothing to share).
fn public(a: &EditableArticle, now: i64) -> bool {
    a.status == ArticleStatus::Published && a.published_at.is_some_and(|at| at <= now)
}

/// The editor's panel for article `a`, when it is not public yet.
pub async fn share_panel(
    state: &AppState,
    s: &SignedIn,
    a: &EditableArticle,
    now: i64,
) -> Result<Option<Share>, StoreError> {
    if public(a, now) {
        return Ok(None);
    }
    let live = state.store.live_preview_links(a.id, now).await?;
    let status = match live {
        None => "Not shared: only the newsroom can read it.".to_string(),
        Some(l) if l.count == 1 => {
            format!("Shared: one link is open until {}.", when(state, l.until))
        }
        Some(l) => format!(
            "Shared: {} links are open, the last until {}.",
            l.count,
            when(state, l.until)
        ),
    };
    let base = format!("/newsroom/articles/{}/preview-links", a.id);
    Ok(Some(Share {
        revoke: format!("{base}/revoke"),
        create: base,
        csrf: s.csrf.clone(),
        status,
        live: live.is_some(),
    }))
}

/// Article `id` when the account may work on it; else the refusal.
async fn shareable(state: &AppState, s: &SignedIn, id: i64) -> Result<EditableArticle, Response> {
    let article = match state.store.editable_article(id).await {
        Ok(Some(a)) => a,
        Ok(None) => {
            return Err(Refused(
                StatusCode::NOT_FOUND,
                "There is no article with that number. It may have been deleted.",
            )
            .into_response())
        }
        Err(e) => return Err(unavailable(e)),
    };
    if !allowed_to_edit(s, &article, false) {
        return Err(Refused(
            StatusCode::FORBIDDEN,
            "Your account is not allowed to share this article. Ask an editor.",
        )
        .into_response());
    }
    Ok(article)
}

/// `POST /newsroom/articles/<id>/preview-links`: a new link, shown once.
pub async fn share(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<TokenForm>,
) -> Answer {
    s.check_csrf(&f.csrf)?;
    let article = shareable(&state, &s, id).await?;
    let now = clock::now().unix_timestamp();
    if public(&article, now) {
        return Err(Refused(
            StatusCode::CONFLICT,
            "This article is published: share its address instead.",
        )
        .into_response());
    }
    let secret = token::random();
    let expires = now + OPEN_FOR;
    let made = state
        .store
        .create_preview_link(id, &token::digest(&secret), s.staff.id, (now, expires))
        .await;
    if let Err(e) = made {
        return Err(unavailable(e));
    }
    s.audit(
        &state,
        "preview link shared",
        &article.fields.title,
        &address,
    )
    .await;
    let t = time::OffsetDateTime::from_unix_timestamp(expires).unwrap_or(clock::now());
    let link = NewLink {
        title: article.fields.title,
        link: format!("{}/preview/{secret}", state.config.site.public_url),
        expires: when(&state, expires),
        expires_iso: clock::iso(t),
        editor: format!("/newsroom/articles/{id}"),
        revoke: format!("/newsroom/articles/{id}/preview-links/revoke"),
        csrf: s.csrf.clone(),
    };
    Ok(render(
        StatusCode::OK,
        frame(&state, "Preview link", Some(&s), Section::Articles),
        move || view! { <PreviewLinkPage link/> },
    ))
}

/// `POST /newsroom/articles/<id>/preview-links/revoke`: "Stop sharing", every link at once.
pub async fn stop(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<TokenForm>,
) -> Answer {
    s.check_csrf(&f.csrf)?;
    let article = shareable(&state, &s, id).await?;
    match state.store.revoke_preview_links(id).await {
        Ok(0) => {}
        Ok(_) => {
            s.audit(
                &state,
                "preview links withdrawn",
                &article.fields.title,
                &address,
            )
            .await;
        }
        Err(e) => return Err(unavailable(e)),
    }
    see_other(&format!("/newsroom/articles/{id}?done=unshared"))
}

/// `GET /preview/<token>`: the saved article as readers would read it, for whoever holds a
/// live link.
pub async fn show(State(state): State<AppState>, Path(secret): Path<String>) -> Answer {
    let now = clock::now().unix_timestamp();
    let found = if secret.len() == 43 {
        state
            .store
            .preview_link_article(&token::digest(&secret), now)
            .await
    } else {
        Ok(None)
    };
    let article = match found {
        Ok(Some(id)) => state.store.editable_article(id).await,
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    let a = match article {
        Ok(Some(a)) => a,
        Ok(None) => {
            return Err(refused(
                StatusCode::NOT_FOUND,
                "This preview link does not exist, has expired or was withdrawn. Ask whoever sent it for a new one.",
            ))
        }
        Err(e) => return Err(unavailable(e)),
    };
    let body_html = state
        .store
        .body_html(&a.fields.body_md)
        .await
        .map_err(unavailable)?;
    let (site_name, css) = (state.site_name(), state.assets.css.clone());
    let (title, dek, lang) = (a.fields.title, a.fields.dek, a.fields.lang);
    let banner = "Preview — not published";
    let html = standalone_html::render(|| {
        view! { <PreviewDocument site_name css title dek lang body_html banner/> }
    });
    let mut res = no_store(
        (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
    );
    // The link is the secret: it must not travel in a Referer to sites the article links to.
    res.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    Ok(res)
}
