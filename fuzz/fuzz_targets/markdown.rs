//! An author's Markdown made into a reader's HTML (pulldown-cmark, then the library's pictures,
//! then ammonia). Nothing may panic, and nothing that runs script may come out.
#![no_main]

#[path = "safe_html.rs"]
mod safe_html;

use libfuzzer_sys::fuzz_target;
use timelines::server::text::{markdown_to_safe_html, media_keys, plain_text, word_count, MediaSizes};

fuzz_target!(|markdown: &str| {
    // Pictures the library holds, by the keys the body names: the <img> path runs too.
    let sizes: MediaSizes = media_keys(markdown)
        .into_iter()
        .map(|key| (key, (768, 512)))
        .collect();
    let html = markdown_to_safe_html(markdown, &sizes);
    safe_html::assert_safe(&html, &markdown);
    let _ = word_count(markdown);
    let _ = plain_text(markdown);
});
