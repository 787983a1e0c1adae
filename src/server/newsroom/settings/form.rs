//! The settings form as the browser sends it, and its checks. Each field holds what an admin
//! set, empty when the setting takes the configuration file's value; a link's "Show no … link"
//! box sets it to none. A value typed the same as the file's is not kept as a change, so the
//! setting goes on following the file.

use crate::pages::search::thousands;
use crate::server::config::Config;
use crate::server::newsroom::web_address::is_web_url;
use crate::server::site_settings::{Overrides, Setting};
use std::collections::BTreeMap;

/// The form's fields by name, as sent (`csrf`, each setting's field, `<field>_none` boxes).
pub type SettingsForm = BTreeMap<String, String>;

/// The name of a link's "Show no … link" box.
pub fn none_box(s: Setting) -> String {
    format!("{}_none", s.field())
}

/// What a checked form changes.
#[derive(Debug, PartialEq)]
pub struct Checked {
    pub overrides: Overrides,
    /// The ad slot's HTML lost something that could run script or restyle the page.
    pub ad_cleaned: bool,
}

/// The typed form, checked against the file's values: the settings it overrides, or each
/// problem by field.
pub fn checked(
    form: &SettingsForm,
    config: &Config,
) -> Result<Checked, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let mut overrides = Overrides::new();
    let mut ad_cleaned = false;
    for s in Setting::ALL {
        let typed = form.get(s.field()).map(String::as_str).unwrap_or_default();
        if s.is_link() && form.contains_key(&none_box(s)) {
            overrides.insert(s.key().to_string(), String::new());
            continue;
        }
        let mut value = match s {
            Setting::AdHtml => typed.replace("\r\n", "\n").trim().to_string(),
            Setting::Name | Setting::Tagline => one_line(typed),
            _ => typed.trim().to_string(),
        };
        if value.chars().count() > s.max_chars() {
            problems.push((
                s.field(),
                format!(
                    "{} is over {} characters; shorten it.",
                    what(s),
                    thousands(s.max_chars() as u32)
                ),
            ));
            continue;
        }
        if s.is_link() && !value.is_empty() && !is_web_url(&value) {
            problems.push((
                s.field(),
                format!(
                    "The {} link must be a full web address starting with https:// (or http://), such as https://www.example.com/yourpage.",
                    s.label()
                ),
            ));
            continue;
        }
        if s == Setting::AdHtml && !value.is_empty() {
            // Cleaned when saved, so what the form shows after saving is what readers get:
            // ammonia's defaults drop script, event handlers, `javascript:` links and styles,
            // and keep what an ad of links, images and text needs.
            let clean = ammonia::clean(&value);
            ad_cleaned = clean != value;
            value = clean;
        }
        if s == Setting::Name && value.is_empty() && s.file_value(config).trim().is_empty() {
            problems.push((
                s.field(),
                "Give the site a name: the configuration file gives none.".to_string(),
            ));
            continue;
        }
        if !value.is_empty() && value != s.file_value(config) {
            overrides.insert(s.key().to_string(), value);
        }
    }
    if problems.is_empty() {
        Ok(Checked {
            overrides,
            ad_cleaned,
        })
    } else {
        Err(problems)
    }
}

/// "The site name", "The Facebook link", "The ad slot HTML": the field in a sentence.
fn what(s: Setting) -> String {
    match s {
        Setting::Name => "The site name".into(),
        Setting::Tagline => "The tagline".into(),
        Setting::AdHtml => "The ad slot HTML".into(),
        link => format!("The {} link", link.label()),
    }
}

/// A one-line text: trimmed, with control characters (line breaks, tabs) as spaces.
fn one_line(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> SettingsForm {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn empty_fields_and_the_files_own_values_change_nothing() {
        let c = Config::default();
        let same = form(&[("name", "  West Timelines "), ("tagline", ""), ("x", "")]);
        assert_eq!(checked(&same, &c).unwrap().overrides, Overrides::new());
        let changed = form(&[
            ("name", "East\nTimelines"),
            ("threads", "https://threads.example/@east"),
            ("tiktok_none", "on"),
            ("tiktok", "https://ignored.example"),
        ]);
        let got = checked(&changed, &c).unwrap().overrides;
        assert_eq!(got["site.name"], "East Timelines");
        assert_eq!(got["social.threads"], "https://threads.example/@east");
        assert_eq!(got["social.tiktok"], "", "none");
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn bad_links_and_overlong_fields_are_named() {
        let c = Config::default();
        let long = "n".repeat(101);
        let problems = checked(
            &form(&[
                ("name", &long),
                ("facebook", "facebook.com/west"),
                ("google_news", "javascript:alert(1)"),
                ("ad_html", &"a".repeat(10_001)),
            ]),
            &c,
        )
        .unwrap_err();
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["name", "facebook", "google_news", "ad_html"]);
        assert!(problems[0].1.contains("over 100 characters"));
        assert!(problems[1]
            .1
            .contains("The Facebook link must be a full web address"));
        assert!(problems[3].1.contains("over 10,000 characters"));
    }

    #[test]
    fn a_site_needs_a_name_from_the_form_or_the_file() {
        let mut c = Config::default();
        c.site.name = String::new();
        let problems = checked(&form(&[("name", "  ")]), &c).unwrap_err();
        assert_eq!(problems[0].0, "name");
        assert!(checked(&form(&[("name", "Ours")]), &c).is_ok());
    }

    #[test]
    fn script_in_the_ad_html_is_removed_and_said_so() {
        let c = Config::default();
        let evil = r#"<a href="https://ads.example/go"><img src="https://ads.example/b.png" alt="Ad" onerror="alert(1)"></a><script>alert(2)</script><a href="javascript:alert(3)">x</a>"#;
        let got = checked(&form(&[("ad_html", evil)]), &c).unwrap();
        assert!(got.ad_cleaned);
        let html = &got.overrides["ads.article_slot_html"];
        for bad in ["<script", "onerror", "javascript:"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(
            html.contains(r#"<img src="https://ads.example/b.png" alt="Ad">"#),
            "{html}"
        );
        let fine = r#"<a href="https://ads.example/go" rel="noopener noreferrer">Our sponsor</a>"#;
        assert!(!checked(&form(&[("ad_html", fine)]), &c).unwrap().ad_cleaned);
    }
}
