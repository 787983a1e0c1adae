//! The real `timelines` binary run as a child process on a port of its own, for the tests that
//! stop, kill and restart it (tests/crash.rs, tests/restart.rs).

use super::raw_http::{next_response, send, Outcome};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use timelines::server::config::Config;
use tokio::net::TcpStream;

/// A child process stopped when dropped (SIGTERM, so nginx's master takes its workers with it;
/// SIGKILL after five seconds), so a failing test leaves none behind (one left running would
/// keep the test run's output open).
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let pid = self.0.id().to_string();
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if !matches!(self.0.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A port nothing listens on now (the system's choice).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The binary serving `config`'s database, media folder and public URL on `addr` (the
/// shipped file with the environment's overrides), mail kept as files in `dir`, its log in
/// `dir/server-PORT.log`.
pub fn timelines(config: &Config, addr: SocketAddr, dir: &Path) -> Running {
    let log = || {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join(format!("server-{}.log", addr.port())))
            .unwrap()
    };
    let child = Command::new(env!("CARGO_BIN_EXE_timelines"))
        .env(
            "TIMELINES_CONFIG",
            concat!(env!("CARGO_MANIFEST_DIR"), "/Leptos.toml"),
        )
        .env("TIMELINES_DATABASE_URL", &config.server.database_url)
        .env("TIMELINES_ADDRESS", addr.to_string())
        .env("TIMELINES_PUBLIC_URL", &config.site.public_url)
        .env(
            "TIMELINES_TRUST_FORWARDED_FOR",
            config.server.trust_forwarded_for.to_string(),
        )
        .env("TIMELINES_MEDIA_DIR", &config.media.dir)
        .env("TIMELINES_MAIL_DIR", dir.join("mail"))
        .env("TIMELINES_SMTP_URL", "")
        .env("RUST_LOG", "warn")
        .env("NO_COLOR", "1")
        .stdout(Stdio::from(log()))
        .stderr(Stdio::from(log()))
        .spawn()
        .expect("the timelines binary starts");
    Running(child)
}

/// Waits (up to a minute) until `path` on `addr` answers 200.
pub async fn answers(addr: SocketAddr, path: &str) {
    let start = Instant::now();
    loop {
        if let Ok(mut s) = TcpStream::connect(addr).await {
            let req = format!("GET {path} HTTP/1.1\r\nHost: news.example\r\n\r\n");
            send(&mut s, req.as_bytes()).await;
            if let Outcome::Response(r) = next_response(&mut s, Duration::from_secs(5)).await {
                if r.status() == 200 {
                    return;
                }
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{addr}{path} never answered"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
