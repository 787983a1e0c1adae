//! A WordPress body made into the portal's: block markup loses its delimiter comments; classic
//! HTML gets the paragraphs WordPress only adds when it shows a post (its `wpautop`: blank lines
//! make paragraphs, single newlines line breaks); the common shortcodes become HTML (`[caption]`
//! a figure, `[gallery]` its pictures, `[embed]`, `[audio]` and `[video]` a link) and any other
//! shortcode is dropped; each is listed for the report. Pictures from the old site's uploads
//! are pointed at the library's copies by the caller's map. The result is HTML blocks a blank
//! line apart, each starting with a tag at the line's start, so the Markdown renderer passes
//! them through whole, and the sanitiser then keeps what is safe (no script survives).
//!
//! Written by hand: no crate converts WordPress's own markup (its shortcode grammar and
//! `wpautop` are PHP functions of WordPress).
//!
//! Over 400 lines: one small pass per kind of markup (verbatim blocks set aside, block comments,
//! paragraphs, shortcodes, pictures, blocks), which only make sense in this order.

use std::collections::BTreeMap;

/// What a body's conversion did with its shortcodes, by name: how many were converted and
/// how many dropped.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Shortcodes {
    pub converted: BTreeMap<String, usize>,
    pub dropped: BTreeMap<String, usize>,
}

/// A body converted, with what became of its shortcodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub html: String,
    pub shortcodes: Shortcodes,
}

/// The old site's pictures as the import knows them.
pub trait Pictures {
    /// The library's address for an old picture's URL (any of its sizes), if imported.
    fn picture_for_url(&self, url: &str) -> Option<String>;
    /// The library's address and alt text of attachment `id`, if imported.
    fn picture_for_id(&self, id: i64) -> Option<(String, String)>;
}

/// Converts `content` (block markup or classic HTML) into the portal's body.
pub fn convert(content: &str, pictures: &dyn Pictures) -> Converted {
    let mut shortcodes = Shortcodes::default();
    let blocks = content.contains("<!-- wp:");
    let text = if blocks {
        strip_block_comments(content)
    } else {
        content.to_string()
    };
    let (text, kept) = set_aside(&text);
    let text = expand_shortcodes(&text, pictures, &mut shortcodes);
    let html = if blocks { text } else { autop(&text) };
    let html = as_blocks(&point_pictures(&html, pictures));
    Converted {
        html: put_back(&html, &kept),
        shortcodes,
    }
}

/// Elements whose text is kept exactly: blank lines and indentation inside them are theirs.
const VERBATIM: &[&str] = &["pre", "script", "style", "textarea"];

/// A placeholder for the `n`th verbatim element, alone in its block.
fn placeholder(n: usize) -> String {
    format!("\n\n\u{E000}{n}\u{E001}\n\n")
}

/// The first verbatim element's opening at or after `from`: `<pre>` or `<pre …>`, not
/// `<prefix>`; with its name.
fn next_verbatim(lower: &str, from: usize) -> Option<(usize, &'static str)> {
    VERBATIM
        .iter()
        .filter_map(|t| {
            let open = format!("<{t}");
            let mut at = from;
            while let Some(i) = lower[at..].find(&open) {
                let after = lower.as_bytes().get(at + i + open.len());
                if matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'/')) {
                    return Some((at + i, *t));
                }
                at += i + open.len();
            }
            None
        })
        .min()
}

/// Replaces every verbatim element (`<pre>…</pre>` and the like) by a placeholder block, and
/// returns them in order.
fn set_aside(s: &str) -> (String, Vec<String>) {
    let lower = s.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut kept = Vec::new();
    let mut at = 0;
    while let Some((start, tag)) = next_verbatim(&lower, at) {
        let close = format!("</{tag}>");
        let end = lower[start..]
            .find(&close)
            .map(|i| start + i + close.len())
            .unwrap_or(s.len());
        out.push_str(&s[at..start]);
        out.push_str(&placeholder(kept.len()));
        kept.push(s[start..end].to_string());
        at = end;
    }
    out.push_str(&s[at..]);
    (out, kept)
}

fn put_back(html: &str, kept: &[String]) -> String {
    let mut out = html.to_string();
    for (n, element) in kept.iter().enumerate() {
        out = out.replacen(&format!("\u{E000}{n}\u{E001}"), element, 1);
    }
    out
}

