//! What each WordPress item becomes in the portal, decided from the item alone: an article with
//! its status, a static page, a picture for the library, or nothing (and why).

use super::wxr::Item;

/// An article's status in the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Published,
    Scheduled,
    Draft,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Published => "published",
            Status::Scheduled => "scheduled",
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
    /// A post whose publication date cannot be read.
    BadDate(String),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Trashed => write!(f, "in WordPress's trash"),
            Skip::Type(t) => write!(f, "a {t:?} item (not a post, page or attachment)"),
            Skip::BadDate(v) => write!(f, "its date {v:?} is not a date"),
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
    Page,
    Picture,
    Nothing(Skip),
}

/// Decides what `item` becomes. WordPress's statuses map as: `publish` → published (or
/// scheduled when its date is still ahead of `now`), `future` → scheduled, `draft`,
/// `pending`, `private` and `auto-draft` → draft, `trash` → left out.
pub fn classify(item: &Item, now: i64) -> Becomes {
    match item.post_type.as_str() {
        "post" => {}
        "page" => {
            return match item.status.as_str() {
                "trash" => Becomes::Nothing(Skip::Trashed),
                _ => Becomes::Page,
            }
        }
        "attachment" => return Becomes::Picture,
        other => return Becomes::Nothing(Skip::Type(other.to_string())),
    }
    let published_at = match item.published_gmt() {
        Ok(t) => t,
        Err(e) => return Becomes::Nothing(Skip::BadDate(e.value)),
    };
    let status = match (item.status.as_str(), published_at) {
        ("trash", _) => return Becomes::Nothing(Skip::Trashed),
        ("publish", Some(t)) if t > now => Status::Scheduled,
        ("publish", Some(_)) => Status::Published,
        ("future", Some(_)) => Status::Scheduled,
        // A published post without a date, or a scheduled one without: kept as a draft.
        _ => Status::Draft,
    };
    Becomes::Article {
        status,
        published_at: published_at.filter(|_| status != Status::Draft),
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

    #[test]
    fn statuses_map_onto_the_portals() {
        let past = "2026-04-06 09:30:00";
        let t = 1_775_467_800;
        assert_eq!(
            classify(&item("post", "publish", past), NOW),
            Becomes::Article {
                status: Status::Published,
                published_at: Some(t)
            }
        );
        assert_eq!(
            classify(&item("post", "future", "2030-06-01 06:00:00"), NOW),
            Becomes::Article {
                status: Status::Scheduled,
                published_at: Some(1_906_524_000)
            }
        );
        assert_eq!(
            classify(&item("post", "publish", "2030-06-01 06:00:00"), NOW),
            Becomes::Article {
                status: Status::Scheduled,
                published_at: Some(1_906_524_000)
            }
        );
        for status in ["draft", "pending", "private", "auto-draft"] {
            assert_eq!(
                classify(&item("post", status, "0000-00-00 00:00:00"), NOW),
                Becomes::Article {
                    status: Status::Draft,
                    published_at: None
                },
                "{status}"
            );
        }
        assert_eq!(
            classify(&item("post", "private", past), NOW),
            Becomes::Article {
                status: Status::Draft,
                published_at: None
            }
        );
        assert_eq!(
            classify(&item("post", "trash", past), NOW),
            Becomes::Nothing(Skip::Trashed)
        );
    }

    #[test]
    fn pages_pictures_and_other_types() {
        assert_eq!(classify(&item("page", "publish", ""), NOW), Becomes::Page);
        assert_eq!(
            classify(&item("page", "trash", ""), NOW),
            Becomes::Nothing(Skip::Trashed)
        );
        assert_eq!(
            classify(&item("attachment", "inherit", ""), NOW),
            Becomes::Picture
        );
        assert_eq!(
            classify(&item("nav_menu_item", "publish", ""), NOW),
            Becomes::Nothing(Skip::Type("nav_menu_item".into()))
        );
        assert_eq!(
            classify(&item("post", "publish", "last Tuesday"), NOW),
            Becomes::Nothing(Skip::BadDate("last Tuesday".into()))
        );
    }
}
