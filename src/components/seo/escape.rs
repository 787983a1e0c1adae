//! Page data written into `<head>` elements whose text the browser does not escape: JSON-LD
//! `<script>`s and the server's `<title>`.

use serde_json::Value;

/// JSON for an inline `<script>`: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so no
/// string in the data can close the element (`</script>`) or open a comment; the text is still
/// the same JSON to a parser.
pub fn json_ld_text(value: &Value) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
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
    #[cfg(feature = "ssr")]
    fn titles_cannot_close_their_element_in_server_html() {
        assert_eq!(
            title_markup("</title><script>x</script> Q&A".into()),
            "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; Q&amp;A"
        );
    }
}
