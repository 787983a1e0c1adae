#![cfg(feature = "ssr")]
//! A rolling restart behind nginx loses no request: two `timelines` binaries on one database
//! behind nginx configured by deploy/nginx/timelines.conf (the file the README gives operators,
//! its addresses replaced as make bench does), readers' requests streaming through it, and
//! each server in turn sent SIGTERM, waited for, and started again on its address, as the
//! README's "Restarts and upgrades" says. Every request is answered 200.
//!
//! nginx comes from Debian (`make test` installs it when missing).

#[allow(dead_code)] // each test file uses its own part of the harness
mod common;

use common::process::{answers, free_port, timelines, Running};
use common::raw_http::exchange;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use timelines::server::config::Config;
use timelines::server::AppState;
use tokio::net::TcpStream;

/// `fail_timeout` in deploy/nginx/timelines.conf.
const NGINX_FAIL_TIMEOUT: Duration = Duration::from_secs(5);

fn nginx() -> PathBuf {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("nginx is not installed: run the tests with `make test`, which installs it")
}

/// SIGTERM, then waits for the server to finish what it has and exit.
fn stop(server: &mut Running) {
    let sent = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = server.0.wait().unwrap();
    assert!(status.success(), "a stopped server exits cleanly: {status}");
}

/// nginx in front of `apps` on `port`, with the shipped configuration.
fn proxy(prefix: &Path, port: u16, apps: &[SocketAddr]) -> Running {
    std::fs::create_dir_all(prefix.join("tmp")).unwrap();
    let shipped = include_str!("../deploy/nginx/timelines.conf");
    let mut upstreams_written = false;
    let mut conf = String::new();
    for line in shipped.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("server 127.0.0.1:300") {
            if !upstreams_written {
                for app in apps {
                    conf += &format!("    server {app} max_fails=2 fail_timeout=5s;\n");
                }
                upstreams_written = true;
            }
            continue;
        }
        if trimmed == "listen 80;" {
            conf += &format!("    listen 127.0.0.1:{port};\n");
            continue;
        }
        conf += line;
        conf += "\n";
    }
    assert!(upstreams_written, "the shipped file's upstream lines moved");
    assert!(
        shipped.contains("fail_timeout=5s"),
        "NGINX_FAIL_TIMEOUT is the file's"
    );
    assert!(
        conf.contains(&format!("listen 127.0.0.1:{port};")),
        "no listen 80 line"
    );
    std::fs::write(prefix.join("timelines.conf"), conf).unwrap();
    let p = prefix.display();
    std::fs::write(
        prefix.join("nginx.conf"),
        format!(
            "worker_processes 1;\npid {p}/nginx.pid;\nerror_log {p}/error.log warn;\n\
             events {{ worker_connections 1024; }}\nhttp {{\n    access_log off;\n\
             client_body_temp_path {p}/tmp/body;\n    proxy_temp_path {p}/tmp/proxy;\n\
             fastcgi_temp_path {p}/tmp/fastcgi;\n    uwsgi_temp_path {p}/tmp/uwsgi;\n\
             scgi_temp_path {p}/tmp/scgi;\n    include {p}/timelines.conf;\n}}\n"
        ),
    )
    .unwrap();
    // Workers may run as another user when started by root.
    Command::new("chmod")
        .args(["-R", "a+rwX", &p.to_string()])
        .status()
        .unwrap();
    let child = Command::new(nginx())
        .args(["-p", &p.to_string(), "-c", &format!("{p}/nginx.conf")])
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nginx starts");
    Running(child)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rolling_restart_behind_nginx_loses_no_request() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::parse(include_str!("../Leptos.toml")).unwrap();
    config.server.database_url = common::database_url(dir.path()).await;
    config.site.public_url = "http://news.example".into();
    config.server.trust_forwarded_for = true;
    config.media.dir = format!("{}/media", dir.path().display());
    // The demo newsroom, loaded before the servers start (so they draw no pictures).
    let state = AppState::open_for_command(config.clone()).await.unwrap();
    state.store.settle().await;
    state.store.pool().close().await;
    drop(state);

    let apps: Vec<SocketAddr> = (0..2)
        .map(|_| format!("127.0.0.1:{}", free_port()).parse().unwrap())
        .collect();
    let mut servers: Vec<Running> = apps
        .iter()
        .map(|a| timelines(&config, *a, dir.path()))
        .collect();
    for a in &apps {
        answers(*a, "/readyz").await;
    }
    let proxy_port = free_port();
    let proxy_addr: SocketAddr = format!("127.0.0.1:{proxy_port}").parse().unwrap();
    let prefix = dir.path().join("nginx");
    let nginx = proxy(&prefix, proxy_port, &apps);
    answers(proxy_addr, "/healthz").await;

    // Readers: four at once, each on a kept-alive connection (a new one when nginx closes it),
    // through the pages a reader reads; every answer noted.
    let stop_readers = Arc::new(AtomicBool::new(false));
    let answers_seen = Arc::new(Mutex::new(Vec::<(String, u16)>::new()));
    let readers: Vec<_> = (0..4)
        .map(|n| {
            let (stop_readers, answers_seen) = (stop_readers.clone(), answers_seen.clone());
            tokio::spawn(async move {
                let paths = ["/", "/category/world", "/search?q=harbour", "/feed"];
                let mut conn = TcpStream::connect(proxy_addr).await.unwrap();
                let mut i = n;
                while !stop_readers.load(Ordering::Acquire) {
                    let path = paths[i % paths.len()];
                    i += 1;
                    let req = format!("GET {path} HTTP/1.1\r\nHost: news.example\r\n\r\n");
                    let res = exchange(&mut conn, &req).await;
                    let closing = res
                        .header("connection")
                        .is_some_and(|c| c.eq_ignore_ascii_case("close"));
                    answers_seen
                        .lock()
                        .unwrap()
                        .push((path.to_string(), res.status()));
                    if closing {
                        conn = TcpStream::connect(proxy_addr).await.unwrap();
                    }
                }
            })
        })
        .collect();
    let seen = || answers_seen.lock().unwrap().len();
    let wait_for_more = |n: usize| async move {
        let start = Instant::now();
        let target = seen() + n;
        while seen() < target {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the readers stalled"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    wait_for_more(50).await;

    // One server at a time: SIGTERM, wait for it, start the new one, wait until it is ready,
    // then for nginx to send it requests again (the file's fail_timeout: nginx left it out
    // when it refused connections while down), as the README says.
    for (i, addr) in apps.iter().enumerate() {
        stop(&mut servers[i]);
        wait_for_more(30).await;
        servers[i] = timelines(&config, *addr, dir.path());
        answers(*addr, "/readyz").await;
        tokio::time::sleep(NGINX_FAIL_TIMEOUT + Duration::from_secs(1)).await;
        wait_for_more(50).await;
    }
    stop_readers.store(true, Ordering::Release);
    for r in readers {
        r.await.unwrap();
    }

    let seen = answers_seen.lock().unwrap().clone();
    let failed: Vec<(usize, &(String, u16))> = seen
        .iter()
        .enumerate()
        .filter(|(_, (_, s))| *s != 200)
        .collect();
    let log = std::fs::read_to_string(prefix.join("error.log")).unwrap_or_default();
    let mut log: String = log.lines().take(6).collect::<Vec<_>>().join("\n");
    for a in &apps {
        let server = std::fs::read_to_string(dir.path().join(format!("server-{}.log", a.port())));
        let server = server.unwrap_or_default();
        let lines: Vec<&str> = server.lines().collect();
        log += &format!(
            "\n--- server {a}:\n{}",
            lines[lines.len().saturating_sub(15)..].join("\n")
        );
    }
    assert!(
        failed.is_empty(),
        "{} of {} failed, the first: {:?}\nnginx's log:\n{log}",
        failed.len(),
        seen.len(),
        &failed[..failed.len().min(5)]
    );
    assert!(seen.len() >= 210, "{}", seen.len());

    drop(nginx);
    for s in &mut servers {
        stop(s);
    }
}
