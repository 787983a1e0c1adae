//! Writing XML: text XML 1.0 can carry, the date formats feeds and sitemaps use, and small
//! quick-xml helpers.

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;
use std::borrow::Cow;
use std::io;
use std::time::{Duration, UNIX_EPOCH};
use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::OffsetDateTime;

pub const NS_ATOM: &str = "http://www.w3.org/2005/Atom";
pub const NS_CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
pub const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
/// Media RSS, for an item's picture.
pub const NS_MEDIA: &str = "http://search.yahoo.com/mrss/";
/// Google's image sitemap extension.
pub const NS_IMAGE: &str = "http://www.google.com/schemas/sitemap-image/1.1";
pub const NS_SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
pub const NS_NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// Text XML 1.0 can carry: everything but the C0 controls other than tab, line feed and
/// carriage return, and U+FFFE/U+FFFF (Rust strings hold no lone surrogates). quick-xml escapes
/// the markup characters when the text is written.
pub fn xml_text(s: &str) -> Cow<'_, str> {
    fn allowed(c: char) -> bool {
        matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
    }
    if s.chars().all(allowed) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| allowed(c)).collect())
    }
}

/// RFC 2822 (RSS dates): `Sun, 07 Apr 2024 09:30:00 +0000`.
pub fn rfc2822(unix: i64) -> String {
    utc(unix)
        .format(&Rfc2822)
        .unwrap_or_else(|_| "Thu, 01 Jan 1970 00:00:00 +0000".into())
}

/// RFC 3339, which is also a W3C datetime (Atom and sitemaps): `2024-04-07T09:30:00Z`.
pub fn rfc3339(unix: i64) -> String {
    utc(unix)
        .format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}

/// The HTTP date of `Last-Modified`: `Sun, 07 Apr 2024 09:30:00 GMT` (dates before 1970 are
/// written as 1970).
pub fn http_date(unix: i64) -> String {
    let secs = u64::try_from(unix).unwrap_or(0);
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(secs))
}

#[cfg(test)]
fn parse_http_date(s: &str) -> Option<i64> {
    let t = httpdate::parse_http_date(s.trim()).ok()?;
    i64::try_from(t.duration_since(UNIX_EPOCH).ok()?.as_secs()).ok()
}

fn utc(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub type Xml = Writer<Vec<u8>>;

pub fn new_document() -> io::Result<Xml> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(w)
}

/// `<name>text</name>`, the text cleaned and escaped.
pub fn text(w: &mut Xml, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(&xml_text(value)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "<script>alert(\"x\")</script> Tom & Jerry's \u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{FFFE}\u{FFFF}end\ttab";

    #[test]
    fn dates_are_rfc_2822_rfc_3339_and_http_dates() {
        // 2024-04-07T09:30:00Z, a Sunday.
        assert_eq!(rfc2822(1_712_482_200), "Sun, 07 Apr 2024 09:30:00 +0000");
        assert_eq!(rfc3339(1_712_482_200), "2024-04-07T09:30:00Z");
        assert_eq!(http_date(1_712_482_200), "Sun, 07 Apr 2024 09:30:00 GMT");
        assert_eq!(
            parse_http_date("Sun, 07 Apr 2024 09:30:00 GMT"),
            Some(1_712_482_200)
        );
        assert_eq!(parse_http_date("yesterday"), None);
        // Out of range stays well formed rather than failing the feed.
        assert_eq!(rfc2822(i64::MAX), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn text_xml_cannot_carry_is_removed() {
        assert_eq!(xml_text("plain"), Cow::Borrowed("plain"));
        assert_eq!(
            xml_text(HOSTILE),
            "<script>alert(\"x\")</script> Tom & Jerry's end\ttab"
        );
        assert_eq!(xml_text("línea\r\nعربي 😀"), "línea\r\nعربي 😀");
    }
}
