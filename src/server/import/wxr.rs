//! Reading a WordPress export (WXR 1.0 to 1.2, as WordPress's Tools → Export and WordPress.com
//! write it), streaming: one `<item>` (or author, or term) is held at a time, as a small tree of
//! its elements, then turned into a typed [`Entry`]. A 10,000-post export is never in memory.
//!
//! Refused: anything that is not XML; a DOCTYPE, before anything in it is read (so no entity is
//! ever declared, let alone expanded: only XML's five and character references are known); a
//! file that is not an `<rss><channel>` with `wp:wxr_version`; a file cut short (the error names
//! the line and the element left open); an item larger than [`MAX_ITEM_BYTES`] or nested deeper
//! than [`MAX_DEPTH`]. Text is taken whole: text, character references and CDATA sections are
//! joined, so `]]>` that the exporter split as `]]]]><![CDATA[>` comes back as `]]>`.
//!
//! Over 400 lines: the reader is one state machine over quick-xml's events
//! (`WxrReader::next`), and the three makers of typed entries beside it read its element tree.

mod lines;
mod model;

pub use model::{decoded, plain, Author, Comment, Entry, Item, ItemTerm, Site, Term};

use lines::Lines;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::BufRead;

/// The most bytes of the file one item (or author, or term) may take: bodies of a few
/// megabytes exist. Reading stops there, so no more is ever held.
pub const MAX_ITEM_BYTES: usize = 32 * 1024 * 1024;
/// The most elements one item may hold (WordPress writes a few dozen, plus its comments).
pub const MAX_ITEM_ELEMENTS: usize = 100_000;
/// The deepest an item's elements may nest (WordPress writes three levels).
pub const MAX_DEPTH: usize = 16;

/// Why an export could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WxrError {
    #[error("line {line}: not well-formed XML: {detail}")]
    NotXml { line: u64, detail: String },
    #[error("line {line}: the file declares a DOCTYPE, which an export never has; refused before anything in it was read")]
    DocType { line: u64 },
    #[error("line {line}: &{name}; is not an entity XML defines (entities are never declared or expanded)")]
    UnknownEntity { line: u64, name: String },
    #[error("not a WordPress export: {0}")]
    NotWordPress(String),
    #[error("line {line}: the file ends inside <{open}>: it was cut short")]
    Truncated { line: u64, open: String },
    #[error("line {line}: one <{element}> takes more than {limit} MB or {MAX_ITEM_ELEMENTS} elements", limit = MAX_ITEM_BYTES / (1024 * 1024))]
    TooLarge { line: u64, element: String },
    #[error("line {line}: <{element}> nests more than {MAX_DEPTH} levels deep")]
    TooDeep { line: u64, element: String },
    #[error("reading the export failed: {0}")]
    Io(#[from] std::io::Error),
}

/// An element of an item, with its text (all its text children joined) and its children.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
    children: Vec<Node>,
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The text of child `name`, empty when there is none.
    fn text_of(&self, name: &str) -> String {
        self.child(name).map(|c| c.text.clone()).unwrap_or_default()
    }

    fn number_of(&self, name: &str) -> i64 {
        self.child(name)
            .and_then(|c| c.text.trim().parse().ok())
            .unwrap_or(0)
    }

    fn attr(&self, name: &str) -> String {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// Where the reader is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Start,
    Rss,
    Channel,
    End,
}

pub struct WxrReader<R: BufRead> {
    xml: Reader<Lines<R>>,
    buf: Vec<u8>,
    place: Place,
    site: Site,
    /// Whether the site has been handed out (it is, before the first other entry).
    site_given: bool,
    pending: Option<Entry>,
}

impl<R: BufRead> WxrReader<R> {
    pub fn new(input: R) -> Self {
        let mut xml = Reader::from_reader(Lines::new(input));
        let config = xml.config_mut();
        config.expand_empty_elements = true;
        config.check_end_names = true;
        config.trim_text(false);
        Self {
            xml,
            buf: Vec::new(),
            place: Place::Start,
            site: Site::default(),
            site_given: false,
            pending: None,
        }
    }

    fn line(&self) -> u64 {
        self.xml.get_ref().line()
    }

