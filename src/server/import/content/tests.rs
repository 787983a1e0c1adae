use super::*;
use crate::server::text::{markdown_to_safe_html, MediaSizes};

/// Attachment 40 is imported as library picture KEY; 42 was not.
struct Library;
const KEY: &str = "0123456789abcdef0123";

impl Pictures for Library {
    fn picture_for_url(&self, url: &str) -> Option<String> {
        url.contains("/wp-content/uploads/2026/04/harbour-cranes")
            .then(|| format!("/media/{KEY}/1024.jpg"))
    }
    fn picture_for_id(&self, id: i64) -> Option<(String, String)> {
        (id == 40).then(|| (format!("/media/{KEY}/768.jpg"), "Cranes at dawn".into()))
    }
}

fn sizes() -> MediaSizes {
    [(KEY.to_string(), (1600, 1067))].into_iter().collect()
}

#[test]
fn block_markup_loses_its_comments_and_keeps_its_html() {
    let c = convert(
        "<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:separator /-->\n\n<!-- wp:heading {\"level\":3} -->\n<h3>Two</h3>\n<!-- /wp:heading -->\n<!-- a plain comment -->",
        &Library,
    );
    assert_eq!(
        c.html,
        "<p>One.</p>\n\n<h3>Two</h3>\n\n<!-- a plain comment -->"
    );
}

#[test]
fn classic_html_gets_its_paragraphs_and_line_breaks() {
    let c = convert("First line\nsame paragraph.\n\nSecond <em>para</em>.\n\n<h2>Heading</h2>\n\n<ul>\n  <li>one</li>\n</ul>", &Library);
    assert_eq!(
        c.html,
        "<p>First line<br>\nsame paragraph.</p>\n\n<p>Second <em>para</em>.</p>\n\n<h2>Heading</h2>\n\n<ul>\n<li>one</li>\n</ul>"
    );
}

#[test]
fn captions_become_figures_with_the_library_picture() {
    let c = convert(
        "[caption id=\"attachment_40\" align=\"aligncenter\" width=\"1024\"]<img class=\"wp-image-40\" src=\"https://old.example/wp-content/uploads/2026/04/harbour-cranes-1024x683.jpg\" alt=\"Cranes\" width=\"1024\" height=\"683\" /> The quay at dawn.[/caption]",
        &Library,
    );
    assert!(
        c.html.starts_with(
            "<figure><img class=\"wp-image-40\" src=\"/media/0123456789abcdef0123/1024.jpg\""
        ),
        "{}",
        c.html
    );
    assert!(
        c.html
            .ends_with("<figcaption>The quay at dawn.</figcaption></figure>"),
        "{}",
        c.html
    );
    assert_eq!(c.shortcodes.converted.get("caption"), Some(&1));
    let shown = markdown_to_safe_html(&c.html, &sizes());
    assert!(
        shown.contains(&format!("src=\"/media/{KEY}/1024.jpg\"")),
        "{shown}"
    );
    assert!(
        shown.contains("<figcaption>The quay at dawn.</figcaption>"),
        "{shown}"
    );
}

#[test]
fn galleries_embeds_audio_and_video_are_converted_and_others_dropped() {
    let c = convert(
        "Before.\n\n[gallery ids=\"40,42\"]\n\n[embed]https://video.example/watch?v=1[/embed]\n\n[audio mp3=\"https://old.example/a/foghorn.mp3\"][/audio]\n\n[video src=\"https://old.example/a/storm.mp4\"]\n\n[contact-form-7 id=\"12\" title=\"Tips\"]\n\n[gallery ids=\"99\"]\n\nA note [sic] and a footnote [1] stay.",
        &Library,
    );
    assert!(c.html.contains(&format!("<ul class=\"gallery\"><li><img src=\"/media/{KEY}/768.jpg\" alt=\"Cranes at dawn\"></li></ul>")), "{}", c.html);
    assert!(
        c.html
            .contains("<p><a href=\"https://video.example/watch?v=1\">watch?v=1</a></p>"),
        "{}",
        c.html
    );
    assert!(
        c.html.contains(
            "<p><a href=\"https://old.example/a/foghorn.mp3\">Listen: foghorn.mp3</a></p>"
        ),
        "{}",
        c.html
    );
    assert!(
        c.html
            .contains("<p><a href=\"https://old.example/a/storm.mp4\">Watch: storm.mp4</a></p>"),
        "{}",
        c.html
    );
    assert!(!c.html.contains("contact-form"), "{}", c.html);
    assert!(
        c.html.contains("A note [sic] and a footnote [1] stay."),
        "{}",
        c.html
    );
    let s = &c.shortcodes;
    assert_eq!(
        (
            s.converted.get("gallery"),
            s.converted.get("embed"),
            s.converted.get("audio"),
            s.converted.get("video")
        ),
        (Some(&1), Some(&1), Some(&1), Some(&1))
    );
    assert_eq!(s.dropped.get("contact-form-7"), Some(&1));
    assert_eq!(
        s.dropped.get("gallery"),
        Some(&1),
        "a gallery of nothing imported"
    );
}

#[test]
fn nothing_that_runs_script_survives_the_sanitiser() {
    let c = convert(
        "<!-- wp:html -->\n<script>alert(1)</script>\n<iframe src=\"https://evil.example\"></iframe>\n<p onclick=\"x()\">Text <a href=\"javascript:alert(1)\">link</a></p>\n<!-- /wp:html -->",
        &Library,
    );
    let shown = markdown_to_safe_html(&c.html, &sizes());
    for bad in ["<script", "alert(1)", "<iframe", "onclick", "javascript:"] {
        assert!(!shown.contains(bad), "{bad} in {shown}");
    }
    assert!(shown.contains("Text"), "{shown}");
}

#[test]
fn indented_html_is_not_taken_for_code() {
    let c = convert(
        "<div>\n        <p>Indented by an editor</p>\n</div>",
        &Library,
    );
    let shown = markdown_to_safe_html(&c.html, &sizes());
    assert!(!shown.contains("<code>"), "{shown}");
    assert!(shown.contains("<p>Indented by an editor</p>"), "{shown}");
}

#[test]
fn preformatted_text_keeps_its_blank_lines_and_indentation() {
    let code = "<pre><code>fn main() {\n    let a = 1;\n\n    let b = 2;\n}</code></pre>";
    for body in [
        format!("Before.\n\n{code}\n\nAfter."),
        format!("<!-- wp:code -->\n{code}\n<!-- /wp:code -->"),
    ] {
        let c = convert(&body, &Library);
        assert!(c.html.contains(code), "{}", c.html);
        let shown = markdown_to_safe_html(&c.html, &sizes());
        assert!(
            shown.contains("\n    let a = 1;\n\n    let b = 2;"),
            "{shown}"
        );
    }
}

#[test]
fn a_caption_keeps_a_link_in_its_words() {
    let c = convert(
        "[caption id=\"attachment_40\"]<a href=\"https://old.example/full.jpg\"><img src=\"https://old.example/wp-content/uploads/2026/04/harbour-cranes.jpg\" alt=\"Cranes\"></a> Photo: <a href=\"https://jo.example\">Jo</a>[/caption]",
        &Library,
    );
    assert!(
        c.html.ends_with(
            "<figcaption>Photo: <a href=\"https://jo.example\">Jo</a></figcaption></figure>"
        ),
        "{}",
        c.html
    );
}
