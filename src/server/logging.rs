//! The server's log: one line an event, as text (the default) or as JSON objects, one a line
//! (`TIMELINES_LOG_FORMAT=json`, for log collectors), filtered by `RUST_LOG` (default
//! `info,sqlx=warn`). The request log's lines carry method, path, status, latency, cache outcome
//! and request id (`http/request_log.rs`); nothing logged holds a password, a token, a cookie
//! or a query string (tests/request_log.rs).

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

impl Format {
    /// `TIMELINES_LOG_FORMAT`: `json`, or text (anything else, or unset).
    pub fn from_env() -> Self {
        match std::env::var("TIMELINES_LOG_FORMAT").as_deref() {
            Ok(v) if v.trim().eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Text,
        }
    }
}

/// The log written to `writer` in `format`, filtered by `filter`.
pub fn subscriber<W>(
    format: Format,
    filter: EnvFilter,
    ansi: bool,
    writer: W,
) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match format {
        Format::Text => Box::new(builder.with_ansi(ansi).finish()),
        Format::Json => Box::new(
            builder
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(false)
                .finish(),
        ),
    }
}

/// The process's log, on standard output (as before: `tracing_subscriber::fmt`'s default),
/// in colour unless `NO_COLOR` is set; what crates write through the `log` crate (rustls,
/// parts of sqlx) comes through it too.
pub fn install() {
    use tracing_subscriber::util::SubscriberInitExt;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let ansi = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let log = subscriber(Format::from_env(), filter, ansi, std::io::stdout);
    // Only fails when one is installed already (then that one logs).
    let _ = log.try_init();
}
