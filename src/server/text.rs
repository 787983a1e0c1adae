//! Text helpers for the newsroom: Markdown to sanitised HTML, word counts, slugs, plain text.

use pulldown_cmark::{html, Event, Options, Parser, TagEnd};

/// Renders Markdown to HTML and sanitises it with ammonia, so nothing an author types can run
/// script in a reader's browser.
pub fn markdown_to_safe_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    html::push_html(&mut raw, parser);
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .clean(&raw)
        .to_string()
}

/// The words a reader reads: text events of the Markdown, split on white space.
pub fn word_count(markdown: &str) -> u32 {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.split_whitespace().count()),
            _ => None,
        })
        .sum::<usize>() as u32
}

/// The plain text of a Markdown body, for the search index.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for e in Parser::new(markdown) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Minutes to read at 200 words a minute, at least one.
pub fn reading_minutes(words: u32) -> u32 {
    words.div_ceil(200).max(1)
}

pub use crate::model::{article_slug, is_slug, slugify};

/// A slug that can be used as given in a URL: ASCII lowercase, digits and single hyphens.
pub fn is_ascii_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 120
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_and_scripts_removed() {
        let html = markdown_to_safe_html(
            "Hello **world**\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
        );
        assert!(html.contains("<strong>world</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }

    #[test]
    fn words_and_reading_time() {
        assert_eq!(word_count("One two **three**\n\n> four five"), 5);
        assert_eq!(reading_minutes(0), 1);
        assert_eq!(reading_minutes(200), 1);
        assert_eq!(reading_minutes(201), 2);
        assert_eq!(reading_minutes(760), 4);
    }

    #[test]
    fn slugs() {
        assert!(is_ascii_slug("lavrov-to-visit-china"));
        assert!(!is_ascii_slug("Bad--slug"));
        assert!(!is_ascii_slug(""));
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("## Head\n\nSome *text*.")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Head", "Some", "text."]
        );
    }
}
