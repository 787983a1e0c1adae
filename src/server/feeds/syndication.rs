//! RSS 2.0 and Atom, written from one [`Channel`].

use super::channel::Channel;
use super::xml::{
    new_document, rfc2822, rfc3339, text, xml_text, NS_ATOM, NS_CONTENT, NS_DC, NS_MEDIA,
};
use quick_xml::events::BytesText;
use std::io;

pub(super) fn write_rss(c: &Channel) -> io::Result<Vec<u8>> {
    let mut w = new_document()?;
    w.create_element("rss")
        .with_attributes([
            ("version", "2.0"),
            ("xmlns:atom", NS_ATOM),
            ("xmlns:content", NS_CONTENT),
            ("xmlns:dc", NS_DC),
            ("xmlns:media", NS_MEDIA),
        ])
        .write_inner_content(|w| {
            w.create_element("channel").write_inner_content(|w| {
                text(w, "title", &c.title)?;
                text(w, "link", &c.link)?;
                text(w, "description", &c.description)?;
                text(w, "language", &c.language)?;
                if let Some(t) = c.last_modified() {
                    text(w, "lastBuildDate", &rfc2822(t))?;
                }
                w.create_element("atom:link")
                    .with_attributes([
                        ("href", xml_text(&c.self_url).as_ref()),
                        ("rel", "self"),
                        ("type", "application/rss+xml"),
                    ])
                    .write_empty()?;
                for i in &c.items {
                    w.create_element("item").write_inner_content(|w| {
                        text(w, "title", &i.title)?;
                        text(w, "link", &i.url)?;
                        w.create_element("guid")
                            .with_attribute(("isPermaLink", "true"))
                            .write_text_content(BytesText::new(&xml_text(&i.url)))?;
                        text(w, "pubDate", &rfc2822(i.published))?;
                        text(w, "dc:creator", &i.author.name)?;
                        text(w, "dc:language", &i.lang)?;
                        for cat in &i.categories {
                            text(w, "category", cat)?;
                        }
                        text(w, "description", &i.summary)?;
                        text(w, "content:encoded", &i.body_html)?;
                        if let Some(p) = &i.image {
                            media_content(w, p)?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

/// An item's picture in Media RSS: the file, its type and size, its alt text, its credit.
fn media_content(w: &mut super::xml::Xml, p: &super::channel::ItemImage) -> io::Result<()> {
    let (width, height) = (p.image.width.to_string(), p.image.height.to_string());
    w.create_element("media:content")
        .with_attributes([
            ("url", xml_text(&p.image.src).as_ref()),
            ("type", "image/jpeg"),
            ("medium", "image"),
            ("width", width.as_str()),
            ("height", height.as_str()),
        ])
        .write_inner_content(|w| {
            w.create_element("media:description")
                .with_attribute(("type", "plain"))
                .write_text_content(BytesText::new(&xml_text(&p.image.alt)))?;
            if !p.credit.is_empty() {
                text(w, "media:credit", &p.credit)?;
            }
            Ok(())
        })?;
    Ok(())
}

pub(super) fn write_atom(c: &Channel) -> io::Result<Vec<u8>> {
    let mut w = new_document()?;
    w.create_element("feed")
        .with_attributes([
            ("xmlns", NS_ATOM),
            ("xml:lang", xml_text(&c.language).as_ref()),
        ])
        .write_inner_content(|w| {
            text(w, "id", &c.self_url)?;
            text(w, "title", &c.title)?;
            text(w, "subtitle", &c.description)?;
            text(w, "updated", &rfc3339(c.last_modified().unwrap_or(c.now)))?;
            w.create_element("link")
                .with_attributes([
                    ("rel", "self"),
                    ("type", "application/atom+xml"),
                    ("href", xml_text(&c.self_url).as_ref()),
                ])
                .write_empty()?;
            w.create_element("link")
                .with_attributes([
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", xml_text(&c.link).as_ref()),
                ])
                .write_empty()?;
            for i in &c.items {
                w.create_element("entry")
                    .with_attribute(("xml:lang", xml_text(&i.lang).as_ref()))
                    .write_inner_content(|w| {
                        text(w, "id", &i.url)?;
                        text(w, "title", &i.title)?;
                        w.create_element("link")
                            .with_attributes([
                                ("rel", "alternate"),
                                ("type", "text/html"),
                                ("href", xml_text(&i.url).as_ref()),
                            ])
                            .write_empty()?;
                        text(w, "published", &rfc3339(i.published))?;
                        text(w, "updated", &rfc3339(i.updated))?;
                        w.create_element("author").write_inner_content(|w| {
                            text(w, "name", &i.author.name)?;
                            text(w, "uri", &i.author_url)
                        })?;
                        for cat in &i.categories {
                            w.create_element("category")
                                .with_attribute(("term", xml_text(cat).as_ref()))
                                .write_empty()?;
                        }
                        text(w, "summary", &i.summary)?;
                        // xml:lang is inherited from the entry, but some readers (feed-rs
                        // among them) only look for it on the content.
                        w.create_element("content")
                            .with_attributes([
                                ("type", "html"),
                                ("xml:lang", xml_text(&i.lang).as_ref()),
                            ])
                            .write_text_content(BytesText::new(&xml_text(&i.body_html)))?;
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}

#[cfg(test)]
mod tests {
    use super::super::channel::{Item, ItemImage};
    use super::*;
    use crate::model::NamedRef;

    fn channel_with(title: &str, body: &str) -> Channel {
        Channel {
            title: "West Timelines".into(),
            link: "https://news.example/".into(),
            self_url: "https://news.example/feed".into(),
            description: "News & ideas".into(),
            language: "en".into(),
            now: 1_712_482_200,
            items: vec![Item {
                title: title.into(),
                url: "https://news.example/2024/04/07/a".into(),
                summary: "Dek \"quoted\" & 'single'".into(),
                body_html: body.into(),
                author: NamedRef {
                    slug: "anna".into(),
                    name: "Anna <Koval>".into(),
                },
                author_url: "https://news.example/author/anna".into(),
                categories: vec!["Q&A".into()],
                lang: "ar".into(),
                published: 1_712_482_200,
                updated: 1_712_485_800,
                image: Some(ItemImage {
                    image: crate::model::Image {
                        src: "https://news.example/media/0123456789abcdef0123/1600.jpg".into(),
                        width: 1600,
                        height: 900,
                        alt: "Boats <b>at</b> dusk & dawn".into(),
                    },
                    credit: "Photo: Anna".into(),
                }),
            }],
        }
    }

    const HOSTILE: &str = "<script>alert(\"x\")</script> Tom & Jerry's \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}end\ttab";

    #[test]
    fn hostile_titles_are_escaped_in_rss() {
        let xml =
            String::from_utf8(write_rss(&channel_with(HOSTILE, "<p>a</p>]]>")).unwrap()).unwrap();
        assert!(!xml.contains("<script>"), "{xml}");
        assert!(
            xml.contains(
                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jerry&apos;s end\ttab"
            ),
            "{xml}"
        );
        assert!(xml.contains("<content:encoded>&lt;p&gt;a&lt;/p&gt;]]&gt;</content:encoded>"));
        assert!(xml.contains("<dc:creator>Anna &lt;Koval&gt;</dc:creator>"));
        assert!(
            xml.contains("xmlns:media=\"http://search.yahoo.com/mrss/\""),
            "{xml}"
        );
        for part in [
            "<media:content url=\"https://news.example/media/0123456789abcdef0123/1600.jpg\" type=\"image/jpeg\" medium=\"image\" width=\"1600\" height=\"900\">",
            "<media:description type=\"plain\">Boats &lt;b&gt;at&lt;/b&gt; dusk &amp; dawn</media:description>",
            "<media:credit>Photo: Anna</media:credit>",
        ] {
            assert!(xml.contains(part), "{part} not in {xml}");
        }
        assert!(xml.contains("<guid isPermaLink=\"true\">https://news.example/2024/04/07/a</guid>"));
        assert!(xml.contains("<pubDate>Sun, 07 Apr 2024 09:30:00 +0000</pubDate>"));
        assert!(xml.contains("<lastBuildDate>Sun, 07 Apr 2024 10:30:00 +0000</lastBuildDate>"));
        assert!(!xml
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
        let doc = roxmltree::Document::parse(&xml).expect("well-formed RSS");
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("item"))
            .and_then(|n| n.children().find(|c| c.has_tag_name("title")))
            .and_then(|n| n.text())
            .unwrap();
        assert_eq!(title, xml_text(HOSTILE));
    }

    #[test]
    fn hostile_titles_are_escaped_in_atom_and_entries_carry_their_language() {
        let xml =
            String::from_utf8(write_atom(&channel_with(HOSTILE, "<p>x</p>")).unwrap()).unwrap();
        let doc = roxmltree::Document::parse(&xml).expect("well-formed Atom");
        let entry = doc
            .descendants()
            .find(|n| n.has_tag_name((NS_ATOM, "entry")))
            .unwrap();
        assert_eq!(
            entry.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some("ar")
        );
        let child = |name: &str| {
            entry
                .children()
                .find(|c| c.has_tag_name((NS_ATOM, name)))
                .unwrap()
        };
        assert_eq!(child("title").text(), Some(xml_text(HOSTILE).as_ref()));
        assert_eq!(child("content").text(), Some("<p>x</p>"));
        assert_eq!(child("published").text(), Some("2024-04-07T09:30:00Z"));
        assert_eq!(child("updated").text(), Some("2024-04-07T10:30:00Z"));
        assert_eq!(
            child("category").attribute("term"),
            Some("Q&A"),
            "attributes are escaped and read back"
        );
    }
}
