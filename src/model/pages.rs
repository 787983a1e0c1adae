//! The data of the home page, the archives (category, tag, author) with their pagination, and
//! the static pages.

use super::{ArticleSummary, CategoryRef, Crumb, Sidebar, Stamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryBlock {
    pub category: CategoryRef,
    pub articles: Vec<ArticleSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomePageData {
    pub lead: Option<ArticleSummary>,
    pub secondary: Vec<ArticleSummary>,
    pub blocks: Vec<CategoryBlock>,
    pub trending: Vec<ArticleSummary>,
    pub sidebar: Sidebar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArchiveKind {
    Category,
    Tag,
    Author,
    /// The stories of a month or a day (`/2026/04`, `/2026/04/06`).
    Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    pub page: u32,
    pub total_pages: u32,
    pub total_items: u32,
    /// The archive's own path; page N lives at `{base}?page=N` (page 1 at `base`).
    pub base: String,
}

impl Pagination {
    /// The URL of page `n`, with page 1 canonical at the bare path.
    pub fn href(&self, n: u32) -> String {
        crate::urls::page(&self.base, n)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivePageData {
    pub kind: ArchiveKind,
    pub title: String,
    pub description: String,
    pub breadcrumbs: Vec<Crumb>,
    /// Sub-categories, for category archives.
    pub children: Vec<CategoryRef>,
    pub articles: Vec<ArticleSummary>,
    pub pagination: Pagination,
    pub sidebar: Sidebar,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaticPageData {
    pub slug: String,
    pub title: String,
    pub body_html: String,
    pub updated: Stamp,
    pub breadcrumbs: Vec<Crumb>,
    /// The contact page's form: its signed time (`server::comments::form`); None on other pages.
    pub contact_token: Option<String>,
}

/// What a refused contact message left in the form, and why it was refused (the contact page
/// comes back with them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    pub name: String,
    pub email: String,
    pub subject: String,
    pub message: String,
    pub problem: String,
}
