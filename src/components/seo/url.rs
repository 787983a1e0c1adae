//! Absolute URLs for what crawlers and share cards read. (Feeds keep their own for now; all URL
//! building is to be gathered into one module, issue 12.)

/// `href` made absolute against the public base URL (which has no trailing slash).
pub fn absolute(base: &str, href: &str) -> String {
    if href.starts_with("https://") || href.starts_with("http://") {
        href.to_string()
    } else if href.starts_with('/') {
        format!("{base}{href}")
    } else {
        format!("{base}/{href}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_made_absolute_once() {
        let base = "https://news.example";
        assert_eq!(absolute(base, "/a"), "https://news.example/a");
        assert_eq!(absolute(base, "a"), "https://news.example/a");
        assert_eq!(
            absolute(base, "https://cdn.example/i.jpg"),
            "https://cdn.example/i.jpg"
        );
    }
}
