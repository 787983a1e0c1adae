//! Page data: what each page shows, assembled from the store. Server functions are thin
//! wrappers over these.

use crate::error::AppError;
use crate::model::*;
use crate::server::clock;
use crate::server::search;
use crate::server::share::share_links;
use crate::server::store::{ArticleFilter, ArticleRow, SearchFilter, SearchSort};
use crate::server::AppState;
use time::OffsetDateTime;

pub(crate) const EDITORS_PICKS: u32 = 5;
const RELATED: u32 = 6;
pub(crate) const TRENDING: u32 = 6;

/// Site-wide images in `public/`: the publisher logo and the default share image.
const LOGO: (&str, u32, u32) = ("/logo.png", 512, 512);
const DEFAULT_IMAGE: (&str, u32, u32) = ("/og-default.png", 1200, 630);

/// `/YYYY/MM/DD/slug` from the UTC publication date.
pub fn article_href(slug: &str, published_at: i64) -> String {
    let t = OffsetDateTime::from_unix_timestamp(published_at).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    format!(
        "/{:04}/{:02}/{:02}/{slug}",
        t.year(),
        u8::from(t.month()),
        t.day()
    )
}

pub fn summary(row: ArticleRow, now: OffsetDateTime) -> ArticleSummary {
    let image = match (row.image_src, row.image_width, row.image_height) {
        (Some(src), Some(w), Some(h)) => Some(Image {
            src,
            width: w as u32,
            height: h as u32,
            alt: row.image_alt.unwrap_or_default(),
        }),
        _ => None,
    };
    ArticleSummary {
        href: article_href(&row.slug, row.published_at),
        slug: row.slug,
        title: row.title,
        dek: row.dek,
        lang: row.lang,
        dir: row.dir,
        category: CategoryRef {
            slug: row.category_slug,
            name: row.category_name,
            path: row.category_path,
        },
        author: NamedRef {
            slug: row.author_slug,
            name: row.author_name,
        },
        published: clock::stamp(row.published_at, now),
        image,
        reading_minutes: crate::server::text::reading_minutes(row.word_count.max(0) as u32),
    }
}

fn summaries(rows: Vec<ArticleRow>, now: OffsetDateTime) -> Vec<ArticleSummary> {
    rows.into_iter().map(|r| summary(r, now)).collect()
}

fn home_crumb() -> Crumb {
    Crumb {
        label: "Home".into(),
        href: "/".into(),
    }
}

/// Reads `?page=` as the pager writes it: absent (or empty) is page 1, otherwise digits without
/// a leading zero. Any other spelling (`0`, `+1`, `01`, ` 1`, `abc`) is a bad request rather
/// than a second URL for the same page (see `server/canonical.rs`, which also drops `page=1`).
pub fn parse_page(raw: Option<&str>) -> Result<u32, AppError> {
    let s = match raw {
        None | Some("") => return Ok(1),
        Some(s) => s,
    };
    let canonical = s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
    match s.parse::<u32>() {
        Ok(n) if canonical => Ok(n),
        _ => Err(AppError::Invalid(
            "The page number must be a whole number from 1 up.".into(),
        )),
    }
}

