//! Slugs, the last part of an article's, category's or tag's address. Shared by the server
//! (which checks and stores them) and the newsroom's editor in the browser (whose Slug field
//! follows the Title as it is typed): one function, so the two never disagree.

/// The longest article slug, in characters.
pub const MAX_SLUG_CHARS: usize = 120;

/// A URL slug: lowercase letters and digits (any script) joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

/// An article slug: lowercase letters and digits of any script (Arabic slugs stay Arabic),
/// joined by single hyphens, as `slugify` writes them; at most 120 characters.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().count() <= MAX_SLUG_CHARS && slugify(s) == s
}

/// The slug an article gets from `text` (its title, or a slug typed by hand): [`slugify`],
/// cut to [`MAX_SLUG_CHARS`] without a trailing hyphen. Empty when `text` has no letter or digit.
pub fn article_slug(text: &str) -> String {
    slugify(text)
        .chars()
        .take(MAX_SLUG_CHARS)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_every_script_readable() {
        assert_eq!(slugify("Food & Drink"), "food-drink");
        assert_eq!(slugify("  Ukraine War!! "), "ukraine-war");
        assert_eq!(slugify("Crème Brûlée"), "crème-brûlée");
        assert_eq!(slugify("الاقتصاد العالمي"), "الاقتصاد-العالمي");
        assert!(is_slug("crème-brûlée"));
        assert!(!is_slug("Crème"));
    }

    #[test]
    fn article_slugs_are_cut_without_a_trailing_hyphen() {
        let long = format!("{} end", "a".repeat(119));
        assert_eq!(article_slug(&long), "a".repeat(119));
        assert_eq!(article_slug("?!"), "");
        assert_eq!(article_slug("Hello, World"), "hello-world");
    }
}
