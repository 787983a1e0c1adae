//! A WordPress export (WXR) read as the importer reads it, each post's body converted to the
//! portal's and rendered as a reader would see it. Malformed XML must be an error, never a
//! panic; no script may reach the rendered body.
#![no_main]

#[path = "safe_html.rs"]
mod safe_html;

use libfuzzer_sys::fuzz_target;
use timelines::server::import::content::{convert, Pictures};
use timelines::server::import::wxr::{read_all, Entry};
use timelines::server::text::{markdown_to_safe_html, MediaSizes};

/// An old site whose pictures were all imported, so the picture paths run too.
struct Imported;

impl Pictures for Imported {
    fn picture_for_url(&self, url: &str) -> Option<String> {
        url.contains("/wp-content/uploads/")
            .then(|| "/media/0123456789abcdef/768.jpg".to_string())
    }
    fn picture_for_id(&self, id: i64) -> Option<(String, String)> {
        (id % 2 == 0).then(|| ("/media/0123456789abcdef/768.jpg".into(), "A picture".into()))
    }
}

fn check(content: &str) {
    let converted = convert(content, &Imported);
    let html = markdown_to_safe_html(&converted.html, &MediaSizes::new());
    safe_html::assert_safe(&html, &content);
}

fuzz_target!(|data: &[u8]| {
    // The bytes as a whole export, and as one post's body inside a valid one.
    if let Ok(entries) = read_all(data) {
        for entry in entries {
            if let Entry::Item(item) = entry {
                check(&item.content);
                check(&item.excerpt);
            }
        }
    }
    if let Ok(body) = std::str::from_utf8(data) {
        check(body);
    }
});