    /// Whether the whole file has been read.
    fn at_end(&mut self) -> bool {
        self.xml
            .get_mut()
            .fill_buf()
            .is_ok_and(|rest| rest.is_empty())
    }

    fn not_xml(&self, e: impl std::fmt::Display) -> WxrError {
        WxrError::NotXml {
            line: self.line(),
            detail: e.to_string(),
        }
    }

    /// The next entry of the export, or `None` at its end.
    pub fn next_entry(&mut self) -> Result<Option<Entry>, WxrError> {
        if let Some(e) = self.pending.take() {
            return Ok(Some(e));
        }
        loop {
            self.buf.clear();
            let event = match self.xml.read_event_into(&mut self.buf) {
                Ok(e) => e.into_owned(),
                Err(e) => return Err(self.not_xml(e)),
            };
            match event {
                Event::DocType(_) => return Err(WxrError::DocType { line: self.line() }),
                Event::Start(start) => {
                    let name = start.name().0.to_string();
                    match (self.place, name.as_str()) {
                        (Place::Start, "rss") => self.place = Place::Rss,
                        (Place::Start, other) => {
                            return Err(WxrError::NotWordPress(format!(
                                "its root element is <{other}>, not <rss>"
                            )))
                        }
                        (Place::Rss, "channel") => self.place = Place::Channel,
                        (Place::Rss, _) => self.skip(&start)?,
                        (Place::Channel, _) => {
                            if let Some(entry) = self.channel_child(&start)? {
                                return Ok(Some(self.after_site(entry)?));
                            }
                        }
                        (Place::End, _) => self.skip(&start)?,
                    }
                }
                Event::End(end) => match (self.place, end.name().0) {
                    (Place::Channel, "channel") => self.place = Place::Rss,
                    (Place::Rss, "rss") => self.place = Place::End,
                    _ => {}
                },
                Event::Text(t)
                    if self.place == Place::Start && !t.xml10_content().trim().is_empty() =>
                {
                    return Err(self.not_xml("text before the first element"));
                }
                Event::Eof => {
                    return match self.place {
                        Place::Start => Err(WxrError::NotWordPress(
                            "the file holds no element at all".into(),
                        )),
                        Place::Rss | Place::Channel => Err(WxrError::Truncated {
                            line: self.line(),
                            open: if self.place == Place::Rss {
                                "rss"
                            } else {
                                "channel"
                            }
                            .into(),
                        }),
                        Place::End => {
                            if self.site_given {
                                Ok(None)
                            } else {
                                self.check_site()?;
                                self.site_given = true;
                                Ok(Some(Entry::Site(self.site.clone())))
                            }
                        }
                    };
                }
                _ => {}
            }
        }
    }

    /// The site first: once, before the first other entry, checked to be an export.
    fn after_site(&mut self, entry: Entry) -> Result<Entry, WxrError> {
        if self.site_given {
            return Ok(entry);
        }
        self.check_site()?;
        self.site_given = true;
        self.pending = Some(entry);
        Ok(Entry::Site(self.site.clone()))
    }

    fn check_site(&self) -> Result<(), WxrError> {
        if self.site.wxr_version.is_empty() {
            return Err(WxrError::NotWordPress(
                "the channel has no wp:wxr_version before its first item".into(),
            ));
        }
        Ok(())
    }

    /// A child of `<channel>`: one of the site's fields (kept), or an author, term or item.
    fn channel_child(&mut self, start: &BytesStart<'_>) -> Result<Option<Entry>, WxrError> {
        let line = self.line();
        let node = self.collect(start)?;
        let site = &mut self.site;
        let field = match node.name.as_str() {
            "title" => &mut site.title,
            "link" => &mut site.link,
            "description" => &mut site.description,
            "language" => &mut site.language,
            "wp:wxr_version" => &mut site.wxr_version,
            "wp:base_site_url" => &mut site.base_site_url,
            "wp:base_blog_url" => &mut site.base_blog_url,
            "wp:author" => return Ok(Some(Entry::Author(author(&node)))),
            "wp:category" | "wp:tag" | "wp:term" => return Ok(Some(Entry::Term(term(&node)))),
            "item" => return Ok(Some(Entry::Item(Box::new(item(&node, line))))),
            _ => return Ok(None),
        };
        *field = node.text.trim().to_string();
        Ok(None)
    }