/// `/search?q=…` with the filters in force; the pager adds `&page=N`.
pub fn search_href(query: &str, filters: &SearchFilters) -> String {
    let enc = |v: &str| {
        percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    let mut params = Vec::new();
    if !query.is_empty() {
        params.push(format!("q={}", enc(query)));
    }
    for (key, value) in [
        ("cat", &filters.category),
        ("lang", &filters.lang),
        ("sort", &filters.sort),
    ] {
        if !value.is_empty() && value != "relevance" {
            params.push(format!("{key}={}", enc(value)));
        }
    }
    if params.is_empty() {
        "/search".to_string()
    } else {
        format!("/search?{}", params.join("&"))
    }
}

fn paginate(page: u32, total: u32, per_page: u32, base: String) -> Result<Pagination, AppError> {
    let total_pages = total.div_ceil(per_page).max(1);
    if page > total_pages {
        return Err(AppError::NotFound);
    }
    Ok(Pagination {
        page,
        total_pages,
        total_items: total,
        base,
    })
}

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

impl AppState {
    fn now_unix(now: OffsetDateTime) -> i64 {
        now.unix_timestamp()
    }

    /// The frame's data (menus, ticker, masthead date), shared by every page.
    pub async fn site_info(&self) -> Result<SiteInfo, AppError> {
        let version = self.store.content_version();
        self.shared
            .site
            .get(version, || self.make_site_info())
            .await
    }

    async fn make_site_info(&self) -> Result<SiteInfo, AppError> {
        let data = self.site_data().await?;
        let now = clock::now();
        let c = &self.config;
        Ok(SiteInfo {
            name: c.site.name.clone(),
            lang: c.site.language.clone(),
            dir: direction_of(&c.site.language).into(),
            tagline: c.site.tagline.clone(),
            public_url: c.site.public_url.clone(),
            today: clock::masthead_date(now),
            // The date only: the frame must not change from one request to the next, or no
            // page would ever be served as unchanged (ETag, 304).
            today_iso: now.date().to_string(),
            year: now.year(),
            menus: data.menus.clone(),
            trending: summaries(data.trending.clone(), now),
            google_news_url: c.follow.google_news.clone(),
            flipboard_url: c.follow.flipboard.clone(),
            ad_html: c.ads.article_slot_html.clone(),
            logo: Image {
                src: format!("{}{}", c.site.public_url, LOGO.0),
                width: LOGO.1,
                height: LOGO.2,
                alt: c.site.name.clone(),
            },
            default_image: Image {
                src: format!("{}{}", c.site.public_url, DEFAULT_IMAGE.0),
                width: DEFAULT_IMAGE.1,
                height: DEFAULT_IMAGE.2,
                alt: c.site.name.clone(),
            },
        })
    }

    /// The sidebar (Editors' Picks, Latest News), shared by every page that shows it.
    async fn sidebar(&self, now: OffsetDateTime) -> Result<Sidebar, AppError> {
        let version = self.store.content_version();
        self.shared
            .sidebar
            .get(version, || self.make_sidebar(now))
            .await
    }

    async fn make_sidebar(&self, now: OffsetDateTime) -> Result<Sidebar, AppError> {
        let data = self.site_data().await?;
        Ok(Sidebar {
            editors_picks: summaries(data.editors_picks.clone(), now),
            latest: summaries(data.latest.clone(), now),
        })
    }

    pub async fn home_page(&self) -> Result<HomePageData, AppError> {
        let data = self.site_data().await?;
        let now = clock::now();
        let featured = summaries(data.featured.clone(), now);
        let mut top = featured.into_iter();
        let lead = top.next();
        let mut secondary: Vec<ArticleSummary> = top.collect();
        if secondary.len() < 4 {
            for a in summaries(data.newest.clone(), now) {
                if secondary.len() >= 4 {
                    break;
                }
                if lead.as_ref().is_none_or(|l| l.slug != a.slug)
                    && !secondary.iter().any(|s| s.slug == a.slug)
                {
                    secondary.push(a);
                }
            }
        }
        let mut blocks = Vec::new();
        for (cat, rows) in &data.blocks {
            if rows.len() >= 2 {
                blocks.push(CategoryBlock {
                    category: cat.clone().into(),
                    articles: summaries(rows.clone(), now),
                });
            }
        }
        Ok(HomePageData {
            lead,
            secondary,
            blocks,
            trending: summaries(data.trending.clone(), now),
            sidebar: self.sidebar(now).await?,
        })
    }

    pub async fn article_page(
        &self,
        year: &str,
        month: &str,
        day: &str,
        slug: &str,
    ) -> Result<ArticlePageData, AppError> {
        let now = clock::now();
        let t = Self::now_unix(now);
        let (row, body) = self
            .store
            .find_article(slug, t)
            .await?
            .ok_or(AppError::NotFound)?;
        let href = article_href(&row.slug, row.published_at);
        if href != format!("/{year}/{month}/{day}/{slug}") {
            return Err(AppError::NotFound);
        }
        let tags = self.store.article_tags(row.id).await?;
        let trail = self.site_data().await?.trail(&row.category_path);
        let related = summaries(self.store.related(&row, t, RELATED).await?, now);
        let updated =
            (row.updated_at > row.published_at).then(|| clock::stamp(row.updated_at, now));
        let modified_iso = clock::iso(
            OffsetDateTime::from_unix_timestamp(row.updated_at.max(row.published_at))
                .unwrap_or(OffsetDateTime::UNIX_EPOCH),
        );
        let translations = match &body.translation_key {
            Some(key) => self.store.translations(key, t).await?,
            None => vec![],
        };
        // A story alone in its language has no alternates to announce.
        let translations = if translations.len() > 1 {
            translations
                .into_iter()
                .map(|(slug, lang, title, published_at)| Translation {
                    href: article_href(&slug, published_at),
                    lang,
                    title,
                })
                .collect()
        } else {
            vec![]
        };
        let canonical_url = format!("{}{href}", self.config.site.public_url);
        let image_url = row
            .image_src
            .as_ref()
            .map(|s| format!("{}{s}", self.config.site.public_url));
        let share = share_links(&canonical_url, &row.title, image_url.as_deref());
        let mut breadcrumbs = vec![home_crumb()];
        breadcrumbs.extend(trail.into_iter().map(|c| Crumb {
            href: category_href(&c.path),
            label: c.name,
        }));
        Ok(ArticlePageData {
            article: Article {
                summary: summary(row, now),
                body_html: body.body_html,
                tags,
                updated,
                comment_count: body.comment_count.max(0) as u32,
                canonical_url,
                breadcrumbs,
                share,
                modified_iso,
                translations,
            },
            related,
            sidebar: self.sidebar(now).await?,
        })
    }

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
        let t = Self::now_unix(now);
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
        let mut breadcrumbs = vec![home_crumb()];
        breadcrumbs.extend(trail.into_iter().map(|c| Crumb {
            href: category_href(&c.path),
            label: c.name,
        }));
        let children = data
            .children(Some(cat.id))
            .into_iter()
            .map(CategoryRef::from)
            .collect();
        let spec = ArchiveSpec {
            kind: ArchiveKind::Category,
            filter: ArticleFilter::Category(cat.path.clone()),
            base: category_href(&cat.path),
            title: cat.name,
            description: cat.description,
            breadcrumbs,
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
        let href = format!("/tag/{}", tag.slug);
        let breadcrumbs = vec![
            home_crumb(),
            Crumb {
                label: tag.name.clone(),
                href: href.clone(),
            },
        ];
        let spec = ArchiveSpec {
            kind: ArchiveKind::Tag,
            filter: ArticleFilter::Tag(tag.slug.clone()),
            description: format!("Stories tagged “{}”.", tag.name),
            title: tag.name,
            breadcrumbs,
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
        let href = format!("/author/{}", author.slug);
        let breadcrumbs = vec![
            home_crumb(),
            Crumb {
                label: author.name.clone(),
                href: href.clone(),
            },
        ];
        let spec = ArchiveSpec {
            kind: ArchiveKind::Author,
            filter: ArticleFilter::Author(author.slug.clone()),
            title: author.name,
            description: bio,
            breadcrumbs,
            children: vec![],
            base: href,
        };
        self.archive(spec, page).await
    }

    pub async fn search_page(
        &self,
        raw_query: Option<&str>,
        page: Option<&str>,
        filters: SearchFilters,
    ) -> Result<SearchPageData, AppError> {
        let page = parse_page(page)?;
        let (query, truncated) = search::clean_query(raw_query.unwrap_or_default());
        let now = clock::now();
        let t = Self::now_unix(now);
        let per = self.config.pages.search_page_size;
        let (cats, langs) = self.store.search_facets().await?;
        let filters = SearchFilters {
            category: filters.category.trim().trim_matches('/').to_string(),
            lang: filters.lang.trim().to_string(),
            sort: filters.sort.trim().to_string(),
        };
        let sort = match filters.sort.as_str() {
            "" | "relevance" => SearchSort::Relevance,
            "date" => SearchSort::Date,
            _ => {
                return Err(AppError::Invalid(
                    "Results can be sorted by relevance or by date.".into(),
                ))
            }
        };
        if !filters.category.is_empty() && !cats.iter().any(|(p, _)| *p == filters.category) {
            return Err(AppError::Invalid(
                "There is no such section to search in.".into(),
            ));
        }
        if !filters.lang.is_empty() && !langs.contains(&filters.lang) {
            return Err(AppError::Invalid(
                "There are no articles in that language.".into(),
            ));
        }
        let filter = SearchFilter {
            category: (!filters.category.is_empty()).then(|| filters.category.clone()),
            lang: (!filters.lang.is_empty()).then(|| filters.lang.clone()),
            sort,
        };
        let base = search_href(&query, &filters);
        let (hits, total, more_results) = match search::parse(&query) {
            None => (vec![], 0, false),
            Some(expr) => {
                let found = self
                    .store
                    .search(&expr, &filter, t, per, (page - 1) * per)
                    .await?;
                let hits = found
                    .rows
                    .into_iter()
                    .map(|(row, text)| SearchHit {
                        article: summary(row, now),
                        snippet: search::snippet_html(&search::cut_snippet(&text, &query)),
                    })
                    .collect();
                (hits, found.total, found.more)
            }
        };
        let pagination = paginate(page, total, per, base)?;
        let suggestions = if total == 0 && !query.is_empty() {
            self.spelling_suggestions(&query)
                .await?
                .into_iter()
                .map(|text| Suggestion {
                    href: search_href(&text, &filters),
                    text,
                })
                .collect()
        } else {
            vec![]
        };
        let categories = cats
            .into_iter()
            .map(|(path, name)| FilterOption {
                // Indent sub-sections under their parents in the drop-down.
                label: format!("{}{name}", "\u{2003}".repeat(path.matches('/').count())),
                value: path,
            })
            .collect();
        let languages = langs
            .into_iter()
            .map(|l| FilterOption {
                label: language_name(&l).to_string(),
                value: l,
            })
            .collect();
        Ok(SearchPageData {
            query,
            truncated,
            hits,
            more_results,
            pagination,
            sidebar: self.sidebar(now).await?,
            filters,
            categories,
            languages,
            suggestions,
        })
    }

    /// Up to three rewrites of a query that matched nothing, each word replaced by a close title
    /// word (by edit distance, among title words sharing its first letter, so it stays cheap).
    async fn spelling_suggestions(&self, query: &str) -> Result<Vec<String>, AppError> {
        const MAX: usize = 3;
        let words = search::query_words(query);
        let mut options: Vec<Vec<String>> = Vec::with_capacity(words.len());
        let mut any = false;
        for w in words.iter().take(6) {
            let Some(first) = w.chars().next() else {
                continue;
            };
            // closest_terms allows one edit for words up to four letters, two beyond.
            let len = w.chars().count();
            let slack = if len <= 4 { 1 } else { 2 };
            let candidates = self
                .store
                .title_terms_starting_with(first, len.saturating_sub(slack), len + slack)
                .await?;
            let near = search::closest_terms(w, &candidates, MAX);
            any |= !near.is_empty();
            options.push(if near.is_empty() {
                vec![w.clone()]
            } else {
                near
            });
        }
        if !any {
            return Ok(vec![]);
        }
        let mut out: Vec<String> = Vec::new();
        for k in 0..MAX {
            let text = options
                .iter()
                .map(|o| o.get(k).unwrap_or(&o[0]).as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if !out.contains(&text) {
                out.push(text);
            }
        }
        Ok(out)
    }

    pub async fn static_page(&self, slug: &str) -> Result<StaticPageData, AppError> {
        let (title, body_html, updated_at) = self
            .store
            .find_page(slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let now = clock::now();
        Ok(StaticPageData {
            slug: slug.to_string(),
            breadcrumbs: vec![
                home_crumb(),
                Crumb {
                    label: title.clone(),
                    href: format!("/{slug}"),
                },
            ],
            title,
            body_html,
            updated: clock::stamp(updated_at, now),
        })
    }

    /// Adds a newsletter subscriber in canonical form (`email.rs`), or says why not.
    pub async fn subscribe(&self, email: &str) -> Result<SubscribeOutcome, AppError> {
        let address = match crate::server::email::canonical(email) {
            Ok(address) => address,
            Err(refusal) => return Ok(refusal.into()),
        };
        let added = self
            .store
            .add_subscriber(&address, Self::now_unix(clock::now()))
            .await?;
        Ok(if added {
            SubscribeOutcome::Subscribed
        } else {
            SubscribeOutcome::AlreadySubscribed
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_urls_carry_the_utc_date() {
        // 2024-04-07T09:30:00Z
        assert_eq!(article_href("lavrov", 1_712_482_200), "/2024/04/07/lavrov");
    }

    #[test]
    fn page_numbers_are_validated() {
        assert_eq!(parse_page(None), Ok(1));
        assert_eq!(parse_page(Some("3")), Ok(3));
        assert!(matches!(parse_page(Some("0")), Err(AppError::Invalid(_))));
        assert!(matches!(parse_page(Some("-1")), Err(AppError::Invalid(_))));
        assert!(matches!(parse_page(Some("abc")), Err(AppError::Invalid(_))));
        for other_spelling in ["+1", "01", " 1", "1 ", "00", "+0"] {
            assert!(
                matches!(parse_page(Some(other_spelling)), Err(AppError::Invalid(_))),
                "{other_spelling:?}"
            );
        }
        assert!(matches!(
            parse_page(Some("99999999999999")),
            Err(AppError::Invalid(_))
        ));
    }

    #[test]
    fn search_links_carry_the_filters_in_force() {
        let mut f = SearchFilters::default();
        assert_eq!(search_href("", &f), "/search");
        assert_eq!(search_href("oil prices", &f), "/search?q=oil%20prices");
        f.category = "world/europe".into();
        f.lang = "ar".into();
        f.sort = "date".into();
        assert_eq!(
            search_href("a&b", &f),
            "/search?q=a%26b&cat=world%2Feurope&lang=ar&sort=date"
        );
        f.sort = "relevance".into();
        assert_eq!(
            search_href("x", &f),
            "/search?q=x&cat=world%2Feurope&lang=ar"
        );
    }

    #[test]
    fn pages_past_the_end_are_not_found() {
        assert_eq!(paginate(1, 0, 10, "/x".into()).unwrap().total_pages, 1);
        assert_eq!(paginate(2, 11, 10, "/x".into()).unwrap().total_pages, 2);
        assert_eq!(paginate(3, 11, 10, "/x".into()), Err(AppError::NotFound));
    }
}
