//! The newsletter's readers: signing up (double opt-in: the address gets a message with a link
//! that confirms it, `mail/compose.rs`), confirming, and leaving. Signing up is the one write a
//! reader makes besides comments; it stands beside the address rules it applies (`email.rs`)
//! and the per-address limit in front of it (`http/throttle.rs`). The no-JavaScript forms
//! (`POST /subscribe`, `/subscribe/confirm`, `/subscribe/unsubscribe`, `router.rs`) and the
//! server function (`POST /api/subscribe`, `api.rs`) call these.

use crate::error::AppError;
use crate::model::SubscribeOutcome;
use crate::server::mail::compose;
use crate::server::mail::links::{self, LinkProblem};
use crate::server::store::{SignUp, StoreError};
use crate::server::{clock, AppState};

/// Signs an address up in canonical form (`email.rs`) and queues its confirmation message, or
/// says why not.
pub async fn subscribe(state: &AppState, email: &str) -> Result<SubscribeOutcome, AppError> {
    let address = match crate::server::email::canonical(email) {
        Ok(address) => address,
        Err(refusal) => return Ok(refusal.into()),
    };
    let now = clock::now().unix_timestamp();
    let key = state.store.signing_key().to_vec();
    let base = state.config.site.public_url.clone();
    let sender = state.mail_sender();
    let (to, email_key) = (address.email.clone(), address.key.clone());
    let signed_up = state
        .store
        .sign_up(&address, now, move |id, confirmed| {
            let leave = links::unsubscribe_token(&key, id, &email_key);
            let leave = format!("{base}/subscribe/unsubscribe?token={leave}");
            let made = if confirmed {
                compose::already_subscribed(&sender, &to, &leave)
            } else {
                let confirm = links::confirm_token(&key, id, &email_key, now);
                let confirm = format!("{base}/subscribe/confirm?token={confirm}");
                compose::confirmation(&sender, &to, &confirm, &leave)
            };
            made.map_err(|e| StoreError::Invalid(e.to_string()))
        })
        .await?;
    // The same answer whether or not the address was on the list already: the page does not
    // tell anyone who subscribes (the message to the address does).
    let (SignUp::Confirmed { mailed } | SignUp::Pending { mailed }) = signed_up;
    if mailed {
        state.mailer.wake();
    }
    Ok(SubscribeOutcome::Subscribed)
}

/// Confirms the sign-up a confirmation link names.
pub async fn confirm(state: &AppState, token: &str) -> Result<SubscribeOutcome, AppError> {
    let Some(t) = links::parse(token) else {
        return Ok(SubscribeOutcome::LinkInvalid);
    };
    let Some(key) = state.store.subscriber_key(t.id).await? else {
        return Ok(SubscribeOutcome::LinkInvalid);
    };
    let now = clock::now().unix_timestamp();
    match t.check_confirm(state.store.signing_key(), &key, now) {
        Err(LinkProblem::Invalid) => return Ok(SubscribeOutcome::LinkInvalid),
        Err(LinkProblem::Expired) => return Ok(SubscribeOutcome::LinkExpired),
        Ok(()) => {}
    }
    Ok(
        match state.store.confirm_subscriber(t.id, &key, now).await? {
            Some(_) => SubscribeOutcome::Confirmed,
            // It left after the link was sent.
            None => SubscribeOutcome::LinkInvalid,
        },
    )
}

/// Unsubscribes the address an unsubscribe link names (again: fine, it has left).
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<SubscribeOutcome, AppError> {
    let Some(t) = links::parse(token) else {
        return Ok(SubscribeOutcome::LinkInvalid);
    };
    let Some(key) = state.store.subscriber_key(t.id).await? else {
        return Ok(SubscribeOutcome::LinkInvalid);
    };
    if t.check_unsubscribe(state.store.signing_key(), &key)
        .is_err()
    {
        return Ok(SubscribeOutcome::LinkInvalid);
    }
    let now = clock::now().unix_timestamp();
    state.store.unsubscribe(t.id, &key, now).await?;
    Ok(SubscribeOutcome::Unsubscribed)
}
