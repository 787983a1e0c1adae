//! Archives: a section (with its sub-sections), a tag or an author, newest first, a page at a
//! time.

use super::crumbs::{page_crumbs, section_crumbs};
use super::paging::{paginate, parse_page};
use super::summary::summaries;
use super::ReadModels;
use crate::error::AppError;
use crate::model::{ArchiveKind, ArchivePageData, CategoryRef, Crumb};
use crate::server::clock;
use crate::server::store::ArticleFilter;

/// What distinguishes one archive from another.
struct ArchiveSpec {
    kind: ArchiveKind,
    filter: ArticleFilter,
    title: String,
    description: String,
    breadcrumbs: Vec<Crumb>,
    children: Vec<CategoryRef>,
    base: String,
}

impl ReadModels {
    async fn archive(
        &self,
        spec: ArchiveSpec,
        page: Option<&str>,
    ) -> Result<ArchivePageData, AppError> {
        let ArchiveSpec {
            kind,
            filter,
            title,
            description,
            breadcrumbs,
            children,
            base,
        } = spec;
        let page = parse_page(page)?;
        let now = clock::now();
        let t = now.unix_timestamp();
        let per = self.config.pages.archive_page_size;
        let total = self.store.count_articles(&filter, t).await?;
        let pagination = paginate(page, total, per, base)?;
        let articles = summaries(
            self.store
                .list_articles(&filter, t, per, (page - 1) * per)
                .await?,
            now,
        );
        Ok(ArchivePageData {
            kind,
            title,
            description,
            breadcrumbs,
            children,
            articles,
            pagination,
            sidebar: self.sidebar(now).await?,
        })
    }

    pub async fn category_page(
        &self,
        path: &str,
        page: Option<&str>,
    ) -> Result<ArchivePageData, AppError> {
        let path = path.trim_matches('/');
        let data = self.site_data().await?;
        let cat = data.category(path).cloned().ok_or(AppError::NotFound)?;
        let trail = data.trail(path);
        let children = data
            .children(Some(cat.id))
            .into_iter()
            .map(CategoryRef::from)
            .collect();
        let spec = ArchiveSpec {
            kind: ArchiveKind::Category,
            filter: ArticleFilter::Category(cat.path.clone()),
            base: crate::urls::category(&cat.path),
            title: cat.name,
            description: cat.description,
            breadcrumbs: section_crumbs(trail),
            children,
        };
        self.archive(spec, page).await
    }

    pub async fn tag_page(
        &self,
        slug: &str,
        page: Option<&str>,
    ) -> Result<ArchivePageData, AppError> {
        let tag = self.store.find_tag(slug).await?.ok_or(AppError::NotFound)?;
        let href = crate::urls::tag(&tag.slug);
        let spec = ArchiveSpec {
            kind: ArchiveKind::Tag,
            filter: ArticleFilter::Tag(tag.slug.clone()),
            description: format!("Stories tagged “{}”.", tag.name),
            breadcrumbs: page_crumbs(tag.name.clone(), href.clone()),
            title: tag.name,
            children: vec![],
            base: href,
        };
        self.archive(spec, page).await
    }

    pub async fn author_page(
        &self,
        slug: &str,
        page: Option<&str>,
    ) -> Result<ArchivePageData, AppError> {
        let (author, bio) = self
            .store
            .find_author(slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let href = crate::urls::author(&author.slug);
        let spec = ArchiveSpec {
            kind: ArchiveKind::Author,
            filter: ArticleFilter::Author(author.slug.clone()),
            breadcrumbs: page_crumbs(author.name.clone(), href.clone()),
            title: author.name,
            description: bio,
            children: vec![],
            base: href,
        };
        self.archive(spec, page).await
    }
}