    /// Reads the element `start` opened, whole, as a tree; bounded in bytes read, elements and
    /// depth.
    fn collect(&mut self, start: &BytesStart<'_>) -> Result<Node, WxrError> {
        self.xml.get_mut().limit_from_here(MAX_ITEM_BYTES as u64);
        let collected = self.collect_within_budget(start);
        self.xml.get_mut().unlimited();
        self.buf = Vec::new();
        collected
    }

    fn collect_within_budget(&mut self, start: &BytesStart<'_>) -> Result<Node, WxrError> {
        let name = start.name().0.to_string();
        let too_large = |line| WxrError::TooLarge {
            line,
            element: name.clone(),
        };
        let mut stack = vec![self.node(start)?];
        let mut elements = 1usize;
        loop {
            self.buf.clear();
            let read = self
                .xml
                .read_event_into(&mut self.buf)
                .map(|e| e.into_owned());
            let event = match read {
                Ok(e) => e,
                Err(_) if self.xml.get_ref().over_budget() => return Err(too_large(self.line())),
                // The file ends inside a tag, comment or CDATA section: cut short.
                Err(quick_xml::Error::Syntax(_)) if self.at_end() => {
                    return Err(WxrError::Truncated {
                        line: self.line(),
                        open: stack.last().map(|n| n.name.clone()).unwrap_or_default(),
                    })
                }
                Err(e) => return Err(self.not_xml(e)),
            };
            let text = match event {
                Event::Start(s) => {
                    elements += 1;
                    if elements > MAX_ITEM_ELEMENTS {
                        return Err(too_large(self.line()));
                    }
                    if stack.len() >= MAX_DEPTH {
                        return Err(WxrError::TooDeep {
                            line: self.line(),
                            element: stack[0].name.clone(),
                        });
                    }
                    let node = self.node(&s)?;
                    stack.push(node);
                    continue;
                }
                Event::End(_) => {
                    let done = stack.pop().expect("the stack holds the open elements");
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(done),
                        None => return Ok(done),
                    }
                    continue;
                }
                Event::Text(t) => t.xml10_content().into_owned(),
                Event::CData(c) => c.into_inner().into_owned(),
                Event::GeneralRef(r) => {
                    let name = r.xml10_content().into_owned();
                    match r.resolve_char_ref() {
                        Ok(Some(ch)) => ch.to_string(),
                        Ok(None) => match resolve_predefined_entity(&name) {
                            Some(s) => s.to_string(),
                            None => {
                                return Err(WxrError::UnknownEntity {
                                    line: self.line(),
                                    name,
                                })
                            }
                        },
                        Err(e) => return Err(self.not_xml(e)),
                    }
                }
                Event::DocType(_) => return Err(WxrError::DocType { line: self.line() }),
                Event::Eof => {
                    return Err(WxrError::Truncated {
                        line: self.line(),
                        open: stack.last().map(|n| n.name.clone()).unwrap_or_default(),
                    })
                }
                _ => continue,
            };
            stack
                .last_mut()
                .expect("the stack holds the open elements")
                .text
                .push_str(&text);
        }
    }

    /// Reads past an element nobody needs, keeping to the same bounds.
    fn skip(&mut self, start: &BytesStart<'_>) -> Result<(), WxrError> {
        self.collect(start).map(|_| ())
    }

    fn node(&self, start: &BytesStart<'_>) -> Result<Node, WxrError> {
        let mut attrs = Vec::new();
        for a in start.attributes() {
            let a = a.map_err(|e| self.not_xml(e))?;
            let value = a
                .normalized_value(quick_xml::XmlVersion::default())
                .map_err(|e| self.not_xml(e))?;
            attrs.push((a.key.0.to_string(), value.into_owned()));
        }
        Ok(Node {
            name: start.name().0.to_string(),
            attrs,
            ..Node::default()
        })
    }
}

fn author(n: &Node) -> Author {
    Author {
        id: n
            .child("wp:author_id")
            .and_then(|c| c.text.trim().parse().ok()),
        login: n.text_of("wp:author_login").trim().to_string(),
        email: n.text_of("wp:author_email").trim().to_string(),
        display_name: plain(&n.text_of("wp:author_display_name")),
        first_name: plain(&n.text_of("wp:author_first_name")),
        last_name: plain(&n.text_of("wp:author_last_name")),
    }
}

