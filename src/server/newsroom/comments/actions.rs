//! The moderation buttons and forms of `/newsroom/comments`: a comment moved between states,
//! deleted, edited or answered, and an article opened or closed to comments. Each checks the
//! session, the role and the form's token, and is audited.

use super::{back_to, comment_page, gone, STAFF_MAX_LINKS};
use crate::pages::newsroom::Said;
use crate::server::comments::post::{checked_body, checked_name};
use crate::server::newsroom::failure::unavailable;
use crate::server::newsroom::page::Refused;
use crate::server::newsroom::page::{see_other, Answer};
use crate::server::newsroom::session::SignedIn;
use crate::server::newsroom::ClientAddress;
use crate::server::newsroom::{client_address, Permission};
use crate::server::store::comments::{CommentRefused, CommentRules, CommentStatus, NewComment};
use crate::server::{clock, email, AppState};
use axum::extract::{Path, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct StatusForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    back: String,
}

/// `POST /newsroom/comments/<id>/status`: approve, unapprove, spam, trash, restore.
pub async fn set_status(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<StatusForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::Moderate)?;
    let Some(to) = CommentStatus::parse(&f.to) else {
        return Err(Refused(
            StatusCode::BAD_REQUEST,
            "A comment can be held, approved, spam or trash: nothing else.",
        )
        .into_response());
    };
    let now = clock::now().unix_timestamp();
    match state.store.set_comment_status(id, to, now).await {
        Ok(true) => {}
        Ok(false) => return Err(gone()),
        Err(e) => return Err(unavailable(e)),
    }
    let action = format!("comment {}", to.as_str());
    s.audit(&state, &action, &format!("comment {id}"), &address)
        .await;
    see_other(&back_to(&f.back, to.as_str()))
}

#[derive(Deserialize, Default)]
pub struct DeleteForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    back: String,
}

/// `POST /newsroom/comments/<id>/delete`: deletes a spam or binned comment for good.
pub async fn delete(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<DeleteForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::Moderate)?;
    match state.store.delete_comment(id).await {
        Ok(true) => {}
        Ok(false) => {
            return Err(Refused(
                StatusCode::CONFLICT,
                "Only a comment in Spam or Trash can be deleted for good. Move it there first.",
            )
            .into_response())
        }
        Err(e) => return Err(unavailable(e)),
    }
    s.audit(
        &state,
        "comment deleted",
        &format!("comment {id}"),
        &address,
    )
    .await;
    let back = if f.back.starts_with(&format!("/newsroom/comments/{id}")) {
        "/newsroom/comments"
    } else {
        &f.back
    };
    see_other(&back_to(back, "deleted"))
}

#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    comment: String,
}

/// `POST /newsroom/comments/<id>`: saves an edited comment.
pub async fn edit(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<EditForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::Moderate)?;
    let checked = checked_name(&f.name)
        .and_then(|name| checked_body(&f.comment, STAFF_MAX_LINKS).map(|body| (name, body)));
    let (name, body) = match checked {
        Ok(v) => v,
        Err(p) => {
            return Ok(comment_page(
                &state,
                &s,
                id,
                p.status,
                String::new(),
                Said::problem(p.message),
            )
            .await)
        }
    };
    let now = clock::now().unix_timestamp();
    match state.store.edit_comment(id, &name, &body, now).await {
        Ok(true) => {}
        Ok(false) => return Err(gone()),
        Err(e) => return Err(unavailable(e)),
    }
    s.audit(&state, "comment edited", &format!("comment {id}"), &address)
        .await;
    see_other(&format!("/newsroom/comments/{id}?done=saved"))
}

#[derive(Deserialize, Default)]
pub struct ReplyForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    comment: String,
}

