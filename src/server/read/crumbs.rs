//! Breadcrumbs: Home, then the page's place (a section's trail of parents, a tag, an author).

use crate::model::Crumb;
use crate::server::store::CategoryRow;

pub(super) fn home_crumb() -> Crumb {
    Crumb {
        label: "Home".into(),
        href: "/".into(),
    }
}

/// Home, then each section of `trail` (parents first).
pub(super) fn section_crumbs(trail: Vec<CategoryRow>) -> Vec<Crumb> {
    let mut breadcrumbs = vec![home_crumb()];
    breadcrumbs.extend(trail.into_iter().map(|c| Crumb {
        href: crate::urls::category(&c.path),
        label: c.name,
    }));
    breadcrumbs
}

/// Home, then the page itself (a tag, an author, a static page).
pub(super) fn page_crumbs(label: String, href: String) -> Vec<Crumb> {
    vec![home_crumb(), Crumb { label, href }]
}
