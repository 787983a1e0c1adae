//! A comment is plain text: it is never read as markup. Shown, it is cut into paragraphs at
//! blank lines, lines keep their breaks, and web addresses in it become links (marked
//! `rel="nofollow ugc"` where they are drawn, `components/comments.rs`). The text itself is
//! escaped like any text Leptos renders, so `<script>` in a comment is shown as typed.

use crate::model::CommentPiece;
use linkify::{LinkFinder, LinkKind};

/// The longest comment, in characters.
pub const MAX_CHARS: usize = 5_000;
/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 80;

fn finder() -> LinkFinder {
    let mut f = LinkFinder::new();
    f.kinds(&[LinkKind::Url]);
    // `www.example.com` counts towards the cap on links, though only addresses with their
    // scheme become links.
    f.url_must_have_scheme(false);
    f
}

/// How many web addresses the text holds (what the cap on links counts).
pub fn link_count(text: &str) -> usize {
    finder().links(text).count()
}

/// The text as line endings are kept: `\r\n` and `\r` become `\n`, and outer blank space goes.
pub fn normalized(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim()
        .to_string()
}

/// The text as paragraphs of pieces.
pub fn paragraphs(text: &str) -> Vec<Vec<CommentPiece>> {
    let text = normalized(text);
    let finder = finder();
    let mut out = Vec::new();
    for para in text.split("\n\n") {
        let para = para.trim_matches('\n');
        if para.trim().is_empty() {
            continue;
        }
        let mut pieces = Vec::new();
        for (i, line) in para.split('\n').enumerate() {
            if i > 0 {
                pieces.push(CommentPiece::Break);
            }
            for span in finder.spans(line) {
                let s = span.as_str();
                let linked = span.kind().is_some()
                    && (s.starts_with("https://") || s.starts_with("http://"));
                if linked {
                    pieces.push(CommentPiece::Link {
                        href: s.to_string(),
                        text: s.to_string(),
                    });
                } else if let Some(CommentPiece::Text(last)) = pieces.last_mut() {
                    last.push_str(s);
                } else {
                    pieces.push(CommentPiece::Text(s.to_string()));
                }
            }
        }
        out.push(pieces);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> CommentPiece {
        CommentPiece::Text(s.into())
    }

    #[test]
    fn paragraphs_lines_and_links() {
        let p = paragraphs(
            "First line\r\nsecond, see https://example.com/a?b=1.\r\n\r\n\r\nNext <b>bold</b>",
        );
        assert_eq!(
            p,
            vec![
                vec![
                    text("First line"),
                    CommentPiece::Break,
                    text("second, see "),
                    CommentPiece::Link {
                        href: "https://example.com/a?b=1".into(),
                        text: "https://example.com/a?b=1".into()
                    },
                    text("."),
                ],
                vec![text("Next <b>bold</b>")],
            ]
        );
    }

    #[test]
    fn only_web_addresses_become_links_but_all_are_counted() {
        let p = paragraphs("javascript://x%0aalert(1) and www.example.com and ftp://e.org/f");
        assert!(p[0]
            .iter()
            .all(|piece| matches!(piece, CommentPiece::Text(_))));
        assert_eq!(
            link_count("www.example.com and https://a.example and http://b.example"),
            3
        );
        assert_eq!(link_count("no links here."), 0);
    }
}
