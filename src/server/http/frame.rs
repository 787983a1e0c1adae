//! The frame's HTML (ticker, header, navigation bar, topic bar, off-canvas menu, search dialog),
//! rendered once for the site's menus and trending list and reused by every page that shows the
//! same. Rendering it (some two hundred menu entries, each a component with its own reactive
//! owner, signals and closures) was a fifth of an article's render with the page cache off
//! (issue 12).
//!
//! A render of the frame depends on the site info and on the path shown, and on the path only
//! through the links that mark themselves as the current page (`NavLink`: `aria-current` when
//! the path is its `href`), each of which writes that `href` into the frame. So the frame of a
//! path that no `href` in it names (an article, a tag, a search) is the same for every such
//! path, and is kept once; the frame of a page a menu links to (a section, the front page) is
//! kept per path, at most [`MAX_MARKED`] of them. All of it is dropped when the site info
//! changes (a write, a new day, trending moving on, a relative time ticking over).
//!
//! The sidebar (Editors' Picks, Latest News, the ad slot) is kept the same way in a
//! [`KeptHtml`]: it depends on its data alone.

use crate::model::SiteInfo;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Paths whose frame marks a link, kept at once (a menu has a few dozen links).
const MAX_MARKED: usize = 256;

#[derive(Debug, Default)]
pub struct FrameCache {
    kept: Mutex<Option<Kept>>,
}

#[derive(Debug)]
struct Kept {
    site: SiteInfo,
    /// The frame of any path no link of it points to.
    unmarked: Option<Arc<str>>,
    /// The frames of paths a link points to.
    marked: HashMap<String, Arc<str>>,
}

impl FrameCache {
    /// The frame's HTML for `site` shown at `path`: kept, or else `render`ed (for this `path`)
    /// and kept.
    pub fn html(&self, site: &SiteInfo, path: &str, render: impl FnOnce() -> String) -> Arc<str> {
        if let Some(html) = self.find(site, path) {
            return html;
        }
        let html: Arc<str> = render().into();
        let marked = links_to(&html, path);
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let k = match &mut *kept {
            Some(k) if k.site == *site => k,
            slot => slot.insert(Kept {
                site: site.clone(),
                unmarked: None,
                marked: HashMap::new(),
            }),
        };
        if !marked {
            k.unmarked = Some(html.clone());
        } else if k.marked.len() < MAX_MARKED {
            k.marked.insert(path.to_owned(), html.clone());
        }
        html
    }

    fn find(&self, site: &SiteInfo, path: &str) -> Option<Arc<str>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let k = kept.as_ref().filter(|k| k.site == *site)?;
        if let Some(html) = k.marked.get(path) {
            return Some(html.clone());
        }
        k.unmarked
            .as_ref()
            .filter(|html| !links_to(html, path))
            .cloned()
    }
}

/// The HTML rendered from one value, kept while the value stays the same.
#[derive(Debug)]
pub struct KeptHtml<K> {
    kept: Mutex<Option<(K, Arc<str>)>>,
}

impl<K> Default for KeptHtml<K> {
    fn default() -> Self {
        Self {
            kept: Mutex::new(None),
        }
    }
}

impl<K: PartialEq + Clone> KeptHtml<K> {
    /// The HTML rendered from `key`: kept, or else `render`ed and kept.
    pub fn html(&self, key: &K, render: impl FnOnce() -> String) -> Arc<str> {
        if let Some((k, html)) = &*self.kept.lock().unwrap_or_else(|e| e.into_inner()) {
            if k == key {
                return html.clone();
            }
        }
        let html: Arc<str> = render().into();
        *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some((key.clone(), html.clone()));
        html
    }
}

/// Whether `html` has a link to `path` (an `href` attribute as Leptos writes it).
fn links_to(html: &str, path: &str) -> bool {
    let needle = format!(
        "href=\"{}\"",
        html_escape::encode_double_quoted_attribute(path)
    );
    memchr::memmem::find(html.as_bytes(), needle.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::{FrameCache, KeptHtml};
    use crate::model::{Image, Menus, SiteInfo};
    use std::cell::Cell;

    fn site(name: &str) -> SiteInfo {
        let image = Image {
            src: String::new(),
            width: 1,
            height: 1,
            alt: String::new(),
        };
        SiteInfo {
            name: name.into(),
            lang: "en".into(),
            dir: "ltr".into(),
            tagline: String::new(),
            public_url: String::new(),
            today: String::new(),
            today_iso: String::new(),
            year: 2026,
            menus: Menus::default().into(),
            trending: vec![].into(),
            google_news_url: String::new(),
            flipboard_url: String::new(),
            ad_html: String::new(),
            logo: image.clone(),
            default_image: image,
        }
    }

    /// A frame with links to `/` and `/a&b`, marking the one `path` names.
    fn frame(path: &str) -> String {
        ["/", "/a&b"]
            .iter()
            .map(|href| {
                let current = if *href == path {
                    " aria-current=\"page\""
                } else {
                    ""
                };
                let href = href.replace('&', "&amp;");
                format!("<a href=\"{href}\"{current}>x</a>")
            })
            .collect()
    }

    #[test]
    fn one_frame_serves_every_path_it_does_not_link_to() {
        let cache = FrameCache::default();
        let renders = Cell::new(0);
        let get = |s: &SiteInfo, path: &str| {
            cache
                .html(s, path, || {
                    renders.set(renders.get() + 1);
                    frame(path)
                })
                .to_string()
        };
        let a = site("A");
        for path in ["/2026/12/05/one", "/tag/two", "/2026/12/05/one"] {
            assert_eq!(get(&a, path), frame(path));
        }
        assert_eq!(renders.get(), 1);
        // Linked paths get frames of their own, kept too; the unmarked one stays.
        for path in ["/", "/a&b", "/", "/a&b", "/search"] {
            assert_eq!(get(&a, path), frame(path));
        }
        assert_eq!(renders.get(), 3);
        // Other site info: all rendered anew.
        let b = site("B");
        for path in ["/", "/search", "/"] {
            assert_eq!(get(&b, path), frame(path));
        }
        assert_eq!(renders.get(), 5);
    }

    #[test]
    fn kept_html_is_rendered_again_only_for_another_value() {
        let kept = KeptHtml::default();
        let renders = Cell::new(0);
        let get = |v: u32| {
            kept.html(&v, || {
                renders.set(renders.get() + 1);
                format!("<p>{v}</p>")
            })
            .to_string()
        };
        assert_eq!(
            [get(1), get(1), get(2), get(1)],
            ["<p>1</p>", "<p>1</p>", "<p>2</p>", "<p>1</p>"]
        );
        assert_eq!(renders.get(), 3);
    }
}
