//! The cookie that remembers the reader's colour theme.

/// The cookie that remembers a reader's chosen colour theme.
pub const THEME_COOKIE: &str = "timelines_theme";

/// The theme named in a `Cookie` header or `document.cookie` string, if any.
pub fn theme_from_cookies(cookies: &str) -> Option<&'static str> {
    cookies.split(';').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        if k.trim() != THEME_COOKIE {
            return None;
        }
        match v.trim() {
            "dark" => Some("dark"),
            "light" => Some("light"),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_cookie_is_read_strictly() {
        assert_eq!(
            theme_from_cookies("a=b; timelines_theme=dark"),
            Some("dark")
        );
        assert_eq!(theme_from_cookies("timelines_theme=light"), Some("light"));
        assert_eq!(theme_from_cookies("timelines_theme=<script>"), None);
        assert_eq!(theme_from_cookies(""), None);
    }
}
