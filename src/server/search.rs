//! Turns what a reader typed into a safe FTS5 expression, and a raw snippet into safe HTML.
//! The reader's text is never handed to FTS5 as query syntax.
//!
//! Indexed text and queries go through the same [`normalize`], so a reader who types without
//! tashkeel, with a different alef or without accents still finds the article.

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Queries longer than this (in characters) are cut, and the page says so.
pub const MAX_QUERY_CHARS: usize = 200;
/// At most this many terms are searched.
const MAX_TERMS: usize = 12;

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

/// A query parsed into safe terms: nothing the reader typed reaches FTS5 as syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// One term of a [`Query`]: words are normalised and lower case, as the index holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    Word(String),
    /// The last bare word: it also matches the words it begins.
    Prefix(String),
    /// "Quoted words", matched next to each other in this order.
    Phrase(Vec<String>),
}

/// Parses a query: words must all match, "quoted phrases" match as phrases, the last bare word
/// is a prefix; every other character is text (operators, brackets, stars) or a separator.
/// None when there is nothing to search for.
pub fn parse(query: &str) -> Option<Query> {
    // Normalise before splitting: a diacritic is not a letter and would split a word in two.
    let query = normalize(query);
    let mut terms = Vec::new();
    for (i, part) in query.split('"').enumerate() {
        if i % 2 == 1 {
            let mut w: Vec<String> = index_words(part).collect();
            if w.len() > 1 {
                terms.push(Term::Phrase(w));
            } else if let Some(one) = w.pop() {
                terms.push(Term::Word(one));
            }
        } else {
            terms.extend(index_words(part).map(Term::Word));
        }
    }
    terms.truncate(MAX_TERMS);
    let ends_with_bare_word = !query.trim_end().ends_with('"');
    if ends_with_bare_word {
        if let Some(Term::Word(w)) = terms.last_mut() {
            let w = std::mem::take(w);
            *terms.last_mut()? = Term::Prefix(w);
        }
    }
    (!terms.is_empty()).then_some(Query { terms })
}

/// An FTS5 string: the words hold letters and digits only, so quoting cannot be escaped.
fn quoted(words: &[String]) -> String {
    format!("\"{}\"", words.join(" "))
}

impl Query {
    /// The FTS5 expression, phrase by phrase in the order FTS5 numbers them. The prefix term
    /// becomes `completions`, the indexed words it begins (the commonest first), ORed; with
    /// None, FTS5 matches the prefix itself.
    pub fn match_expr(&self, completions: Option<&[String]>) -> String {
        self.terms
            .iter()
            .map(|t| match t {
                Term::Word(w) => quoted(std::slice::from_ref(w)),
                Term::Phrase(ws) => quoted(ws),
                Term::Prefix(p) => match completions {
                    Some([one]) => quoted(std::slice::from_ref(one)),
                    Some(many) if !many.is_empty() => format!(
                        "({})",
                        many.iter()
                            .map(|w| quoted(std::slice::from_ref(w)))
                            .collect::<Vec<_>>()
                            .join(" OR ")
                    ),
                    _ => format!("{}*", quoted(std::slice::from_ref(p))),
                },
            })
            .collect::<Vec<_>>()
            // Explicit: FTS5 reads no implicit AND before a bracket.
            .join(" AND ")
    }
}

/// The words of an indexed (already normalised) text, lower case as the index holds them: the
/// store counts, word by word, how many articles hold each.
pub fn index_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The words of a query as the index holds them: normalised and lower case, quotes dropped.
pub fn query_words(query: &str) -> Vec<String> {
    index_words(&normalize(query)).collect()
}

/// Edit distance (insertions, deletions, substitutions) between two words, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest spellings of `word` among `candidates` (term, number of articles): at most one
/// edit away for words up to four letters, two for longer ones; nearest first, then the most
/// common. The word itself is never suggested.
pub fn closest_terms(word: &str, candidates: &[(String, i64)], n: usize) -> Vec<String> {
    let len = word.chars().count();
    let max = if len <= 4 { 1 } else { 2 };
    let mut near: Vec<(usize, i64, &str)> = candidates
        .iter()
        .filter(|(t, _)| t.chars().count().abs_diff(len) <= max)
        .map(|(t, docs)| (edit_distance(word, t), *docs, t.as_str()))
        .filter(|(d, _, _)| (1..=max).contains(d))
        .collect();
    near.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    near.into_iter()
        .take(n)
        .map(|(_, _, t)| t.to_string())
        .collect()
}

