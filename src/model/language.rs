//! Languages: text direction and each language's name in itself.

/// Text direction of a language: right-to-left for the RTL scripts we publish in.
pub fn direction_of(lang: &str) -> &'static str {
    match lang.split('-').next().unwrap_or_default() {
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" => "rtl",
        _ => "ltr",
    }
}

/// A language's name in that language, for "Read in …" links.
pub fn language_name(lang: &str) -> &str {
    match lang.split('-').next().unwrap_or_default() {
        "en" => "English",
        "ar" => "العربية",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "uk" => "Українська",
        "ru" => "Русский",
        _ => lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_right_to_left() {
        assert_eq!(direction_of("ar"), "rtl");
        assert_eq!(direction_of("ar-EG"), "rtl");
        assert_eq!(direction_of("en"), "ltr");
    }

    #[test]
    fn languages_are_named_in_themselves() {
        assert_eq!(language_name("ar"), "العربية");
        assert_eq!(language_name("en-GB"), "English");
        assert_eq!(language_name("xx"), "xx");
    }
}
