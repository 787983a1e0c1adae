//! Text helpers for the newsroom: Markdown to sanitised HTML, word counts, slugs, plain text.
//!
//! Images in a body are pictures of the media library only: `![alt](/media/<key>/768.jpg)`
//! (any file the pipeline writes, see `server/media.rs`) of a picture the library holds
//! becomes an `<img>` with its width and height (so the page does not shift as it loads),
//! `loading="lazy"` and `decoding="async"`; any other image (another site's, an unknown key, a
//! `data:` URL) is left as its alt text, and an `<img>` typed as HTML keeps its `src` only when
//! it is such a picture. Nothing is fetched from elsewhere by a reader's page.

use crate::server::media::{files::media_path, height_at, share_card_size, widths_for};
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The library's pictures a body may show: each key's size as shown (width, height).
pub type MediaSizes = HashMap<String, (u32, u32)>;

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
}

/// The keys of the library pictures a Markdown body's images name (to look up their sizes).
pub fn media_keys(markdown: &str) -> Vec<String> {
    let mut keys: Vec<String> = parser(markdown)
        .filter_map(|e| match e {
            Event::Start(Tag::Image { dest_url, .. }) => {
                media_path(&dest_url).map(|(key, _)| key.to_string())
            }
            _ => None,
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Renders Markdown to HTML and sanitises it with ammonia, so nothing an author types can run
/// script in a reader's browser; images are the library's pictures in `sizes` only.
pub fn markdown_to_safe_html(markdown: &str, sizes: &MediaSizes) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(
        &mut raw,
        library_images(parser(markdown), sizes).into_iter(),
    );
    let known: Arc<HashSet<String>> = Arc::new(sizes.keys().cloned().collect());
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("img", &["loading", "decoding"])
        .attribute_filter(move |element, attribute, value| {
            if element == "img" && attribute == "src" {
                let ours = media_path(value).is_some_and(|(key, _)| known.contains(key));
                return ours.then_some(value.into());
            }
            Some(value.into())
        })
        .clean(&raw)
        .to_string()
}

/// The width and height of `file` of a picture shown `width`×`height`, when the pipeline makes
/// that file of it.
fn file_size(file: &str, (width, height): (u32, u32)) -> Option<(u32, u32)> {
    if file == "share.jpg" {
        return Some(share_card_size(width, height).1);
    }
    let w: u32 = file.split_once('.')?.0.parse().ok()?;
    widths_for(width)
        .contains(&w)
        .then(|| (w, height_at(width, height, w)))
}

/// The Markdown's events with each image made an `<img>` of a library picture, or its alt
/// text when it is not one.
fn library_images<'a>(events: Parser<'a>, sizes: &MediaSizes) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // Inside an image: its address and the text of its alt so far.
    let mut image: Option<(CowStr<'a>, String)> = None;
    for event in events {
        match (event, image.as_mut()) {
            (Event::Start(Tag::Image { dest_url, .. }), None) => {
                image = Some((dest_url, String::new()));
            }
            (Event::End(TagEnd::Image), Some(_)) => {
                let Some((src, alt)) = image.take() else {
                    continue;
                };
                let found = media_path(&src).and_then(|(key, file)| {
                    file_size(file, *sizes.get(key)?).map(|size| (key, file, size))
                });
                match found {
                    Some((key, file, (w, h))) => out.push(Event::InlineHtml(
                        format!(
                            r#"<img src="/media/{key}/{file}" alt="{}" width="{w}" height="{h}" loading="lazy" decoding="async">"#,
                            html_escape::encode_double_quoted_attribute(&alt)
                        )
                        .into(),
                    )),
                    None => out.push(Event::Text(alt.into())),
                }
            }
            (Event::Text(t) | Event::Code(t), Some((_, alt))) => alt.push_str(&t),
            // Markup inside an image's alt text: its words are kept, not its tags.
            (_, Some(_)) => {}
            (event, None) => out.push(event),
        }
    }
    out
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

    const KEY: &str = "0123456789abcdef0123";

    fn library() -> MediaSizes {
        MediaSizes::from([(KEY.to_string(), (2000, 1500))])
    }

    #[test]
    fn a_library_picture_in_the_body_gets_its_size_and_loads_lazily() {
        let md = format!("Before.\n\n![Cranes at *dawn*](/media/{KEY}/768.jpg)\n\nAfter.");
        assert_eq!(media_keys(&md), vec![KEY.to_string()]);
        let html = markdown_to_safe_html(&md, &library());
        assert!(
            html.contains(&format!(
                r#"<img src="/media/{KEY}/768.jpg" alt="Cranes at dawn" width="768" height="576" loading="lazy" decoding="async">"#
            )),
            "{html}"
        );
        let card = markdown_to_safe_html(&format!("![Card](/media/{KEY}/share.jpg)"), &library());
        assert!(card.contains(r#"width="1200" height="630""#), "{card}");
    }

    #[test]
    fn other_images_are_left_as_their_alt_text() {
        let other = "0123456789abcdef9999";
        for src in [
            "https://tracker.example/pixel.png".to_string(),
            "//tracker.example/pixel.png".to_string(),
            "data:image/png;base64,iVBORw0KGgo=".to_string(),
            "javascript:alert(1)".to_string(),
            format!("/media/{other}/768.jpg"),
            format!("/media/originals/{KEY}"),
            format!("/media/{KEY}/1600.webp.tmp"),
            // Wider than the original makes: no such file.
            "/media/0123456789abcdef0123/2400.jpg".to_string(),
        ] {
            let html = markdown_to_safe_html(&format!("![A pixel]({src})"), &library());
            assert!(!html.contains("<img"), "{src}: {html}");
            assert!(html.contains("A pixel"), "{src}: {html}");
        }
    }

    #[test]
    fn an_img_typed_as_html_keeps_its_src_only_for_a_library_picture() {
        let typed = format!(
            r#"<img src="https://tracker.example/p.png" alt="x" onerror="alert(1)"> <img src="/media/{KEY}/320.webp" alt="y">"#
        );
        let html = markdown_to_safe_html(&typed, &library());
        assert!(!html.contains("tracker.example"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(
            html.contains(&format!(r#"src="/media/{KEY}/320.webp""#)),
            "{html}"
        );
        // Without the picture in the library, not even that.
        let html = markdown_to_safe_html(&typed, &MediaSizes::new());
        assert!(!html.contains("src="), "{html}");
    }

    #[test]
    fn markdown_is_rendered_and_scripts_removed() {
        let html = markdown_to_safe_html(
            "Hello **world**\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
            &MediaSizes::new(),
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
