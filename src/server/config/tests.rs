//! The configuration's unit tests: the shipped file, the environment, and the errors.

use super::*;
use std::collections::HashMap;

fn shipped() -> Config {
    Config::parse(include_str!("../../../Leptos.toml")).expect("Leptos.toml parses")
}

#[test]
fn shipped_config_is_valid() {
    let mut c = shipped();
    c.validate().unwrap();
    assert_eq!(c.site.name, "West Timelines");
}

#[test]
fn cargo_leptos_settings_agree_with_timelines_toml() {
    let cargo: toml::Table = toml::from_str(include_str!("../../../Cargo.toml")).unwrap();
    let meta = &cargo["package"]["metadata"]["leptos"];
    let c = shipped();
    assert_eq!(meta["site-addr"].as_str(), Some(c.server.address.as_str()));
    assert_eq!(
        meta["site-root"].as_str(),
        Some(c.server.site_root.as_str())
    );
    assert_eq!(
        meta["site-pkg-dir"].as_str(),
        Some(c.server.site_pkg_dir.as_str())
    );
    assert_eq!(
        meta["output-name"].as_str(),
        Some(c.server.output_name.as_str())
    );
    assert_eq!(
        meta["reload-port"].as_integer(),
        Some(i64::from(c.server.reload_port))
    );
    assert!(c.site.public_url.ends_with(&c.server.address));
}

#[test]
fn environment_overrides_the_file() {
    let env: HashMap<&str, &str> = HashMap::from([
        ("TIMELINES_SITE_NAME", "East Timelines"),
        ("TIMELINES_ADDRESS", "127.0.0.1:4000"),
        ("TIMELINES_ARCHIVE_PAGE_SIZE", "20"),
        ("TIMELINES_LOAD_DEMO", "false"),
    ]);
    let mut c = shipped();
    c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
    assert_eq!(c.site.name, "East Timelines");
    assert_eq!(c.server.address, "127.0.0.1:4000");
    assert_eq!(c.pages.archive_page_size, 20);
    assert!(!c.server.load_demo);
}

#[test]
fn forwarded_for_is_untrusted_and_signups_limited_unless_configured() {
    let mut c = shipped();
    c.validate().unwrap();
    assert!(!c.server.trust_forwarded_for);
    assert_eq!(c.server.signups_per_minute, 5);
    let env: HashMap<&str, &str> = HashMap::from([
        ("TIMELINES_TRUST_FORWARDED_FOR", "true"),
        ("TIMELINES_SIGNUPS_PER_MINUTE", "30"),
    ]);
    c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
    c.validate().unwrap();
    assert!(c.server.trust_forwarded_for);
    assert_eq!(c.server.signups_per_minute, 30);
    let err = c
        .apply_env(|k| (k == "TIMELINES_TRUST_FORWARDED_FOR").then(|| "maybe".to_string()))
        .unwrap_err();
    assert!(err.to_string().contains("TIMELINES_TRUST_FORWARDED_FOR"));
    c.server.signups_per_minute = 0;
    assert!(c
        .validate()
        .unwrap_err()
        .to_string()
        .contains("signups_per_minute"));
}

#[test]
fn bad_values_are_named_errors() {
    let mut c = shipped();
    let err = c.apply_env(|k| (k == "TIMELINES_SEARCH_PAGE_SIZE").then(|| "ten".to_string()));
    assert!(err
        .unwrap_err()
        .to_string()
        .contains("TIMELINES_SEARCH_PAGE_SIZE"));
    let mut c = shipped();
    c.site.public_url = "example.com".into();
    assert!(c.validate().unwrap_err().to_string().contains("public_url"));
    let mut c = shipped();
    c.pages.archive_page_size = 0;
    assert!(c.validate().is_err());
    let mut c = shipped();
    c.http.html_cache_control = "max-age=60\nX-Evil: 1".into();
    assert!(c
        .validate()
        .unwrap_err()
        .to_string()
        .contains("html_cache_control"));
    let mut c = shipped();
    c.site.time_zone = "Europe/Londres".into();
    let err = c.validate().unwrap_err().to_string();
    assert!(err.contains("site.time_zone"), "{err}");
    assert!(err.contains("Europe/Londres"), "{err}");
    let mut c = shipped();
    c.apply_env(|k| (k == "TIMELINES_TIME_ZONE").then(|| "Asia/Kolkata".to_string()))
        .unwrap();
    c.validate().unwrap();
    assert_eq!(c.site.time_zone, "Asia/Kolkata");
}

