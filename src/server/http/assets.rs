//! The built stylesheet, script and wasm bundle: their URLs, worked out once at start.
//!
//! With `hash-files = true` (Cargo.toml), cargo-leptos names them `timelines.<hash>.css` and so
//! on, so they can be cached for a year, and lists the hashes in `hash.txt` next to the server
//! binary. The file is read here once, when the state is built; every page then renders the
//! names from memory (issue 12: it was read from disk three times per render).
//!
//! The newsroom's bundle (`make newsroom-bundle`: the islands of the newsroom, which readers
//! never download) is not cargo-leptos's: its script and wasm are `newsroom.<hash>.js` and
//! `newsroom.<hash>.wasm` under `/newsroom-pkg/` (copied from `public/`), found here once too.

use std::collections::HashMap;
use std::path::Path;

/// The hash file cargo-leptos writes next to the server binary.
pub const HASH_FILE: &str = "hash.txt";

/// The URLs of the built files, hashed when the build is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuiltAssets {
    /// Whether the names carry content hashes (also `LeptosOptions::hash_files`).
    pub hashed: bool,
    pub css: String,
    pub js: String,
    pub wasm: String,
    /// The newsroom's bundle, when it has been built.
    pub newsroom: Option<Bundle>,
}

/// A wasm bundle's script and module URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    pub js: String,
    pub wasm: String,
}

/// The name the newsroom's bundle files start with.
pub const NEWSROOM_BUNDLE: &str = "newsroom";
/// The site directory that holds them.
pub const NEWSROOM_PKG: &str = "newsroom-pkg";

impl BuiltAssets {
    /// The names of this build: hashed when the hash file next to the running binary exists
    /// and the files it names are in the site root (a stale hash file next to an unhashed
    /// build is ignored), else the plain `/{pkg}/{output_name}.{ext}`.
    pub fn find(site_root: &str, pkg_dir: &str, output_name: &str) -> Self {
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(HASH_FILE)))
            .and_then(|path| std::fs::read_to_string(path).ok())
            .and_then(|text| parse_hashes(&text))
            .filter(|h| all_built(h, &Path::new(site_root).join(pkg_dir), output_name));
        Self {
            newsroom: newsroom_bundle(&Path::new(site_root).join(NEWSROOM_PKG), NEWSROOM_PKG),
            ..Self::named(pkg_dir, output_name, hashes.as_ref())
        }
    }

    /// The URLs under `/{pkg_dir}/`, with the hashes when there are any.
    pub fn named(
        pkg_dir: &str,
        output_name: &str,
        hashes: Option<&HashMap<String, String>>,
    ) -> Self {
        let href = |ext: &str| match hashes.and_then(|h| h.get(ext)) {
            Some(hash) => format!("/{pkg_dir}/{output_name}.{hash}.{ext}"),
            None => format!("/{pkg_dir}/{output_name}.{ext}"),
        };
        Self {
            hashed: hashes.is_some(),
            css: href("css"),
            js: href("js"),
            wasm: href("wasm"),
            newsroom: None,
        }
    }
}

/// The newest `newsroom.<hash>.js` in `dir` (at `/{url_dir}/`) whose `.wasm` is there too.
fn newsroom_bundle(dir: &Path, url_dir: &str) -> Option<Bundle> {
    let newest = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let hash = name
                .strip_prefix(NEWSROOM_BUNDLE)?
                .strip_prefix('.')?
                .strip_suffix(".js")?
                .to_string();
            let modified = e.metadata().ok()?.modified().ok()?;
            dir.join(format!("{NEWSROOM_BUNDLE}.{hash}.wasm"))
                .is_file()
                .then_some((modified, hash))
        })
        .max()?;
    let href = |ext: &str| format!("/{url_dir}/{NEWSROOM_BUNDLE}.{}.{ext}", newest.1);
    Some(Bundle {
        js: href("js"),
        wasm: href("wasm"),
    })
}

/// The hash file's `ext: hash` lines (`js`, `wasm` and `css`); None when it names none.
fn parse_hashes(text: &str) -> Option<HashMap<String, String>> {
    let hashes: HashMap<String, String> = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    (!hashes.is_empty()).then_some(hashes)
}

/// Whether the JS, wasm and CSS the hashes name are all in the site's package directory.
fn all_built(hashes: &HashMap<String, String>, pkg: &Path, output_name: &str) -> bool {
    ["js", "wasm", "css"].iter().all(|ext| {
        hashes
            .get(*ext)
            .is_some_and(|h| pkg.join(format!("{output_name}.{h}.{ext}")).is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let hashes = parse_hashes("js: abc123\nwasm: def456\ncss: 0aZ-_9\n").unwrap();
        let assets = BuiltAssets::named("pkg", "timelines", Some(&hashes));
        assert!(assets.hashed);
        assert_eq!(assets.css, "/pkg/timelines.0aZ-_9.css");
        assert_eq!(assets.js, "/pkg/timelines.abc123.js");
        assert_eq!(assets.wasm, "/pkg/timelines.def456.wasm");
    }

    #[test]
    fn an_unhashed_build_keeps_plain_names() {
        assert_eq!(parse_hashes("\n"), None);
        let assets = BuiltAssets::named("pkg", "timelines", None);
        assert!(!assets.hashed);
        assert_eq!(assets.js, "/pkg/timelines.js");
    }

    #[test]
    fn the_newest_whole_newsroom_bundle_is_found() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(newsroom_bundle(dir.path(), "pkg"), None);
        std::fs::write(dir.path().join("newsroom.abc123.js"), "").unwrap();
        assert_eq!(
            newsroom_bundle(dir.path(), "pkg"),
            None,
            "no wasm beside it"
        );
        std::fs::write(dir.path().join("newsroom.abc123.wasm"), "").unwrap();
        std::fs::write(dir.path().join("newsroom.abc123.js.br"), "").unwrap();
        assert_eq!(
            newsroom_bundle(dir.path(), "pkg"),
            Some(Bundle {
                js: "/pkg/newsroom.abc123.js".into(),
                wasm: "/pkg/newsroom.abc123.wasm".into(),
            })
        );
    }

    #[test]
    fn a_hash_file_naming_missing_files_is_ignored() {
        let hashes = parse_hashes("js: abc123\nwasm: def456\ncss: 0aZ\n").unwrap();
        let empty = std::env::temp_dir().join("timelines-no-such-site/pkg");
        assert!(!all_built(&hashes, &empty, "timelines"));
    }
}