/// `POST /newsroom/comments/<id>/reply`: a reply under the comment (under its parent when it
/// is itself a reply), approved at once and signed with the editor's name. Answering a held
/// comment approves it.
pub async fn reply(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    extensions: Extensions,
    headers: HeaderMap,
    Form(f): Form<ReplyForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::Moderate)?;
    let problem = |status, m: String| {
        comment_page(&state, &s, id, status, f.comment.clone(), Said::problem(m))
    };
    let body = match checked_body(&f.comment, STAFF_MAX_LINKS) {
        Ok(b) => b,
        Err(p) => return Ok(problem(p.status, p.message).await),
    };
    let c = match state.store.comment(id).await {
        Ok(Some(c)) => c,
        Ok(None) => return Err(gone()),
        Err(e) => return Err(unavailable(e)),
    };
    let now = clock::now().unix_timestamp();
    let parent = c.comment.parent_id.unwrap_or(id);
    let approving = c.comment.status() == CommentStatus::Held && c.comment.parent_id.is_none();
    if approving {
        if let Err(e) = state
            .store
            .set_comment_status(id, CommentStatus::Approved, now)
            .await
        {
            return Err(unavailable(e));
        }
    }
    let address = match email::canonical(&s.staff.email) {
        Ok(a) => a,
        Err(_) => {
            return Ok(problem(
                StatusCode::CONFLICT,
                "Your account's email address cannot sign a comment. Change it in Staff first."
                    .into(),
            )
            .await)
        }
    };
    let client = client_address(&state, &headers, &extensions);
    let new = NewComment {
        article_id: c.comment.article_id,
        parent_id: Some(parent),
        name: &s.staff.name,
        email: &address,
        body: &body,
        client: &client,
        staff_id: Some(s.staff.id),
    };
    // Staff replies skip the readers' limits and moderation (`Store::add_comment`).
    let rules = CommentRules {
        per_address: i64::MAX,
        per_client: i64::MAX,
        hold_all: false,
    };
    let added = state.store.add_comment(&new, rules, now).await;
    if approving && !matches!(added, Ok(Ok(_))) {
        // The reply did not go in: the comment goes back to waiting, as it was.
        if let Err(e) = state
            .store
            .set_comment_status(id, CommentStatus::Held, now)
            .await
        {
            return Err(unavailable(e));
        }
    }
    match added {
        Ok(Ok(_)) => {}
        Ok(Err(CommentRefused::NoParent)) => return Ok(problem(
            StatusCode::CONFLICT,
            "The comment answered is not approved, so a reply would not show. Approve it first."
                .into(),
        )
        .await),
        Ok(Err(CommentRefused::NoArticle)) => {
            return Ok(problem(
                StatusCode::CONFLICT,
                "The article is not published, so a reply would not show.".into(),
            )
            .await)
        }
        Ok(Err(_)) => {
            return Ok(problem(
                StatusCode::CONFLICT,
                "The reply could not be posted.".into(),
            )
            .await)
        }
        Err(e) => return Err(unavailable(e)),
    }
    s.audit(&state, "comment reply", &format!("comment {id}"), &client)
        .await;
    see_other(&format!("/newsroom/comments/{id}?done=replied"))
}

#[derive(Deserialize, Default)]
pub struct ClosingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    closed: String,
}

/// `POST /newsroom/articles/<id>/comments`: closes an article to comments (`closed=1`) or
/// opens it again (`closed=0`).
pub async fn set_closed(
    State(state): State<AppState>,
    s: SignedIn,
    Path(id): Path<i64>,
    ClientAddress(address): ClientAddress,
    Form(f): Form<ClosingForm>,
) -> Answer {
    s.may_post(&f.csrf, Permission::Moderate)?;
    let closed = match f.closed.as_str() {
        "1" => true,
        "0" => false,
        _ => {
            return Err(Refused(
                StatusCode::BAD_REQUEST,
                "Say whether to close (1) or open (0).",
            )
            .into_response())
        }
    };
    match state.store.set_comments_closed(id, closed).await {
        Ok(true) => {}
        Ok(false) => {
            return Err(Refused(StatusCode::NOT_FOUND, "There is no such article.").into_response())
        }
        Err(e) => return Err(unavailable(e)),
    }
    let (action, done) = if closed {
        ("comments closed", "closed")
    } else {
        ("comments opened", "opened")
    };
    s.audit(&state, action, &format!("article {id}"), &address)
        .await;
    see_other(&format!("/newsroom/comments?article={id}&done={done}"))
}