#[test]
fn the_read_url_is_a_postgres_database_beside_a_postgres_primary() {
    let mut c = shipped();
    c.server.database_read_url = "postgres://reader:secret@replica/news".into();
    let err = c.validate().unwrap_err().to_string();
    assert!(err.contains("server.database_read_url"), "{err}");
    assert!(!err.contains("secret"), "the password is shown: {err}");
    let mut c = shipped();
    c.server.database_url = "postgres://app@primary/news".into();
    c.server.database_read_url = "sqlite://data/replica.db".into();
    assert!(c.validate().is_err());
    let mut c = shipped();
    c.apply_env(|k| match k {
        "TIMELINES_DATABASE_URL" => Some("postgres://app@primary/news".into()),
        "TIMELINES_DATABASE_READ_URL" => Some("postgres://app@replica/news".into()),
        _ => None,
    })
    .unwrap();
    c.validate().unwrap();
    assert_eq!(c.server.database_read_url, "postgres://app@replica/news");
}

#[test]
fn connection_limits_have_defaults_overrides_and_bounds() {
    let mut c = shipped();
    c.validate().unwrap();
    assert_eq!(c.server.header_read_timeout_seconds, 10);
    assert_eq!(c.server.keep_alive_timeout_seconds, 60);
    assert_eq!(c.server.request_body_timeout_seconds, 30);
    assert_eq!(c.server.max_connections, 10_000);
    assert_eq!(c.server.max_header_bytes, 32 * 1024);
    let env: HashMap<&str, &str> = HashMap::from([
        ("TIMELINES_HEADER_READ_TIMEOUT_SECONDS", "5"),
        ("TIMELINES_KEEP_ALIVE_TIMEOUT_SECONDS", "75"),
        ("TIMELINES_REQUEST_BODY_TIMEOUT_SECONDS", "20"),
        ("TIMELINES_MAX_CONNECTIONS", "500"),
        ("TIMELINES_MAX_HEADER_BYTES", "16384"),
    ]);
    c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
    c.validate().unwrap();
    assert_eq!(
        (
            c.server.header_read_timeout_seconds,
            c.server.keep_alive_timeout_seconds,
            c.server.request_body_timeout_seconds,
            c.server.max_connections,
            c.server.max_header_bytes
        ),
        (5, 75, 20, 500, 16_384)
    );
    for (edit, key) in [
        (
            (|c: &mut Config| c.server.header_read_timeout_seconds = 0) as fn(&mut Config),
            "server.header_read_timeout_seconds",
        ),
        (
            |c| c.server.keep_alive_timeout_seconds = 0,
            "server.keep_alive_timeout_seconds",
        ),
        (
            |c| c.server.request_body_timeout_seconds = 0,
            "server.request_body_timeout_seconds",
        ),
        (|c| c.server.max_connections = 0, "server.max_connections"),
        (
            |c| c.server.max_header_bytes = 1_000,
            "server.max_header_bytes",
        ),
    ] {
        let mut c = shipped();
        edit(&mut c);
        assert!(c.validate().unwrap_err().to_string().contains(key), "{key}");
    }
}

