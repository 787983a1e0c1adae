//! The one normalisation applied to indexed text and to queries alike, and the cleaning of what
//! a reader typed (length, control characters).

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Queries longer than this (in characters) are cut, and the page says so.
pub const MAX_QUERY_CHARS: usize = 200;

/// The query as searched: trimmed, control characters removed, cut to the maximum length.
/// Returns the text and whether it was cut.
pub fn clean_query(raw: &str) -> (String, bool) {
    let cleaned: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.chars().count() > MAX_QUERY_CHARS {
        (
            trimmed
                .chars()
                .take(MAX_QUERY_CHARS)
                .collect::<String>()
                .trim_end()
                .to_string(),
            true,
        )
    } else {
        (trimmed, false)
    }
}

/// The one normalisation applied to indexed text and to queries alike:
/// - Arabic: tashkeel and other diacritics (U+064B–U+065F, superscript alef U+0670) and tatweel
///   (U+0640) removed; alef variants (أ إ آ ٱ) unified to ا; taa marbuta ة folded to ه and alef
///   maqsura ى to ي. (Hamza carriers ؤ and ئ fold to و and ي through the same decomposition.)
/// - Latin and other scripts: canonical decomposition (NFD), then combining marks that attach to
///   a base letter (non-zero combining class: accents, cedilla, Arabic harakat) are dropped, and
///   the rest is recomposed (NFC), so "café" becomes "cafe" and Hangul stays whole. Spacing
///   vowel signs of Indic scripts (combining class 0) are kept: they change the word.
///
/// Case is left alone: the FTS5 tokenizer folds it.
pub fn normalize(text: &str) -> String {
    text.nfd()
        .filter_map(|c| match c {
            '\u{0640}' => None,
            '\u{064B}'..='\u{065F}' | '\u{0670}' => None,
            c if is_combining_mark(c) && canonical_combining_class(c) != 0 => None,
            '\u{0671}' => Some('\u{0627}'),
            '\u{0629}' => Some('\u{0647}'),
            '\u{0649}' => Some('\u{064A}'),
            c => Some(c),
        })
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_is_normalised() {
        // Tashkeel and shadda.
        assert_eq!(normalize("السَّندات"), "السندات");
        // Alef variants, including the decomposed forms.
        assert_eq!(normalize("أسعار إلى آخر ٱلله"), "اسعار الي اخر الله");
        assert_eq!(normalize("\u{0627}\u{0654}سعار"), "اسعار");
        // Taa marbuta, alef maqsura, tatweel, superscript alef.
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("العـــربية"), "العربيه");
        assert_eq!(normalize("هٰذا"), "هذا");
        // Already normal text is unchanged.
        assert_eq!(normalize("اسعار النفط"), "اسعار النفط");
    }

    #[test]
    fn latin_diacritics_are_folded_and_other_scripts_kept() {
        assert_eq!(
            normalize("Café Zürich, São Paulo, Łódź"),
            "Cafe Zurich, Sao Paulo, Łodz"
        );
        assert_eq!(normalize("e\u{0301}"), "e");
        assert_eq!(normalize("한국어 Київ"), "한국어 Киів");
        assert_eq!(normalize("हिन्दी"), normalize(&normalize("हिन्दी")));
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn long_queries_are_cut_and_controls_removed() {
        let (q, cut) = clean_query(&"word ".repeat(5000));
        assert!(cut);
        assert!(q.chars().count() <= MAX_QUERY_CHARS);
        assert_eq!(clean_query(" a\0b\n c "), ("a b c".to_string(), false));
    }
}
