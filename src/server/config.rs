//! Runtime configuration: `Leptos.toml`, then the environment. Invalid values stop the server
//! at start with a message that names the key (or the environment variable) and the value.
//!
//! Each setting is described once, in the table in `config/settings.rs`: its key, type,
//! default, environment variables and, for numbers, the allowed range. The `config_table!`
//! macro below turns that table into the structs, their defaults, the environment overrides and
//! the range checks; `validate.rs` holds the checks a range cannot express, `load.rs` reads the
//! file.
//!
//! Precedence, highest first:
//!
//! 1. the setting's own environment variable (`TIMELINES_*`, or `LEPTOS_SITE_ROOT`,
//!    `LEPTOS_SITE_PKG_DIR`, `LEPTOS_OUTPUT_NAME`, `LEPTOS_RELOAD_PORT` where cargo-leptos
//!    owns the name);
//! 2. a fallback variable that cargo-leptos sets when it runs the server (`LEPTOS_SITE_ADDR`
//!    for `server.address`, below `TIMELINES_ADDRESS`);
//! 3. the file (`--config`, `TIMELINES_CONFIG`, default `Leptos.toml`);
//! 4. the default in the table, which is also what the shipped `Leptos.toml` says.
//!
//! cargo-leptos does not read `Leptos.toml`: its build settings live in `Cargo.toml`
//! `[package.metadata.leptos]`, and a unit test checks that the two agree. The file keeps its
//! name because the project's design card fixes `Leptos.toml` at the top level (issue 12 asked
//! whether to rename it; the card decides).

/// The one description of every setting. Each entry reads
///
/// ```text
/// /// doc
/// field: Type = default, env "NAME" | "FALLBACK", range LOW..=HIGH;
/// ```
///
/// and becomes a documented field of the section's struct with its serde default, an
/// environment override (the first variable that is set wins) and, with `range`, a bound
/// checked by `Config::validate`. It also lists every setting in [`SETTINGS`].
macro_rules! config_table {
    ($(
        $(#[doc = $section_doc:literal])*
        [$section:ident] $Section:ident {
            $(
                $(#[doc = $doc:literal])*
                $field:ident: $ty:ty = $default:expr, env $($env:literal)|+ $(, range $range:expr)?;
            )*
        }
    )*) => {
        /// The whole configuration, one struct per `[section]` of the file. Every key may be
        /// left out of the file; it then takes its default.
        #[derive(Debug, Clone, PartialEq, Default, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct Config {
            $( $(#[doc = $section_doc])* pub $section: $Section, )*
        }

        $(
            $(#[doc = $section_doc])*
            #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
            #[serde(default, deny_unknown_fields)]
            pub struct $Section {
                $( $(#[doc = $doc])* pub $field: $ty, )*
            }

            impl Default for $Section {
                fn default() -> Self {
                    Self { $( $field: $crate::server::config::Value::from_default($default), )* }
                }
            }
        )*

        /// Every setting's key in the file and its environment variables, highest first.
        pub const SETTINGS: &[(&str, &[&str])] = &[
            $( $( (concat!(stringify!($section), ".", stringify!($field)), &[$($env),+]), )* )*
        ];

        impl Config {
            /// Applies overrides from `get` (the environment in production, a map in tests):
            /// for each setting, the first of its variables that is set.
            pub fn apply_env(
                &mut self,
                get: impl Fn(&str) -> Option<String>,
            ) -> Result<(), $crate::server::config::ConfigError> {
                $( $(
                    if let Some((var, text)) = [$($env),+]
                        .into_iter()
                        .find_map(|var| get(var).map(|text| (var, text)))
                    {
                        self.$section.$field = $crate::server::config::Value::parse(&text)
                            .map_err(|message| $crate::server::config::ConfigError::Invalid {
                                key: var,
                                message: format!(
                                    "{message} (it sets {}.{})",
                                    stringify!($section),
                                    stringify!($field)
                                ),
                            })?;
                    }
                )* )*
                Ok(())
            }

            /// The `range` bounds of the table.
            pub(super) fn check_ranges(&self) -> Result<(), $crate::server::config::ConfigError> {
                $( $( $(
                    $crate::server::config::validate::in_range(
                        concat!(stringify!($section), ".", stringify!($field)),
                        self.$section.$field,
                        $range,
                    )?;
                )? )* )*
                Ok(())
            }
        }
    };
}

mod load;
mod settings;
#[cfg(test)]
mod tests;
mod validate;

pub use load::{ConfigError, DEFAULT_FILE};
pub use settings::*;
pub use validate::redacted;

/// The types a setting can have: how its default is written in the table and how an
/// environment variable's text is read.
pub trait Value: Sized {
    type Default;
    fn from_default(default: Self::Default) -> Self;
    fn parse(text: &str) -> Result<Self, String>;
}

impl Value for String {
    type Default = &'static str;
    fn from_default(default: &'static str) -> Self {
        default.into()
    }
    fn parse(text: &str) -> Result<Self, String> {
        Ok(text.into())
    }
}

impl Value for u32 {
    type Default = u32;
    fn from_default(default: u32) -> Self {
        default
    }
    fn parse(text: &str) -> Result<Self, String> {
        text.trim()
            .parse()
            .map_err(|_| format!("expected a whole number, got {text:?}"))
    }
}

impl Value for bool {
    type Default = bool;
    fn from_default(default: bool) -> Self {
        default
    }
    fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "1" | "true" | "yes" => Ok(true),
            "0" | "false" | "no" => Ok(false),
            _ => Err(format!("expected true or false, got {text:?}")),
        }
    }
}
