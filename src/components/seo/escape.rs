//! Page data written into `<head>` elements whose text the browser does not escape: JSON-LD
//! `<script>`s and the server's `<title>`.

use serde_json::Value;

/// JSON for an inline `<script>`: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so no
/// string in the data can close the element (`</script>`) or open a comment; the text is still
/// the same JSON to a parser.
pub fn json_ld_text(value: &Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    if !json.bytes().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return json;
    }
    // The three are ASCII, which UTF-8 never uses inside another character, so the runs
    // between them are whole characters: copied a run at a time, not a character at a time.
    let mut out = String::with_capacity(json.len() + 32);
    let mut run = 0;
    for (i, b) in json.bytes().enumerate() {
        let escaped = match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            _ => continue,
        };
        out.push_str(&json[run..i]);
        out.push_str(escaped);
        run = i + 1;
    }
    out.push_str(&json[run..]);
    out
}

/// The document title as the server writes it into `<title>`: leptos_meta inserts the text as
/// is, so a headline holding `</title><script>` would end the element. Escaped on the server
/// only; in the browser the text goes to `document.title`, which takes it literally.
pub fn title_markup(title: String) -> String {
    if cfg!(feature = "ssr") {
        title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::seo::fixtures::{article, site};
    use crate::components::seo::news_article_ld;

    #[test]
    fn json_ld_cannot_close_its_script_element() {
        let hostile = "</script><script>alert(1)</script> <!-- & -->";
        let ld = news_article_ld(&article(hostile), &site());
        let text = json_ld_text(&ld);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["headline"], hostile);
    }

    #[test]
    fn json_ld_keeps_every_other_character_as_it_was() {
        let words = "Ça coûte 5 € <b>— «مرحبا» & 日本</b>";
        let text = json_ld_text(&serde_json::json!({ "name": words }));
        assert_eq!(
            text,
            "{\"name\":\"Ça coûte 5 € \\u003cb\\u003e— «مرحبا» \\u0026 日本\\u003c/b\\u003e\"}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], words);
        let plain = serde_json::json!({ "name": "Harbour reopens" });
        assert_eq!(json_ld_text(&plain), serde_json::to_string(&plain).unwrap());
    }

    #[test]
    #[cfg(feature = "ssr")]
    fn titles_cannot_close_their_element_in_server_html() {
        assert_eq!(
            title_markup("</title><script>x</script> Q&A".into()),
            "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; Q&amp;A"
        );
    }
}
