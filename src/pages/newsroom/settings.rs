//! `/newsroom/settings` (admins): the site's name, tagline, social profiles, "Follow on" links
//! and the ad slot's HTML, as one plain form. A field shows what an admin set, and is empty
//! while the setting takes the configuration file's value, which its hint names.

use leptos::prelude::*;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingKind {
    Text,
    Link,
    Html,
}

#[derive(Debug, Clone)]
pub struct SettingField {
    /// The field's name and id.
    pub id: &'static str,
    pub label: &'static str,
    pub kind: SettingKind,
    /// The longest value, in characters.
    pub max: usize,
    pub value: String,
    /// The configuration file's value, which an empty field takes.
    pub file_value: String,
    /// A link set to none ("Show no … link" ticked).
    pub none: bool,
    pub problem: Option<String>,
}

/// Fields under one heading.
#[derive(Debug, Clone)]
pub struct SettingsGroup {
    pub legend: &'static str,
    pub fields: Vec<SettingField>,
}

#[component]
pub fn SettingsPage(
    groups: Vec<SettingsGroup>,
    csrf: String,
    notice: Option<String>,
    problems: Vec<(&'static str, String)>,
) -> impl IntoView {
    let summary = super::problem_summary(&problems, "The settings were not saved:");
    let groups = groups
        .into_iter()
        .map(|g| {
            let fields = g.fields.into_iter().map(field).collect_view();
            view! {
                <fieldset class="nr-group">
                    <legend>{g.legend}</legend>
                    {fields}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h1>"Site settings"</h1>
        {notice.map(|n| view! { <p class="nr-notice" role="status">{n}</p> })}
        {summary}
        <p>"Readers see a change as soon as it is saved. A field left empty takes the value in the site's configuration file (Leptos.toml), named under it."</p>
        <form method="post" action="/newsroom/settings" class="nr-form" novalidate>
            <input type="hidden" name="csrf" value=csrf/>
            {groups}
            <div class="nr-actions">
                <button type="submit" class="nr-button">"Save settings"</button>
            </div>
        </form>
    }
}

/// One setting: its label, field, what an empty field means, its problem, and for a link the
/// box that shows none.
fn field(f: SettingField) -> impl IntoView {
    let SettingField {
        id,
        label,
        kind,
        max,
        value,
        file_value,
        none,
        problem,
    } = f;
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match problem {
        Some(_) => format!("{error_id} {hint_id}"),
        None => hint_id.clone(),
    };
    let invalid = problem.as_ref().map(|_| "true");
    let from_file = match (kind, file_value.is_empty()) {
        (SettingKind::Html, true) => {
            "Empty: the configuration file's HTML, which is none (the slot shows a labelled box)."
                .to_string()
        }
        (SettingKind::Html, false) => "Empty: the configuration file's HTML.".to_string(),
        (_, true) => "Empty: the configuration file's value, which is none.".to_string(),
        (_, false) => format!("Empty: the configuration file's value, “{file_value}”."),
    };
    let about = match kind {
        SettingKind::Text => String::new(),
        SettingKind::Link => " A full address starting with https://.".to_string(),
        SettingKind::Html => format!(
            " HTML from your ad server for the ad slot beside articles, at most {max} characters; script, event handlers and styles are removed when it is saved."
        ),
    };
    let max = max.to_string();
    let input = match kind {
        SettingKind::Html => view! {
            <textarea id=id name=id rows="6" class="nr-body" spellcheck="false"
                aria-invalid=invalid aria-describedby=described.clone()>
                {super::textarea_text(&value)}
            </textarea>
        }
        .into_any(),
        SettingKind::Link => view! {
            <input id=id name=id type="url" inputmode="url" value=value maxlength=max.clone()
                placeholder=file_value.clone() aria-invalid=invalid aria-describedby=described.clone()/>
        }
        .into_any(),
        SettingKind::Text => view! {
            <input id=id name=id type="text" dir="auto" value=value maxlength=max.clone()
                placeholder=file_value.clone() aria-invalid=invalid aria-describedby=described.clone()/>
        }
        .into_any(),
    };
    let none_box = (kind == SettingKind::Link).then(|| {
        view! {
            <label class="nr-none">
                <input type="checkbox" name=format!("{id}_none") value="on" checked=none/>
                {format!(" Show no {label} link")}
            </label>
        }
    });
    view! {
        <div class="nr-field">
            <label for=id>{label}</label>
            {input}
            <p class="nr-hint" id=hint_id>{from_file}{about}</p>
            {problem.map(|p| view! { <p class="nr-field-error" id=error_id>{p}</p> })}
            {none_box}
        </div>
    }
}
