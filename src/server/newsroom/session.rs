//! Who is signed in: the session cookie, and [`SignedIn`], the extractor every newsroom handler
//! that needs an account takes.
//!
//! Sessions live in the store (`store/staff_session.rs`) rather than in `tower-sessions`: ending
//! all of one account's sessions (sign out everywhere, a password change, a deactivated account)
//! is one statement on our table, where tower-sessions keeps opaque records it cannot find by
//! account; and the same SQL runs on PostgreSQL later.

use super::page::Refused;
use super::token;
use crate::server::clock;
use crate::server::http::request_body::{takes_large_bodies, FromStaff};
use crate::server::http::respond::CspNonce;
use crate::server::store::{SessionLimits, StaffRow};
use crate::server::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};

/// What an account whose role does not allow something is told.
const FORBIDDEN: &str = "Your account is not allowed to do that. Ask an editor or an admin.";

/// A session's last use is written at most this often (seconds), not on every request.
const TOUCH_EVERY: i64 = 60;

/// The session cookie's name: with the `__Host-` prefix on https (the browser then insists on
/// `Secure`, `Path=/` and no `Domain`), plain on http, where browsers refuse the prefix.
pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-timelines_session"
    } else {
        "timelines_session"
    }
}

pub fn limits(state: &AppState) -> SessionLimits {
    let c = &state.config.newsroom;
    SessionLimits {
        idle: i64::from(c.session_idle_hours) * 3_600,
        absolute: i64::from(c.session_max_days) * 86_400,
    }
}

fn https(state: &AppState) -> bool {
    state.config.site.public_url.starts_with("https://")
}

/// The session id the request's cookie carries, if any.
pub fn session_id(headers: &HeaderMap, https: bool) -> Option<String> {
    let name = cookie_name(https);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_string())
}

/// A new session for `staff_id`: its `Set-Cookie` value and its form token.
pub async fn start(
    state: &AppState,
    staff_id: i64,
) -> Result<(HeaderValue, String), crate::server::store::StoreError> {
    let id = token::random();
    let csrf = token::random();
    let now = clock::now().unix_timestamp();
    state.store.sweep_sessions(now, limits(state)).await?;
    state
        .store
        .create_session(&token::digest(&id), staff_id, &csrf, now)
        .await?;
    let max_age = limits(state).absolute;
    Ok((set_cookie(state, id, Some(max_age)), csrf))
}

/// The `Set-Cookie` value that stores `id`, or with `None` for the age, removes the cookie.
fn set_cookie(state: &AppState, id: String, max_age: Option<i64>) -> HeaderValue {
    let https = https(state);
    let mut c = Cookie::build((cookie_name(https), id))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(https)
        .max_age(cookie::time::Duration::seconds(max_age.unwrap_or(0)));
    if max_age.is_none() {
        c = c.expires(cookie::time::OffsetDateTime::UNIX_EPOCH);
    }
    HeaderValue::from_str(&c.build().to_string()).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn removal(state: &AppState) -> HeaderValue {
    set_cookie(state, String::new(), None)
}

/// A request made with a live session: the account, and the session's form token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub staff: StaffRow,
    pub csrf: String,
    id_hash: String,
    /// The CSP nonce of the response to this request: a page's inline script carries it.
    nonce: String,
}

impl SignedIn {
    /// The session's id digest (what the store keys it by).
    pub fn id_hash(&self) -> &str {
        &self.id_hash
    }

    /// The nonce the page answering this request puts on its inline scripts.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }

    /// Writes an audit entry of this account's: it did `action` to `subject`, from `address`.
    pub async fn audit(&self, state: &AppState, action: &str, subject: &str, address: &str) {
        super::audit(state, Some(self.staff.id), action, subject, address).await;
    }

    /// Refuses (403) an account whose role does not allow `p`.
    pub fn require(&self, p: super::Permission) -> Result<(), Refused> {
        if self.staff.role.may(p) {
            Ok(())
        } else {
            Err(Refused(StatusCode::FORBIDDEN, FORBIDDEN))
        }
    }

    /// Whether a form with token `csrf` may do what needs `p`: the token is this session's and
    /// the account's role allows it.
    pub fn may_post(&self, csrf: &str, p: super::Permission) -> Result<(), Refused> {
        self.check_csrf(csrf).and_then(|()| self.require(p))
    }

    /// Whether a form's token is this session's.
    pub fn check_csrf(&self, sent: &str) -> Result<(), Refused> {
        if token::same(sent, &self.csrf) {
            Ok(())
        } else {
            Err(Refused(
                StatusCode::FORBIDDEN,
                "This form has expired or did not come from the newsroom. Go back, reload the page and try again.",
            ))
        }
    }
}

/// The session of a request, when it has a live one.
pub async fn find(state: &AppState, headers: &HeaderMap) -> Option<SignedIn> {
    let id = session_id(headers, https(state))?;
    let id_hash = token::digest(&id);
    let now = clock::now().unix_timestamp();
    let row = match state.store.session(&id_hash, now, limits(state)).await {
        Ok(row) => row?,
        Err(e) => {
            tracing::error!(error = %e, "reading a session failed");
            return None;
        }
    };
    if now - row.seen_at >= TOUCH_EVERY {
        if let Err(e) = state.store.touch_session(&id_hash, now).await {
            tracing::error!(error = %e, "marking a session used failed");
        }
    }
    Some(SignedIn {
        staff: row.staff,
        csrf: row.csrf,
        id_hash,
        nonce: String::new(),
    })
}

/// Middleware, outside the body reader: marks a request to a route that takes the newsroom's
/// large forms when it carries a live session ([`FromStaff`]), so only staff may send them.
pub async fn mark_staff(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if req.method() == Method::POST && takes_large_bodies(req.uri().path()) {
        if let Some(s) = find(&state, req.headers()).await {
            // An export upload is an admin's alone: nobody else may make the server hold it.
            let import = req.uri().path() == crate::server::http::request_body::IMPORT_PATH;
            if !import || s.staff.role.may(super::Permission::Administer) {
                req.extensions_mut().insert(FromStaff);
            }
        }
    }
    next.run(req).await
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    /// Without a live session: a page is sent to the sign-in form (coming back after), anything
    /// else refused with 401.
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(mut s) = find(state, &parts.headers).await {
            if let Some(CspNonce(nonce)) = parts.extensions.get::<CspNonce>() {
                s.nonce.clone_from(nonce);
            }
            return Ok(s);
        }
        if parts.method == Method::GET {
            let next = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/newsroom");
            let to = format!("/newsroom/sign-in?next={}", super::page::encode_query(next));
            return Err(super::page::no_store(Redirect::to(&to).into_response()));
        }
        Err(super::page::refused(
            StatusCode::UNAUTHORIZED,
            "You are not signed in, or your session has ended. Sign in again and retry.",
        ))
    }
}