/// How many words a result's snippet shows.
pub const SNIPPET_WORDS: usize = 28;

/// The words of `text` with their byte ranges. Combining marks (tashkeel, accents written
/// apart) belong to the word they sit on, as they do for the index after normalisation.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || is_combining_mark(c);
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// A snippet of `text` (an article's plain text) for `query`: about [`SNIPPET_WORDS`] words
/// from just before the first place a query word occurs, with every occurrence between the
/// markers \u{2} and \u{3} that [`snippet_html`] turns into `<mark>`. Words compare as the index
/// compares them (normalised, any case), the last one also as a prefix, as in [`parse`]; the
/// text keeps its own spelling. With no occurrence (the match was in the title or the tags),
/// the opening words.
pub fn cut_snippet(text: &str, query: &str) -> String {
    let terms = query_words(query);
    let prefix_last = !query.trim_end().ends_with('"');
    let matches = |word: &str| {
        // ASCII words are their own normal form: only the case needs folding.
        let folded;
        let w = if word.is_ascii() {
            word
        } else {
            folded = normalize(word).to_lowercase();
            folded.as_str()
        };
        terms.iter().enumerate().any(|(i, t)| {
            t.eq_ignore_ascii_case(w)
                || (prefix_last
                    && i + 1 == terms.len()
                    && w.len() >= t.len()
                    && w.is_char_boundary(t.len())
                    && w[..t.len()].eq_ignore_ascii_case(t))
        })
    };
    let spans = word_spans(text);
    let first = spans
        .iter()
        .position(|&(a, b)| matches(&text[a..b]))
        .unwrap_or(0);
    let start = first.saturating_sub(6);
    let end = (start + SNIPPET_WORDS).min(spans.len());
    if start >= end {
        return String::new();
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = spans[start].0;
    for &(a, b) in &spans[start..end] {
        out.push_str(&text[at..a]);
        if matches(&text[a..b]) {
            out.push('\u{2}');
            out.push_str(&text[a..b]);
            out.push('\u{3}');
        } else {
            out.push_str(&text[a..b]);
        }
        at = b;
    }
    if end < spans.len() {
        out.push('…');
    } else {
        out.push_str(&text[at..]);
    }
    out
}

/// Escapes a snippet and turns the store's match markers (\u{2} … \u{3}) into `<mark>`.
pub fn snippet_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 32);
    for c in raw.chars() {
        match c {
            '\u{2}' => out.push_str("<mark>"),
            '\u{3}' => out.push_str("</mark>"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_mark_the_words_found_in_their_own_spelling() {
        let text = "On Monday the harbour at São Paulo reopened. Harbours elsewhere stayed shut.";
        assert_eq!(
            cut_snippet(text, "sao harbour"),
            "On Monday the \u{2}harbour\u{3} at \u{2}São\u{3} Paulo reopened. \u{2}Harbours\u{3} elsewhere stayed shut."
        );
        // Only the last word is a prefix; a closed quote ends the prefix.
        assert!(!cut_snippet(text, "harb monday").contains("\u{2}harbour"));
        assert!(!cut_snippet(text, "\"harb\"").contains('\u{2}'));
        // Arabic: tashkeel and taa marbuta as the index folds them.
        let ar = "افتتحت مَدرسة جديدة أبوابها";
        assert_eq!(
            cut_snippet(ar, "مدرسه"),
            "افتتحت \u{2}مَدرسة\u{3} جديدة أبوابها"
        );
        // A long text is cut around the first match.
        let long = (0..100)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let snip = cut_snippet(&long, "w50");
        assert!(snip.starts_with("…w44 ") && snip.ends_with('…'), "{snip}");
        assert_eq!(snip.split(' ').count(), SNIPPET_WORDS);
        // No match in the body: the opening words.
        assert!(cut_snippet(&long, "absent").starts_with("w0 w1"));
        assert_eq!(cut_snippet("", "x"), "");
    }

    fn expr(q: &str) -> Option<String> {
        parse(q).map(|q| q.match_expr(None))
    }

    #[test]
    fn words_are_quoted_and_the_last_is_a_prefix() {
        assert_eq!(
            expr("Lavrov chin").as_deref(),
            Some("\"lavrov\" AND \"chin\"*")
        );
        assert_eq!(
            expr("\"foreign minister\" visit").as_deref(),
            Some("\"foreign minister\" AND \"visit\"*")
        );
        assert_eq!(
            expr("visit \"wang yi\"").as_deref(),
            Some("\"visit\" AND \"wang yi\"")
        );
        let q = parse("budget infl").unwrap();
        assert_eq!(
            q.terms,
            [Term::Word("budget".into()), Term::Prefix("infl".into())]
        );
        // The prefix stands for its completions, ORed, when the store knows them.
        let c = ["inflation".to_string(), "influence".to_string()];
        assert_eq!(
            q.match_expr(Some(&c)),
            "\"budget\" AND (\"inflation\" OR \"influence\")"
        );
        assert_eq!(q.match_expr(Some(&c[..1])), "\"budget\" AND \"inflation\"");
        assert_eq!(q.match_expr(Some(&[])), "\"budget\" AND \"infl\"*");
    }

    #[test]
    fn operators_and_junk_are_plain_text() {
        assert_eq!(
            expr("a OR b NOT c*").as_deref(),
            Some("\"a\" AND \"or\" AND \"b\" AND \"not\" AND \"c\"*")
        );
        assert_eq!(
            expr("title:x) (NEAR"),
            Some("\"title\" AND \"x\" AND \"near\"*".into())
        );
        assert_eq!(expr(""), None);
        assert_eq!(expr("\"\"\"  *** ^^^ \0"), None);
        assert_eq!(expr("🙂🙂"), None);
        assert_eq!(
            expr("السندات الحكومية").as_deref(),
            Some("\"السندات\" AND \"الحكوميه\"*")
        );
        let words: Vec<String> = index_words("Kyiv's 2024 budget—again").collect();
        assert_eq!(words, ["kyiv", "s", "2024", "budget", "again"]);
    }

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
    fn queries_are_normalised_before_splitting() {
        assert_eq!(expr("السَّندات").as_deref(), Some("\"السندات\"*"));
        assert_eq!(expr("\"café crème\"").as_deref(), Some("\"cafe creme\""));
        assert_eq!(expr("\u{064E}\u{0651}"), None);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("اسعار", "اسعار"), 0);
        assert_eq!(edit_distance("السندت", "السندات"), 1);
    }

    #[test]
    fn closest_terms_prefer_near_then_common_words() {
        let c: Vec<(String, i64)> = [
            ("harbour", 3),
            ("harbor", 9),
            ("hardware", 50),
            ("harbours", 1),
        ]
        .iter()
        .map(|(t, n)| (t.to_string(), *n))
        .collect();
        assert_eq!(
            closest_terms("harbur", &c, 3),
            ["harbor", "harbour", "harbours"]
        );
        assert_eq!(closest_terms("harbour", &c, 3), ["harbor", "harbours"]);
        assert!(closest_terms("xyz", &c, 3).is_empty());
        assert_eq!(query_words("Café \"SÃO\" paulo"), ["cafe", "sao", "paulo"]);
    }

    #[test]
    fn long_queries_are_cut_and_controls_removed() {
        let (q, cut) = clean_query(&"word ".repeat(5000));
        assert!(cut);
        assert!(q.chars().count() <= MAX_QUERY_CHARS);
        assert_eq!(clean_query(" a\0b\n c "), ("a b c".to_string(), false));
    }

    #[test]
    fn snippets_are_escaped_before_marking() {
        assert_eq!(
            snippet_html("<b>\u{2}x\u{3}</b> & \"y\""),
            "&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; &quot;y&quot;"
        );
    }
}
