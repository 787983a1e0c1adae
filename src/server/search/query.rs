//! A reader's text parsed into safe terms, and the FTS5 expression made from them: nothing the
//! reader typed reaches FTS5 as syntax.

use super::normalize;

/// At most this many terms are searched.
const MAX_TERMS: usize = 12;

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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn queries_are_normalised_before_splitting() {
        assert_eq!(expr("السَّندات").as_deref(), Some("\"السندات\"*"));
        assert_eq!(expr("\"café crème\"").as_deref(), Some("\"cafe creme\""));
        assert_eq!(expr("\u{064E}\u{0651}"), None);
    }
}
