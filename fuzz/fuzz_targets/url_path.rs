//! Any address a client may ask for, through the whole router (redirects, the WordPress
//! address table, category paths, dates in article addresses, pagination, search and feed
//! parameters) of a site holding the demo newsroom. Every answer must be a deliberate one: no
//! panic, no 500 or 503 (bad input is a 4xx with a message), and a redirect never leaves the
//! site.
#![no_main]

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, Uri};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use timelines::server::config::Config;
use timelines::server::{http::router, AppState};
use tower::ServiceExt;

struct Site {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    _dir: std::path::PathBuf,
}

fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        forget_earlier_sites();
        let dir = std::env::temp_dir().join(format!("timelines-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder for the fuzzed site");
        let mut config = Config::parse(include_str!("../../Leptos.toml")).expect("Leptos.toml");
        config.server.database_url = format!("sqlite://{}/site.db", dir.display());
        config.site.public_url = "https://news.example".into();
        config.media.dir = format!("{}/media", dir.display());
        config.mail.dir = format!("{}/mail", dir.display());
        config.validate().expect("valid config");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a runtime");
        let state = runtime
            .block_on(AppState::open(config))
            .expect("the store opens and loads the demo");
        let router = runtime.block_on(async { router::router(state) });
        Site {
            runtime,
            router,
            _dir: dir,
        }
    })
}

/// libFuzzer ends the process with exit(), so no destructor removes a run's site: the folders
/// of runs whose process is gone are removed at the start of the next.
fn forget_earlier_sites() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("timelines-fuzz-") else {
            continue;
        };
        if pid.parse::<u32>().is_ok() && !std::path::Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The input as a request target: bytes a URI may hold kept as they are, any other
/// percent-encoded, so every input is an address and the server's own decoding is what runs.
fn target(data: &[u8]) -> String {
    let mut s = String::from("/");
    for &b in data {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?%".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fuzz_target!(|data: &[u8]| {
    let (method, rest) = match data.split_first() {
        Some((m, rest)) if m % 4 == 0 => (Method::HEAD, rest),
        Some((_, rest)) => (Method::GET, rest),
        None => (Method::GET, data),
    };
    let Ok(uri) = target(rest).parse::<Uri>() else {
        return;
    };
    let site = site();
    let req = Request::builder()
        .method(method)
        .uri(uri.clone())
        .body(Body::empty())
        .expect("a request");
    let res = site
        .runtime
        .block_on(site.router.clone().oneshot(req))
        .expect("the router answers");
    let status = res.status();
    assert!(
        status != StatusCode::INTERNAL_SERVER_ERROR && status != StatusCode::SERVICE_UNAVAILABLE,
        "{uri} answered {status}"
    );
    if status.is_redirection() {
        let location = res
            .headers()
            .get("location")
            .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned())
            .unwrap_or_default();
        // As a browser reads it: tabs and newlines dropped anywhere, a backslash as a slash.
        let to: String = location
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .map(|c| if c == '\\' { '/' } else { c })
            .collect();
        assert!(
            to.starts_with('/') && !to.starts_with("//")
                || to.starts_with("https://news.example/"),
            "{uri} redirects off the site: {location:?}"
        );
    }
});
