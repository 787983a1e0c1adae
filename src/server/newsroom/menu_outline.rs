//! A menu as the newsroom edits it: an outline, one link a line, `Label | /address`, each level
//! of nesting two spaces deeper (the primary menu's dropdowns). Plain text, so the menus are
//! edited with a plain form, by keyboard, with or without JavaScript.

use super::web_address::{has_markup_or_space, is_web_url};
use crate::model::MenuItem;

/// Levels of nesting a menu may have (the header's dropdowns go two deep).
const MAX_DEPTH: usize = 3;
const MAX_ITEMS: usize = 200;
const MAX_LABEL: usize = 60;
const MAX_HREF: usize = 500;

/// `items` as an outline.
pub fn outline(items: &[MenuItem]) -> String {
    fn write(items: &[MenuItem], depth: usize, out: &mut String) {
        for item in items {
            out.push_str(&"  ".repeat(depth));
            out.push_str(&item.label);
            out.push_str(" | ");
            out.push_str(&item.href);
            out.push('\n');
            write(&item.children, depth + 1, out);
        }
    }
    let mut out = String::new();
    write(items, 0, &mut out);
    out
}

/// The menu an outline describes, or what is wrong with it (naming the line).
pub fn parse(text: &str) -> Result<Vec<MenuItem>, String> {
    let mut lines: Vec<(usize, MenuItem)> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let n = n + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let spaces = raw
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .map(|c| if c == '\t' { 2 } else { 1 })
            .sum::<usize>();
        let depth = spaces / 2;
        let deepest = lines.last().map_or(0, |(d, _)| d + 1);
        if depth > deepest {
            return Err(format!(
                "Line {n} is indented deeper than the line above allows: indent by two spaces under the link it belongs to."
            ));
        }
        if depth >= MAX_DEPTH {
            return Err(format!(
                "Line {n}: menus go at most {MAX_DEPTH} levels deep."
            ));
        }
        let Some((label, href)) = raw.trim().split_once('|') else {
            return Err(format!(
                "Line {n} needs a label, then |, then the address, such as: World | /category/world"
            ));
        };
        let (label, href) = (label.trim(), href.trim());
        if label.is_empty()
            || label.chars().count() > MAX_LABEL
            || label.chars().any(char::is_control)
        {
            return Err(format!(
                "Line {n}: the label must be 1 to {MAX_LABEL} characters."
            ));
        }
        if !is_menu_href(href) {
            return Err(format!(
                "Line {n}: the address must be a path on this site (/category/world) or a full https:// address."
            ));
        }
        lines.push((
            depth,
            MenuItem {
                label: label.to_string(),
                href: href.to_string(),
                children: vec![],
            },
        ));
        if lines.len() > MAX_ITEMS {
            return Err(format!("A menu holds at most {MAX_ITEMS} links."));
        }
    }
    Ok(nest(&mut lines.into_iter().peekable(), 0))
}

/// The links at `depth` and below from the front of `lines`, each with its children.
fn nest(
    lines: &mut std::iter::Peekable<std::vec::IntoIter<(usize, MenuItem)>>,
    depth: usize,
) -> Vec<MenuItem> {
    let mut items = Vec::new();
    while let Some((d, _)) = lines.peek() {
        if *d < depth {
            break;
        }
        let (_, mut item) = lines.next().expect("peeked");
        item.children = nest(lines, depth + 1);
        items.push(item);
    }
    items
}

/// A site path (not `//host`) or an http(s) address, without spaces or markup characters.
fn is_menu_href(href: &str) -> bool {
    let site_path = href.starts_with('/') && !href.starts_with("//") && !has_markup_or_space(href);
    href.len() <= MAX_HREF && (site_path || is_web_url(href))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(label: &str, href: &str, children: Vec<MenuItem>) -> MenuItem {
        MenuItem {
            label: label.into(),
            href: href.into(),
            children,
        }
    }

    #[test]
    fn an_outline_round_trips() {
        let menu = vec![
            item("News", "/category/news", vec![]),
            item(
                "World",
                "/category/world",
                vec![item(
                    "Europe",
                    "/category/world/europe",
                    vec![item("France", "/category/world/europe/france", vec![])],
                )],
            ),
            item("Facebook", "https://facebook.com/westtimelines", vec![]),
        ];
        let text = outline(&menu);
        assert_eq!(
            text,
            "News | /category/news\nWorld | /category/world\n  Europe | /category/world/europe\n    France | /category/world/europe/france\nFacebook | https://facebook.com/westtimelines\n"
        );
        assert_eq!(parse(&text).unwrap(), menu);
        assert_eq!(parse("").unwrap(), vec![]);
        assert_eq!(
            parse("\n  \nغزة | /tag/غزة\n").unwrap(),
            vec![item("غزة", "/tag/غزة", vec![])]
        );
    }

    #[test]
    fn bad_lines_are_named() {
        let e = |t: &str| parse(t).unwrap_err();
        assert!(e("News /category/news").starts_with("Line 1 needs a label"));
        assert!(e("News | /a\n    Deep | /b").starts_with("Line 2 is indented deeper"));
        assert!(
            e("A | /a\n  B | /b\n    C | /c\n      D | /d").starts_with("Line 4: menus go at most")
        );
        assert!(e("X | javascript:alert(1)").contains("the address must be"));
        assert!(e("X | //evil.example").contains("the address must be"));
        assert!(e("X | /a\" onmouseover=\"x").contains("the address must be"));
        assert!(e(" | /a").contains("the label must be"));
    }
}
