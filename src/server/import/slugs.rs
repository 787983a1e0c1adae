//! Slugs for what WordPress names differently: categories and static pages have ASCII
//! addresses in the portal (an Arabic category slug becomes its ASCII letters and digits, or
//! `category-ID`).

/// `slug` as ASCII letters, digits and single hyphens: the ASCII words of its slugified form
/// (`Café Culture` → `caf-culture`), or `fallback` when nothing is left.
pub fn ascii_slug(slug: &str, fallback: &str) -> String {
    let words: Vec<String> = crate::model::slugify(slug)
        .split('-')
        .map(|w| w.chars().filter(char::is_ascii_alphanumeric).collect())
        .filter(|w: &String| !w.is_empty())
        .collect();
    let s = words.join("-");
    if s.is_empty() {
        fallback.to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_slugs_keep_what_ascii_there_is() {
        assert_eq!(ascii_slug("middle-east", "category-4"), "middle-east");
        assert_eq!(ascii_slug("Café Culture", "x"), "caf-culture");
        assert_eq!(ascii_slug("الشرق-الأوسط", "category-4"), "category-4");
        assert_eq!(ascii_slug("غزة-2026", "category-4"), "2026");
    }
}
