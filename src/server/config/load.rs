//! Reading the file and the environment, and the errors that stop the server at start.

use super::Config;
use std::path::{Path, PathBuf};

/// The configuration file the server reads unless `--config` or `TIMELINES_CONFIG` names
/// another.
pub const DEFAULT_FILE: &str = "Timelines.toml";

/// The file's name before issue 12: it was not for Leptos, which never read it. Read (with a
/// warning) in place of the default file when only it exists, so that a deployment with its
/// own copy under the old name keeps its settings.
const OLD_FILE: &str = "Leptos.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {source}")]
    Parse {
        path: String,
        source: Box<toml::de::Error>,
    },
    /// `key` is the file's key (`pages.search_page_size`) or the environment variable that
    /// set the value.
    #[error("{key}: {message}")]
    Invalid { key: &'static str, message: String },
}

impl Config {
    /// Reads `path`, applies the environment's overrides and validates the result.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let path = file_to_read(path);
        let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let mut config = Self::parse(&text).map_err(|source| ConfigError::Parse {
            path: path.display().to_string(),
            source: Box::new(source),
        })?;
        config.apply_env(|var| std::env::var(var).ok())?;
        config.validate()?;
        Ok(config)
    }

    /// The file's settings over the defaults (no environment, not validated).
    pub fn parse(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}

/// `path`, or the old file in place of a missing default one.
fn file_to_read(path: &Path) -> PathBuf {
    let old = path.with_file_name(OLD_FILE);
    if path.file_name() == Some(DEFAULT_FILE.as_ref()) && !path.exists() && old.exists() {
        tracing::warn!(
            "{} not found; reading {} (its old name) instead: rename it to {DEFAULT_FILE}",
            path.display(),
            old.display()
        );
        return old;
    }
    path.to_path_buf()
}
