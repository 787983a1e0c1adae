//! Archives: a section (with its sub-sections), a tag, an author, or a month or day (UTC, as
//! article addresses are dated), newest first, a page at a time.

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
        let total = self.store().count_articles(&filter, t).await?;
        let pagination = paginate(page, total, per, base)?;
        let articles = summaries(
            self.store()
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
        self.reading(|| self.read_category_page(path, page)).await
    }

    async fn read_category_page(
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
        self.reading(|| self.read_tag_page(slug, page)).await
    }

    async fn read_tag_page(
        &self,
        slug: &str,
        page: Option<&str>,
    ) -> Result<ArchivePageData, AppError> {
        let tag = self
            .store()
            .find_tag(slug)
            .await?
            .ok_or(AppError::NotFound)?;
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
        self.reading(|| self.read_author_page(slug, page)).await
    }

    async fn read_author_page(
        &self,
        slug: &str,
        page: Option<&str>,
    ) -> Result<ArchivePageData, AppError> {
        let (author, bio) = self
            .store()
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

    /// The stories of a month (`path` `2026/04`) or a day (`2026/04/06`). Not a date (month 13,
    /// 31 April, a year before 1970), or no story published then: not found.
    pub async fn date_page(
        &self,
        path: &str,
        page: Option<&str>,
    ) -> Result<ArchivePageData, AppError> {
        self.reading(|| self.read_date_page(path, page)).await
    }

    async fn read_date_page(
        &self,
        path: &str,
        page: Option<&str>,
    ) -> Result<ArchivePageData, AppError> {
        let (from, until, title, href) = date_span(path).ok_or(AppError::NotFound)?;
        let spec = ArchiveSpec {
            kind: ArchiveKind::Date,
            filter: ArticleFilter::Between(from, until),
            description: format!("Stories published in {title}."),
            breadcrumbs: page_crumbs(title.clone(), href.clone()),
            title,
            children: vec![],
            base: href,
        };
        let data = self.archive(spec, page).await?;
        // Every date has an address: one with no story is not a page (no endless empty
        // archives for crawlers).
        if data.pagination.total_items == 0 {
            return Err(AppError::NotFound);
        }
        Ok(data)
    }
}

/// The span of a date archive's path (`2026/04`, `2026/04/06`): its first second, the first
/// second after it, its name ("April 2026", "6 April 2026") and its address.
fn date_span(path: &str) -> Option<(i64, i64, String, String)> {
    use time::{Date, Month};
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    if !crate::urls::is_date_archive(&format!("/{}", parts.join("/"))) {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    let month = Month::try_from(parts[1].parse::<u8>().ok()?).ok()?;
    if year < 1970 {
        return None;
    }
    let start_of = |d: Date| d.midnight().assume_utc().unix_timestamp();
    match parts.get(2) {
        Some(day) => {
            let date = Date::from_calendar_date(year, month, day.parse().ok()?).ok()?;
            let name = format!("{} {month} {year}", date.day());
            let href = crate::urls::date_archive(year, month as u8, Some(date.day()));
            Some((start_of(date), start_of(date.next_day()?), name, href))
        }
        None => {
            let first = Date::from_calendar_date(year, month, 1).ok()?;
            let next = match month {
                Month::December => Date::from_calendar_date(year + 1, Month::January, 1).ok()?,
                m => Date::from_calendar_date(year, m.next(), 1).ok()?,
            };
            let href = crate::urls::date_archive(year, month as u8, None);
            Some((
                start_of(first),
                start_of(next),
                format!("{month} {year}"),
                href,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_archives_span_their_month_or_day_in_utc() {
        let (from, until, name, href) = date_span("2026/04").unwrap();
        assert_eq!((from, until), (1_775_001_600, 1_777_593_600));
        assert_eq!((name.as_str(), href.as_str()), ("April 2026", "/2026/04"));
        let (from, until, name, _) = date_span("2026/12/31").unwrap();
        assert_eq!(until - from, 86_400);
        assert_eq!(name, "31 December 2026");
        let (_, until, _, _) = date_span("2026/12").unwrap();
        assert_eq!(until, 1_798_761_600); // 2027-01-01
        for bad in [
            "2026/13",
            "2026/04/31",
            "1969/12",
            "2026/4",
            "abcd/04",
            "2026/04/06/x",
        ] {
            assert!(date_span(bad).is_none(), "{bad}");
        }
    }
}
