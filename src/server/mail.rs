//! E-mail: messages are composed when something asks for one (`compose.rs`), queued whole in the
//! store's outbox in the same transaction as what asked (`store/outbox.rs`), and sent by a
//! worker in the background with retries (`worker.rs`) through SMTP, or written to files when
//! no SMTP server is configured (`transport.rs`). The links a message carries (confirm,
//! unsubscribe) are signed with the site's key and name the subscriber and its address
//! (`links.rs`). A newsletter issue, and confirmations queued in bulk, are queued as one row per
//! subscriber without a message, and written as they are sent (`for_subscriber.rs`,
//! `digest.rs`).

pub mod compose;
pub mod digest;
pub mod for_subscriber;
pub mod links;
pub mod notices;
pub mod transport;
pub mod worker;

pub use transport::Mailer;
