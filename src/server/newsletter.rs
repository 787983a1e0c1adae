//! The newsletter sign-up: the one write a reader makes. It is not a read model (it changes the
//! store and answers with an outcome, not a page), so it stands apart from `read/`, beside the
//! address rules it applies (`email.rs`) and the per-address limit in front of it
//! (`throttle.rs`). Both the no-JavaScript form (`POST /subscribe`, `router.rs`) and the
//! server function (`POST /api/subscribe`, `api.rs`) call [`subscribe`].

use crate::error::AppError;
use crate::model::SubscribeOutcome;
use crate::server::clock;
use crate::server::store::Store;

/// Adds a newsletter subscriber in canonical form (`email.rs`), or says why not.
pub async fn subscribe(store: &Store, email: &str) -> Result<SubscribeOutcome, AppError> {
    let address = match crate::server::email::canonical(email) {
        Ok(address) => address,
        Err(refusal) => return Ok(refusal.into()),
    };
    let added = store
        .add_subscriber(&address, clock::now().unix_timestamp())
        .await?;
    Ok(if added {
        SubscribeOutcome::Subscribed
    } else {
        SubscribeOutcome::AlreadySubscribed
    })
}
