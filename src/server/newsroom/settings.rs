//! `/newsroom/settings` (admins only, `Permission::Administer`): the site settings the
//! configuration file gives (name, tagline, social and "Follow on" links, the ad slot's HTML),
//! changed for readers without touching the file (`site_settings.rs`). A plain form, post /
//! redirect / get; a save counts as a content change, so every reader page shows it at once.
//! Audited: "settings saved", naming the settings changed.

mod form;

use super::failure::unavailable;
use super::page::DoneQuery;
use super::page::{frame, render, see_other, Answer};
use super::session::SignedIn;
use super::{ClientAddress, Permission};
use crate::pages::newsroom::{Section, SettingField, SettingKind, SettingsGroup, SettingsPage};
use crate::server::site_settings::Setting;
use crate::server::{clock, AppState};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use form::{checked, none_box, SettingsForm};
use leptos::prelude::*;

/// The page's groups: a heading and its settings.
const GROUPS: &[(&str, &[Setting])] = &[
    ("The site", &[Setting::Name, Setting::Tagline]),
    (
        "Social profiles (header and footer)",
        &[
            Setting::Facebook,
            Setting::X,
            Setting::Instagram,
            Setting::TikTok,
            Setting::Threads,
        ],
    ),
    (
        "Follow links (under articles)",
        &[Setting::GoogleNews, Setting::Flipboard],
    ),
    ("Advertising", &[Setting::AdHtml]),
];

/// `GET /newsroom/settings`.
pub async fn show(
    State(state): State<AppState>,
    s: SignedIn,
    Query(q): Query<DoneQuery>,
) -> Answer {
    s.require(Permission::Administer)?;
    let notice = match q.done() {
        "saved" => Some("Settings saved."),
        "cleaned" => Some(
            "Settings saved. The ad slot HTML was cleaned: what could run script or restyle the page was removed, as shown below.",
        ),
        _ => None,
    };
    let stored = state.store.site_overrides();
    let mut typed = SettingsForm::new();
    for s in Setting::ALL {
        match stored.get(s.key()) {
            Some(v) if v.is_empty() && s.is_link() => {
                typed.insert(none_box(s), "on".into());
            }
            Some(v) => {
                typed.insert(s.field().into(), v.clone());
            }
            None => {}
        }
    }
    Ok(page(
        &state,
        &s,
        StatusCode::OK,
        &typed,
        notice.map(Into::into),
        vec![],
    ))
}

/// `POST /newsroom/settings`.
pub async fn save(
    State(state): State<AppState>,
    s: SignedIn,
    ClientAddress(address): ClientAddress,
    Form(f): Form<SettingsForm>,
) -> Answer {
    let csrf = f.get("csrf").map(String::as_str).unwrap_or_default();
    s.may_post(csrf, Permission::Administer)?;
    let checked = match checked(&f, &state.config) {
        Ok(c) => c,
        Err(problems) => {
            return Ok(page(
                &state,
                &s,
                StatusCode::BAD_REQUEST,
                &f,
                None,
                problems,
            ))
        }
    };
    let now = clock::now().unix_timestamp();
    let changed = state
        .store
        .save_site_overrides(&checked.overrides, s.staff.id, now)
        .await
        .map_err(unavailable)?;
    if !changed.is_empty() {
        let names: Vec<&str> = Setting::ALL
            .into_iter()
            .filter(|s| changed.iter().any(|k| k == s.key()))
            .map(Setting::label)
            .collect();
        s.audit(&state, "settings saved", &names.join(", "), &address)
            .await;
    }
    let done = if checked.ad_cleaned {
        "cleaned"
    } else {
        "saved"
    };
    see_other(&format!("/newsroom/settings?done={done}"))
}

/// The page with `typed` in its fields (what is stored, or what was sent back with problems).
fn page(
    state: &AppState,
    s: &SignedIn,
    status: StatusCode,
    typed: &SettingsForm,
    notice: Option<String>,
    problems: Vec<(&'static str, String)>,
) -> Response {
    let groups = GROUPS
        .iter()
        .map(|(legend, settings)| SettingsGroup {
            legend,
            fields: settings
                .iter()
                .map(|&setting| SettingField {
                    id: setting.field(),
                    label: setting.label(),
                    kind: if setting == Setting::AdHtml {
                        SettingKind::Html
                    } else if setting.is_link() {
                        SettingKind::Link
                    } else {
                        SettingKind::Text
                    },
                    max: setting.max_chars(),
                    value: typed.get(setting.field()).cloned().unwrap_or_default(),
                    file_value: setting.file_value(&state.config).to_string(),
                    none: typed.contains_key(&none_box(setting)),
                    problem: problems
                        .iter()
                        .find(|(f, _)| *f == setting.field())
                        .map(|(_, m)| m.clone()),
                })
                .collect(),
        })
        .collect();
    let csrf = s.csrf.clone();
    render(
        status,
        frame(state, "Site settings", Some(s), Section::Settings),
        move || view! { <SettingsPage groups csrf notice problems/> },
    )
}
