//! What a picture shows, in words: every scene describes itself in English and Arabic, and the
//! article's language picks one.

/// The language of an article's alt text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    English,
    Arabic,
}

impl Lang {
    /// The alt text's language for an article written in `code` (`"ar"` or anything else).
    pub fn of(code: &str) -> Lang {
        if code == "ar" {
            Lang::Arabic
        } else {
            Lang::English
        }
    }
}

/// A scene's description in both languages, without the leading "Illustration:".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caption {
    pub en: String,
    pub ar: String,
}

impl Caption {
    pub fn new(en: impl Into<String>, ar: impl Into<String>) -> Caption {
        Caption {
            en: en.into(),
            ar: ar.into(),
        }
    }

    /// The alt text in `lang`: "Illustration: …" or "رسم توضيحي: …".
    pub fn alt(&self, lang: Lang) -> String {
        match lang {
            Lang::English => format!("Illustration: {}", self.en),
            Lang::Arabic => format!("رسم توضيحي: {}", self.ar),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_articles_get_the_arabic_words_and_others_the_english() {
        let c = Caption::new("a harbour at dusk", "ميناء عند الغروب");
        assert_eq!(c.alt(Lang::of("ar")), "رسم توضيحي: ميناء عند الغروب");
        assert_eq!(c.alt(Lang::of("en")), "Illustration: a harbour at dusk");
        assert_eq!(Lang::of("fr"), Lang::English);
    }
}
