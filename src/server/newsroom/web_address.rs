//! The one check of a web address typed in the newsroom (an article's canonical URL, a menu
//! link, a social profile): an absolute `http://` or `https://` address with a host, and no
//! character that could end an HTML attribute or hide in one (spaces, controls, `<`, `>`, `"`,
//! `\`). Length limits are each field's own.

/// Whether `s` is an absolute http(s) address fit to put in a link.
pub fn is_web_url(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !has_markup_or_space(s)
}

/// Whether `s` has a space, a control character or one of `<>"\`.
pub fn has_markup_or_space(s: &str) -> bool {
    s.contains(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\\'))
}

#[cfg(test)]
mod tests {
    use super::is_web_url;

    #[test]
    fn only_absolute_http_addresses_with_a_host_and_no_markup_pass() {
        for ok in [
            "https://news.example",
            "http://news.example/a?b=c#d",
            "https://x.com/@west",
        ] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "",
            "news.example",
            "//news.example",
            "/category/world",
            "https://",
            "https:///path",
            "javascript:alert(1)",
            "ftp://news.example",
            "https://news.example/a b",
            "https://news.example/\"onmouseover=\"x",
            "https://news.example/<script>",
            "https://news.example\\@evil.example",
            "https://news.example/\u{7}",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
