//! The media library's forms as the browser sends them: the upload (multipart: the token, the
//! file and its text) and a picture's alt text, caption and credit; and their checks.

use crate::pages::newsroom::{MAX_ALT, MAX_CAPTION, MAX_CREDIT};
use axum::extract::Multipart;
use serde::Deserialize;

/// A picture's text, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MediaText {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub caption: String,
    #[serde(default)]
    pub credit: String,
}

/// The upload form, read whole.
#[derive(Debug, Default)]
pub struct UploadParts {
    pub text: MediaText,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Reads the upload form's parts (unknown ones are skipped); None when the body is not
/// well-formed multipart.
pub async fn read_upload(mut multipart: Multipart) -> Option<UploadParts> {
    let mut parts = UploadParts::default();
    while let Some(field) = multipart.next_field().await.ok()? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            parts.file_name = field.file_name().unwrap_or_default().to_string();
            parts.bytes = field.bytes().await.ok()?.to_vec();
            continue;
        }
        let value = field.text().await.ok()?;
        match name.as_str() {
            "csrf" => parts.text.csrf = value,
            "alt" => parts.text.alt = value,
            "caption" => parts.text.caption = value,
            "credit" => parts.text.credit = value,
            _ => {}
        }
    }
    Some(parts)
}

/// One line of text: trimmed, controls and line breaks made spaces.
pub fn one_line(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The name an upload is shown under: its last path component (browsers send the bare name;
/// some older ones the whole path), on one line, at most 200 characters; `image` if none.
pub fn shown_file_name(sent: &str) -> String {
    let base = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = one_line(base).chars().take(200).collect();
    if name.trim().is_empty() {
        "image".to_string()
    } else {
        name
    }
}

/// (field, message) for each problem found.
type Problems = Vec<(&'static str, String)>;

/// The checked text (alt, caption, credit), or each problem by field.
pub fn checked_text(t: &MediaText) -> Result<(String, String, String), Problems> {
    let (alt, caption, credit) = (one_line(&t.alt), one_line(&t.caption), one_line(&t.credit));
    let mut problems = Vec::new();
    if alt.is_empty() {
        problems.push((
            "alt",
            "Give the image alt text: what it shows, for readers who cannot see it.".to_string(),
        ));
    } else if alt.chars().count() > MAX_ALT {
        problems.push((
            "alt",
            format!("The alt text is over {MAX_ALT} characters; shorten it."),
        ));
    }
    if caption.chars().count() > MAX_CAPTION {
        problems.push((
            "caption",
            format!("The caption is over {MAX_CAPTION} characters; shorten it."),
        ));
    }
    if credit.chars().count() > MAX_CREDIT {
        problems.push((
            "credit",
            format!("The credit is over {MAX_CREDIT} characters; shorten it."),
        ));
    }
    if problems.is_empty() {
        Ok((alt, caption, credit))
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_shown_without_its_folders_on_one_line() {
        assert_eq!(shown_file_name("hills.jpg"), "hills.jpg");
        assert_eq!(shown_file_name(r"C:\Users\me\hills.jpg"), "hills.jpg");
        assert_eq!(shown_file_name("../../etc/passwd"), "passwd");
        assert_eq!(shown_file_name("a\nb.png"), "a b.png");
        assert_eq!(shown_file_name(""), "image");
        assert_eq!(shown_file_name(&"x".repeat(300)).chars().count(), 200);
    }

    #[test]
    fn alt_text_is_required_and_every_field_has_a_limit() {
        let problems = checked_text(&MediaText::default()).unwrap_err();
        assert_eq!(problems[0].0, "alt");
        let long = MediaText {
            alt: "a".repeat(MAX_ALT + 1),
            caption: "c".repeat(MAX_CAPTION + 1),
            credit: "d".repeat(MAX_CREDIT + 1),
            ..MediaText::default()
        };
        let fields: Vec<_> = checked_text(&long)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["alt", "caption", "credit"]);
        let ok = MediaText {
            alt: "  A red tram in the snow\n".into(),
            ..MediaText::default()
        };
        assert_eq!(
            checked_text(&ok).unwrap(),
            (
                "A red tram in the snow".into(),
                String::new(),
                String::new()
            )
        );
    }
}