#[test]
fn the_metrics_address_is_off_by_default_and_never_the_sites_own() {
    let mut c = shipped();
    assert_eq!(c.server.metrics_address, "");
    c.validate().unwrap();
    c.apply_env(|k| (k == "TIMELINES_METRICS_ADDRESS").then(|| "127.0.0.1:9464".to_string()))
        .unwrap();
    c.validate().unwrap();
    assert_eq!(c.server.metrics_address, "127.0.0.1:9464");
    for (bad, says) in [
        ("localhost", "must be IP:port or empty"),
        ("127.0.0.1:3000", "must not be the site's own address"),
        ("0.0.0.0:3000", "must not be the site's own address"),
    ] {
        c.server.metrics_address = bad.to_string();
        let e = c.validate().unwrap_err().to_string();
        assert!(
            e.contains("server.metrics_address") && e.contains(says),
            "{e}"
        );
    }
}

#[test]
fn html_cache_control_defaults_short_and_can_be_overridden() {
    let mut c = shipped();
    c.validate().unwrap();
    assert_eq!(
        c.http.html_cache_control,
        "public, max-age=60, stale-while-revalidate=600"
    );
    c.apply_env(|k| (k == "TIMELINES_HTML_CACHE_CONTROL").then(|| "no-cache".to_string()))
        .unwrap();
    c.validate().unwrap();
    assert_eq!(c.http.html_cache_control, "no-cache");
}

#[test]
fn shipped_file_holds_the_defaults() {
    assert_eq!(shipped(), Config::default());
}

/// Each key of the table is in `Leptos.toml` with all of its variables in the comment
/// beside it, and each variable is in the README.
#[test]
fn every_setting_is_documented() {
    let file = include_str!("../../../Leptos.toml");
    let readme = include_str!("../../../README.md");
    for (key, vars) in SETTINGS {
        let (section, field) = key.split_once('.').unwrap();
        let body = file
            .split(&format!("[{section}]\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("Leptos.toml has no [{section}]"));
        let line = body
            .lines()
            .take_while(|l| !l.starts_with('['))
            .find(|l| l.starts_with(&format!("{field} =")))
            .unwrap_or_else(|| panic!("Leptos.toml has no {key}"));
        let comment = line.rsplit_once('#').map(|(_, c)| c).unwrap_or_default();
        let listed: Vec<&str> = comment.split(',').map(str::trim).collect();
        assert_eq!(listed, *vars, "the comment beside {key} in Leptos.toml");
        for var in *vars {
            assert!(readme.contains(var), "README.md does not mention {var}");
        }
    }
}

#[test]
fn timelines_variables_beat_the_ones_cargo_leptos_sets() {
    let mut c = shipped();
    let env = HashMap::from([
        ("LEPTOS_SITE_ADDR", "127.0.0.1:3200"),
        ("LEPTOS_RELOAD_PORT", "3201"),
    ]);
    c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
    assert_eq!(c.server.address, "127.0.0.1:3200");
    assert_eq!(c.server.reload_port, 3201);
    let env = HashMap::from([
        ("LEPTOS_SITE_ADDR", "127.0.0.1:3200"),
        ("TIMELINES_ADDRESS", "127.0.0.1:3300"),
    ]);
    let mut c = shipped();
    c.apply_env(|k| env.get(k).map(|v| v.to_string())).unwrap();
    assert_eq!(c.server.address, "127.0.0.1:3300");
    let err = shipped()
        .apply_env(|k| (k == "LEPTOS_RELOAD_PORT").then(|| "x".to_string()))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("LEPTOS_RELOAD_PORT") && err.contains("server.reload_port"),
        "{err}"
    );
}

#[test]
fn keys_left_out_of_the_file_take_their_defaults_and_unknown_keys_are_refused() {
    let c = Config::parse("[server]\naddress = \"0.0.0.0:80\"\n").unwrap();
    assert_eq!(c.server.address, "0.0.0.0:80");
    assert_eq!(c.server.signups_per_minute, 5);
    assert_eq!(c.site, Config::default().site);
    let err = Config::parse("[server]\nadress = \"0.0.0.0:80\"\n").unwrap_err();
    assert!(err.to_string().contains("adress"), "{err}");
    let err = Config::parse("[pages]\nlatest_count = \"six\"\n").unwrap_err();
    assert!(err.to_string().contains("latest_count"), "{err}");
}