/// Removes `<!-- wp:name {…} -->`, `<!-- /wp:name -->` and `<!-- wp:name /-->`.
fn strip_block_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        let after = &rest[i + 4..];
        let trimmed = after.trim_start();
        let is_block = trimmed.starts_with("wp:") || trimmed.starts_with("/wp:");
        match after.find("-->") {
            Some(end) if is_block => {
                out.push_str(&rest[..i]);
                rest = &after[end + 3..];
            }
            _ => {
                out.push_str(&rest[..i + 4]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Block-level elements `wpautop` does not wrap in a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "iframe",
    "script",
    "style",
    "audio",
    "video",
];

fn starts_with_block(chunk: &str) -> bool {
    let Some(rest) = chunk.trim_start().strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    BLOCK_TAGS.contains(&name.as_str())
}

/// WordPress's automatic paragraphs, as far as posts need them: blank lines separate
/// paragraphs, a single newline inside one is a line break, and a chunk that already starts
/// with a block element is left as it is.
fn autop(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    let mut out = Vec::new();
    for chunk in s.split("\n\n") {
        let chunk = chunk.trim_matches('\n');
        if chunk.trim().is_empty() {
            continue;
        }
        if starts_with_block(chunk) || chunk.trim_start().starts_with('\u{E000}') {
            out.push(chunk.to_string());
        } else {
            out.push(format!("<p>{}</p>", chunk.trim().replace('\n', "<br>\n")));
        }
    }
    out.join("\n\n")
}

/// A shortcode's attributes, names lower-cased, in their order.
type Attrs = Vec<(String, String)>;

/// A shortcode found in the text: its name, attributes, enclosed content, and where it was.
struct Found {
    name: String,
    attrs: Attrs,
    inner: Option<String>,
    start: usize,
    end: usize,
}

/// Reads `name attr="v" attr2='w' bare` up to `]`: its name, its attributes and the length of `name …]`.
fn parse_open(s: &str) -> Option<(String, Attrs, usize)> {
    let body_end = s.find(']')?;
    let body = &s[..body_end];
    let name: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    if name.is_empty() || !name.chars().next()?.is_ascii_alphabetic() {
        return None;
    }
    let mut attrs = Vec::new();
    let mut rest = body[name.len()..].trim_start();
    if !body[name.len()..].is_empty() && !body[name.len()..].starts_with([' ', '/', '\t']) {
        return None;
    }
    while !rest.is_empty() && rest != "/" {
        let key: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '=')
            .collect();
        rest = rest[key.len()..].trim_start();
        let value = if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let (v, after) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let close = r[1..].find(q).map(|i| i + 1).unwrap_or(r.len());
                    (&r[1..close], r.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = r.find(char::is_whitespace).unwrap_or(r.len());
                    (&r[..end], &r[end..])
                }
            };
            rest = after.trim_start();
            v.to_string()
        } else {
            String::new()
        };
        if key.is_empty() {
            break;
        }
        attrs.push((key.to_ascii_lowercase(), value));
    }
    Some((name.to_ascii_lowercase(), attrs, body_end + 1))
}

/// The next shortcode from `from`: `[name …]`, with its content up to `[/name]` when closed.
fn next_shortcode(s: &str, from: usize) -> Option<Found> {
    let mut at = from;
    while let Some(i) = s[at..].find('[') {
        let start = at + i;
        let after = &s[start + 1..];
        if after.starts_with('[') || after.starts_with('/') {
            at = start + 1;
            continue;
        }
        if let Some((name, attrs, len)) = parse_open(after) {
            let open_end = start + 1 + len;
            let close = format!("[/{name}]");
            let (inner, end) = match s[open_end..].find(&close) {
                Some(j) => (
                    Some(s[open_end..open_end + j].to_string()),
                    open_end + j + close.len(),
                ),
                None => (None, open_end),
            };
            // A bare word in brackets ("[sic]", "[1]") is text, not a shortcode.
            let looks_like_one = KNOWN.contains(&name.as_str())
                || !attrs.is_empty()
                || inner.is_some()
                || name.contains(['-', '_']);
            if looks_like_one {
                return Some(Found {
                    name,
                    attrs,
                    inner,
                    start,
                    end,
                });
            }
        }
        at = start + 1;
    }
    None
}

