//! The HTTP side of the server: the accept loop and its connection limits, the router, and the
//! layers every request passes through, from the outside in (see `router.rs` for the order):
//! catch-panic, body timeout, compression, canonical URLs, the page cache, entity tags, and
//! the wire policy (`Cache-Control`, conditional requests, security headers). Besides: the HTML
//! shell, and the frame's rendered HTML kept between renders (`frame.rs`).

pub mod assets;
pub mod canonical;
pub mod comment_post;
pub mod conditional;
pub mod contact_post;
pub mod error_response;
pub mod frame;
pub mod health;
pub mod media_files;
pub mod metrics_endpoint;
pub mod moved;
pub mod newsletter_links;
pub mod page_cache;
pub mod page_route;
pub mod panic;
pub mod policy;
pub mod refused_form;
pub mod request_body;
pub mod request_id;
pub mod request_log;
pub mod request_metrics;
pub mod respond;
pub mod router;
pub mod serve;
pub mod server_fn_status;
pub mod shell;
pub mod standalone_html;
pub mod static_files;
pub mod throttle;

pub use policy::{Policy, StaticFile, NO_STORE};
pub use respond::{provide_request_nonce, respond, CspNonce};
pub use router::{router, router_with};
