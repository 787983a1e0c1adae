//! What sanitised HTML (ammonia's serialisation) must never hold: an element that runs or
//! loads script, an event-handler attribute, or a link or source with a `javascript:`,
//! `vbscript:` or `data:` URL. Read tag by tag: in ammonia's output a `<` in text is always
//! `&lt;`, and attribute values are always double-quoted with `"` as `&quot;`.

pub fn assert_safe(html: &str, input: &dyn std::fmt::Debug) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        for bad in ["script", "iframe", "style", "object", "embed", "form", "base", "meta", "link"] {
            assert_ne!(name, bad, "<{bad}> survived: {input:?} -> {html}");
        }
        rest = &rest[name_end..];
        // Attributes up to the tag's end.
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let attr_end = rest
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>')
                .unwrap_or(rest.len());
            let attr = rest[..attr_end].to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "{attr} survived: {input:?} -> {html}");
            rest = &rest[attr_end..];
            if let Some(after) = rest.strip_prefix("=\"") {
                let value_end = after.find('"').expect("a closed attribute value");
                let value = as_browsers_read(&after[..value_end]);
                if ["href", "src", "srcset", "action", "formaction", "xlink:href", "cite"]
                    .contains(&attr.as_str())
                {
                    for scheme in ["javascript:", "vbscript:", "data:"] {
                        assert!(
                            !value.starts_with(scheme),
                            "{attr}={value} survived: {input:?} -> {html}"
                        );
                    }
                }
                rest = &after[value_end + 1..];
            }
        }
    }
}

/// A URL as a browser reads it before looking at its scheme: C0 controls and spaces trimmed
/// from both ends, tabs and newlines removed anywhere (the URL standard), lower case. A space
/// inside stays: `java script:` is a relative address, not a script.
fn as_browsers_read(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase()
}