const KNOWN: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "audio",
    "video",
];

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

fn escape(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// A link to a media file or an embedded page: what the portal shows instead of a player.
fn link(label: &str, url: &str) -> String {
    let name = url.rsplit('/').next().unwrap_or(url);
    format!(
        "\n\n<p><a href=\"{}\">{}{}</a></p>\n\n",
        escape(url),
        label,
        escape(if name.is_empty() { url } else { name })
    )
}

fn expand_shortcodes(s: &str, pictures: &dyn Pictures, report: &mut Shortcodes) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    while let Some(f) = next_shortcode(s, at) {
        out.push_str(&s[at..f.start]);
        at = f.end;
        let inner = f.inner.clone().unwrap_or_default();
        let made = match f.name.as_str() {
            "caption" | "wp_caption" => {
                // `<img …> Caption text`, or `<a …><img …></a> Caption text`: the picture
                // (with its link), then the words, which may hold links of their own.
                let body = inner.trim_start();
                let lower = body.to_ascii_lowercase();
                let split = if lower.starts_with("<img") {
                    lower.find('>').map(|i| i + 1)
                } else if lower.starts_with("<a ") || lower.starts_with("<a>") {
                    lower.find("</a>").map(|i| i + 4)
                } else {
                    None
                };
                let (image, words) = match split {
                    Some(i) => (&body[..i], body[i..].trim()),
                    None => ("", body.trim()),
                };
                let words = attr(&f.attrs, "caption").unwrap_or(words);
                Some(format!(
                    "\n\n<figure>{}<figcaption>{}</figcaption></figure>\n\n",
                    image.trim(),
                    words
                ))
            }
            "gallery" => {
                let ids = attr(&f.attrs, "ids").unwrap_or("");
                let images: Vec<String> = ids
                    .split(',')
                    .filter_map(|id| id.trim().parse().ok())
                    .filter_map(|id| pictures.picture_for_id(id))
                    .map(|(src, alt)| {
                        format!(
                            "<li><img src=\"{}\" alt=\"{}\"></li>",
                            escape(&src),
                            escape(&alt)
                        )
                    })
                    .collect();
                (!images.is_empty())
                    .then(|| format!("\n\n<ul class=\"gallery\">{}</ul>\n\n", images.concat()))
            }
            "embed" => {
                let url = inner.trim();
                (!url.is_empty()).then(|| link("", url))
            }
            "audio" | "video" => {
                let url = ["src", "mp3", "m4a", "ogg", "wav", "mp4", "webm", "ogv"]
                    .iter()
                    .find_map(|k| attr(&f.attrs, k))
                    .map(str::to_string)
                    .or_else(|| Some(inner.trim().to_string()).filter(|u| !u.is_empty()));
                let label = if f.name == "audio" {
                    "Listen: "
                } else {
                    "Watch: "
                };
                url.map(|u| link(label, &u))
            }
            _ => None,
        };
        let tally = if made.is_some() {
            &mut report.converted
        } else {
            &mut report.dropped
        };
        *tally.entry(f.name.clone()).or_default() += 1;
        out.push_str(&made.unwrap_or_default());
    }
    out.push_str(&s[at..]);
    out
}

/// Every `src="…"` and `href="…"` of an old picture pointed at the library's copy.
fn point_pictures(html: &str, pictures: &dyn Pictures) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("=\"") {
        let (head, tail) = rest.split_at(i + 2);
        out.push_str(head);
        let Some(end) = tail.find('"') else {
            rest = tail;
            break;
        };
        let value = &tail[..end];
        let is_src = head.ends_with("src=\"") || head.ends_with("href=\"");
        match pictures.picture_for_url(value).filter(|_| is_src) {
            Some(new) => out.push_str(&new),
            None => out.push_str(value),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// One HTML block per blank-line-separated chunk, each starting at its line's start with no
/// indentation (so Markdown takes none of it for a code block) and no blank line inside.
fn as_blocks(html: &str) -> String {
    html.replace("\r\n", "\n")
        .split("\n\n")
        .map(|chunk| {
            chunk
                .lines()
                .map(str::trim_start)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|c| !c.is_empty())
        .map(|c| {
            if c.starts_with('<') || c.starts_with('\u{E000}') {
                c
            } else {
                format!("<p>{c}</p>")
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests;
