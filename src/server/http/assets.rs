//! The names of the built JS, wasm and CSS files, hashed by cargo-leptos (`hash-files = true`).

use leptos::config::LeptosOptions;
use std::collections::HashMap;
use std::path::PathBuf;

/// The content hashes cargo-leptos wrote for this build (`hash-files = true`): `js`, `wasm` and
/// `css` to the hash in their file names. Leptos reads the same file, next to the server
/// binary, for the script and wasm URLs.
pub fn asset_hashes(hash_file: &str) -> Option<HashMap<String, String>> {
    let path = std::env::current_exe().ok()?.parent()?.join(hash_file);
    let text = std::fs::read_to_string(path).ok()?;
    let hashes: HashMap<String, String> = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    (!hashes.is_empty()).then_some(hashes)
}

/// Whether the built site uses hashed file names: the hash file exists and the files it names
/// are in the site root (a stale hash file next to an unhashed build is ignored).
pub fn hashed_build(site_root: &str, pkg_dir: &str, output_name: &str, hash_file: &str) -> bool {
    let Some(hashes) = asset_hashes(hash_file) else {
        return false;
    };
    ["js", "wasm", "css"].iter().all(|ext| {
        hashes.get(*ext).is_some_and(|h| {
            PathBuf::from(site_root)
                .join(pkg_dir)
                .join(format!("{output_name}.{h}.{ext}"))
                .is_file()
        })
    })
}

/// The URL of the built `css`, `js` or `wasm` file, hashed when the build is.
pub fn asset_href(options: &LeptosOptions, ext: &str) -> String {
    let (pkg, name) = (&options.site_pkg_dir, &options.output_name);
    match options
        .hash_files
        .then(|| asset_hashes(&options.hash_file))
        .flatten()
        .and_then(|h| h.get(ext).cloned())
    {
        Some(hash) => format!("/{pkg}/{name}.{hash}.{ext}"),
        None => format!("/{pkg}/{name}.{ext}"),
    }
}
