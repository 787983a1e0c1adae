//! Reading the file and the environment, and the errors that stop the server at start.

use super::Config;
use std::path::Path;

/// The configuration file the server reads unless `--config` or `TIMELINES_CONFIG` names
/// another. It keeps the name `Leptos.toml`, which the project's design card fixes at the top
/// level, although neither Leptos nor cargo-leptos reads it (their settings are in Cargo.toml).
pub const DEFAULT_FILE: &str = "Leptos.toml";

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
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
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
