//! Turns what a reader typed into a safe FTS5 expression, and a raw snippet into safe HTML.
//! The reader's text is never handed to FTS5 as query syntax.

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

enum Term {
    Word(String),
    Phrase(Vec<String>),
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The FTS5 MATCH expression for a query, or None when it has nothing to search for.
/// Words are ANDed; "quoted phrases" match as phrases; the last bare word matches as a prefix.
pub fn to_match(query: &str) -> Option<String> {
    let mut terms = Vec::new();
    for (i, part) in query.split('"').enumerate() {
        if i % 2 == 1 {
            let w = words(part);
            if w.len() > 1 {
                terms.push(Term::Phrase(w));
            } else if let Some(one) = w.into_iter().next() {
                terms.push(Term::Word(one));
            }
        } else {
            terms.extend(words(part).into_iter().map(Term::Word));
        }
    }
    terms.truncate(MAX_TERMS);
    if terms.is_empty() {
        return None;
    }
    let ends_with_bare_word = !query.trim_end().ends_with('"');
    let last = terms.len() - 1;
    let parts: Vec<String> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| match t {
            Term::Word(w) if i == last && ends_with_bare_word => format!("\"{w}\"*"),
            Term::Word(w) => format!("\"{w}\""),
            Term::Phrase(ws) => format!("\"{}\"", ws.join(" ")),
        })
        .collect();
    Some(parts.join(" "))
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
    fn words_are_quoted_and_the_last_is_a_prefix() {
        assert_eq!(
            to_match("lavrov chin").as_deref(),
            Some("\"lavrov\" \"chin\"*")
        );
        assert_eq!(
            to_match("\"foreign minister\" visit").as_deref(),
            Some("\"foreign minister\" \"visit\"*")
        );
        assert_eq!(
            to_match("visit \"wang yi\"").as_deref(),
            Some("\"visit\" \"wang yi\"")
        );
    }

    #[test]
    fn operators_and_junk_are_plain_text() {
        assert_eq!(
            to_match("a OR b NOT c*").as_deref(),
            Some("\"a\" \"OR\" \"b\" \"NOT\" \"c\"*")
        );
        assert_eq!(
            to_match("title:x) (NEAR"),
            Some("\"title\" \"x\" \"NEAR\"*".into())
        );
        assert_eq!(to_match(""), None);
        assert_eq!(to_match("\"\"\"  *** ^^^ \0"), None);
        assert_eq!(to_match("🙂🙂"), None);
        assert_eq!(
            to_match("السندات الحكومية").as_deref(),
            Some("\"السندات\" \"الحكومية\"*")
        );
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
