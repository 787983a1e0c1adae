//! The snippet under each result: cut from the article's plain text around the first match,
//! with the matched words marked, then escaped into HTML.

use super::{normalize, query_words};
use unicode_normalization::char::is_combining_mark;

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

    #[test]
    fn snippets_are_escaped_before_marking() {
        assert_eq!(
            snippet_html("<b>\u{2}x\u{3}</b> & \"y\""),
            "&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; &quot;y&quot;"
        );
    }
}