fn term(n: &Node) -> Term {
    let id = n
        .child("wp:term_id")
        .and_then(|c| c.text.trim().parse().ok());
    match n.name.as_str() {
        "wp:category" => Term {
            id,
            taxonomy: "category".into(),
            slug: n.text_of("wp:category_nicename").trim().to_string(),
            parent_slug: n.text_of("wp:category_parent").trim().to_string(),
            name: plain(&n.text_of("wp:cat_name")),
            description: n.text_of("wp:category_description"),
        },
        "wp:tag" => Term {
            id,
            taxonomy: "post_tag".into(),
            slug: n.text_of("wp:tag_slug").trim().to_string(),
            parent_slug: String::new(),
            name: plain(&n.text_of("wp:tag_name")),
            description: n.text_of("wp:tag_description"),
        },
        _ => Term {
            id,
            taxonomy: n.text_of("wp:term_taxonomy").trim().to_string(),
            slug: n.text_of("wp:term_slug").trim().to_string(),
            parent_slug: n.text_of("wp:term_parent").trim().to_string(),
            name: plain(&n.text_of("wp:term_name")),
            description: n.text_of("wp:term_description"),
        },
    }
}

fn item(n: &Node, line: u64) -> Item {
    let mut it = Item {
        line,
        title: plain(&n.text_of("title")),
        link: n.text_of("link").trim().to_string(),
        guid: n.text_of("guid").trim().to_string(),
        content: n.text_of("content:encoded"),
        excerpt: n.text_of("excerpt:encoded"),
        creator: n.text_of("dc:creator").trim().to_string(),
        post_id: n.number_of("wp:post_id"),
        post_date: n.text_of("wp:post_date").trim().to_string(),
        post_date_gmt: n.text_of("wp:post_date_gmt").trim().to_string(),
        post_modified_gmt: n.text_of("wp:post_modified_gmt").trim().to_string(),
        comment_status: n.text_of("wp:comment_status").trim().to_string(),
        post_name: n.text_of("wp:post_name").trim().to_string(),
        status: n.text_of("wp:status").trim().to_string(),
        post_parent: n.number_of("wp:post_parent"),
        menu_order: n.number_of("wp:menu_order"),
        post_type: n.text_of("wp:post_type").trim().to_string(),
        post_password: n.text_of("wp:post_password"),
        is_sticky: n.text_of("wp:is_sticky").trim() == "1",
        attachment_url: n.text_of("wp:attachment_url").trim().to_string(),
        ..Item::default()
    };
    for c in &n.children {
        match c.name.as_str() {
            "category" => it.terms.push(ItemTerm {
                domain: c.attr("domain"),
                slug: c.attr("nicename"),
                name: plain(&c.text),
            }),
            "wp:postmeta" => it.meta.push((
                c.text_of("wp:meta_key").trim().to_string(),
                c.text_of("wp:meta_value"),
            )),
            "wp:comment" => it.comments.push(Comment {
                id: c.number_of("wp:comment_id"),
                author: plain(&c.text_of("wp:comment_author")),
                author_email: c.text_of("wp:comment_author_email").trim().to_string(),
                author_url: c.text_of("wp:comment_author_url").trim().to_string(),
                author_ip: c.text_of("wp:comment_author_IP").trim().to_string(),
                date_gmt: c.text_of("wp:comment_date_gmt").trim().to_string(),
                content: c.text_of("wp:comment_content"),
                approved: c.text_of("wp:comment_approved").trim().to_string(),
                kind: c.text_of("wp:comment_type").trim().to_string(),
                parent: c.number_of("wp:comment_parent"),
                user_id: c.number_of("wp:comment_user_id"),
            }),
            _ => {}
        }
    }
    it
}

/// Every entry of an export held in memory (tests and small files).
pub fn read_all(input: impl BufRead) -> Result<Vec<Entry>, WxrError> {
    let mut reader = WxrReader::new(input);
    let mut all = Vec::new();
    while let Some(e) = reader.next_entry()? {
        all.push(e);
    }
    Ok(all)
}

#[cfg(test)]
mod tests;
