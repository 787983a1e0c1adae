//! What each WordPress item becomes in the portal, decided from the item alone: an article with
//! its status, a static page, a picture for the library, or nothing (and why).

use super::wxr::Item;

/// An article's status in the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Published,
    Scheduled,
    /// Waiting for an editor (WordPress's `pending`).
    Review,
    Draft,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Scheduled => "scheduled",
            Status::Review => "review",
            Status::Draft => "draft",
        }
    }
}

/// Why an item is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// WordPress's bin.
    Trashed,
    /// Menu items, reusable blocks, revisions and other types the portal keeps elsewhere or not
    /// at all (counted by type in the report).
    Type(String),
    /// A published or scheduled post whose publication date cannot be read (or is missing).
    BadDate(String),
    /// A page that is not published (draft, pending, private, behind a password).
    Unpublished(String),
    /// An attachment that is not a picture (a PDF, a sound).
    NotAPicture(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Trashed => write!(f, "in WordPress's trash"),
            Skip::Type(t) => write!(f, "a {t:?} item (not a post, page or attachment)"),
            Skip::BadDate(v) => write!(f, "its publication date {v:?} is not a date"),
            Skip::Unpublished(status) => write!(f, "an unpublished page ({status})"),
            Skip::NotAPicture(file) => write!(f, "{file:?} is not a picture"),
        }
    }
}

/// What an item becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Becomes {
    Article {
        status: Status,
        /// When it was (or will be) published; none for a draft.
        published_at: Option<i64>,
    },
    /// A static page; unpublished pages are left out (the portal's pages have no drafts).
    Page,
    Picture,
    Nothing(Skip),
}

/// File endings of the pictures the media library takes.
const PICTURES: &[&str] = &["jpg", "jpeg", "png", "gif", "webp"];

/// Decides what `item` becomes. WordPress's statuses map as: `publish` → published (or
/// scheduled when its date is still ahead of `now`), `future` → scheduled, `pending` → in
/// review, `draft`, `private` and `auto-draft` → draft, `trash` → left out. A post behind a password
/// is kept as a draft (the portal has no passwords for readers), so nothing private goes public.
pub fn classify(item: &Item, now: i64) -> Becomes {
    if item.status == "trash" {
        return Becomes::Nothing(Skip::Trashed);
    }
    match item.post_type.as_str() {
        "post" => {}
        "page" => {
            return if item.status == "publish" && item.post_password.is_empty() {
                Becomes::Page
            } else {
                Becomes::Nothing(Skip::Unpublished(item.status.clone()))
            }
        }
        "attachment" => {
            let file = item
                .meta("_wp_attached_file")
                .unwrap_or(&item.attachment_url);
            let ending = file
                .rsplit('.')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            return if PICTURES.contains(&ending.as_str()) {
                Becomes::Picture
            } else {
                Becomes::Nothing(Skip::NotAPicture(file.to_string()))
            };
        }
        other => return Becomes::Nothing(Skip::Type(other.to_string())),
    }
    let published_at = match item.published_gmt() {
        Ok(t) => t,
        Err(e) => return Becomes::Nothing(Skip::BadDate(e.value)),
    };
    let status = match (item.status.as_str(), published_at) {
        _ if !item.post_password.is_empty() => Status::Draft,
        ("publish", Some(t)) if t > now => Status::Scheduled,
        ("publish", Some(_)) => Status::Published,
        ("future", Some(_)) => Status::Scheduled,
        ("pending", _) => Status::Review,
        ("publish" | "future", None) => {
            return Becomes::Nothing(Skip::BadDate(item.post_date_gmt.clone()))
        }
        _ => Status::Draft,
    };
    Becomes::Article {
        status,
        published_at: published_at
            .filter(|_| matches!(status, Status::Published | Status::Scheduled)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(post_type: &str, status: &str, date: &str) -> Item {
        Item {
            post_type: post_type.into(),
            status: status.into(),
            post_date_gmt: date.into(),
            ..Item::default()
        }
    }

    const NOW: i64 = 1_780_000_000; // 2026-05-28

    fn article(status: Status, published_at: Option<i64>) -> Becomes {
        Becomes::Article {
            status,
            published_at,
        }
    }

    #[test]
    fn statuses_map_onto_the_portals() {
        let past = "2026-04-06 09:30:00";
        let (t, later) = (1_775_467_800, 1_906_524_000);
        let cases = [
            (
                item("post", "publish", past),
                article(Status::Published, Some(t)),
            ),
            (
                item("post", "future", "2030-06-01 06:00:00"),
                article(Status::Scheduled, Some(later)),
            ),
            (
                item("post", "publish", "2030-06-01 06:00:00"),
                article(Status::Scheduled, Some(later)),
            ),
            (
                item("post", "draft", "0000-00-00 00:00:00"),
                article(Status::Draft, None),
            ),
            (
                item("post", "pending", "0000-00-00 00:00:00"),
                article(Status::Review, None),
            ),
            (item("post", "auto-draft", ""), article(Status::Draft, None)),
            (item("post", "private", past), article(Status::Draft, None)),
            (item("post", "trash", past), Becomes::Nothing(Skip::Trashed)),
            (
                item("post", "trash", "never"),
                Becomes::Nothing(Skip::Trashed),
            ),
            (
                item("post", "publish", "0000-00-00 00:00:00"),
                Becomes::Nothing(Skip::BadDate("0000-00-00 00:00:00".into())),
            ),
            (
                item("post", "publish", "last Tuesday"),
                Becomes::Nothing(Skip::BadDate("last Tuesday".into())),
            ),
        ];
        for (it, becomes) in cases {
            assert_eq!(
                classify(&it, NOW),
                becomes,
                "{} {}",
                it.status,
                it.post_date_gmt
            );
        }
    }

    #[test]
    fn nothing_behind_a_password_or_unpublished_goes_public() {
        let locked = Item {
            post_password: "secret".into(),
            ..item("post", "publish", "2026-04-06 09:30:00")
        };
        assert_eq!(classify(&locked, NOW), article(Status::Draft, None));
        for status in ["draft", "pending", "private", "future"] {
            assert_eq!(
                classify(&item("page", status, ""), NOW),
                Becomes::Nothing(Skip::Unpublished(status.into())),
                "{status}"
            );
        }
        let locked_page = Item {
            post_password: "secret".into(),
            ..item("page", "publish", "")
        };
        assert!(matches!(
            classify(&locked_page, NOW),
            Becomes::Nothing(Skip::Unpublished(_))
        ));
    }

    #[test]
    fn pages_pictures_and_other_types() {
        assert_eq!(classify(&item("page", "publish", ""), NOW), Becomes::Page);
        assert_eq!(
            classify(&item("page", "trash", ""), NOW),
            Becomes::Nothing(Skip::Trashed)
        );
        let attached = |file: &str| Item {
            meta: vec![("_wp_attached_file".into(), file.into())],
            ..item("attachment", "inherit", "")
        };
        assert_eq!(classify(&attached("2026/04/a.JPG"), NOW), Becomes::Picture);
        assert_eq!(
            classify(&attached("2026/04/timetable.pdf"), NOW),
            Becomes::Nothing(Skip::NotAPicture("2026/04/timetable.pdf".into()))
        );
        assert_eq!(
            classify(&item("nav_menu_item", "publish", ""), NOW),
            Becomes::Nothing(Skip::Type("nav_menu_item".into()))
        );
    }
}
