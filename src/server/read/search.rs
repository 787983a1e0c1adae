//! The search results page: the hits with snippets, the pager, the filters' choices and, when
//! nothing matched, spelling rewrites.

use super::paging::{paginate, parse_page};
use super::summary::summary;
use super::ReadModels;
use crate::error::AppError;
use crate::model::{
    language_name, FilterOption, SearchFilters, SearchHit, SearchPageData, Suggestion,
};
use crate::server::clock;
use crate::server::search;
use crate::server::store::{SearchFilter, SearchSort};

impl ReadModels {
    pub async fn search_page(
        &self,
        raw_query: Option<&str>,
        page: Option<&str>,
        filters: SearchFilters,
    ) -> Result<SearchPageData, AppError> {
        self.reading(|| self.read_search_page(raw_query, page, filters.clone()))
            .await
    }

    async fn read_search_page(
        &self,
        raw_query: Option<&str>,
        page: Option<&str>,
        filters: SearchFilters,
    ) -> Result<SearchPageData, AppError> {
        let page = parse_page(page)?;
        let (query, truncated) = search::clean_query(raw_query.unwrap_or_default());
        let now = clock::now();
        let t = now.unix_timestamp();
        let per = self.config.pages.search_page_size;
        let (cats, langs) = self.store().search_facets().await?;
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
        let base = crate::urls::search(&query, &filters);
        let (hits, total, more_results) = match search::parse(&query) {
            None => (vec![], 0, false),
            Some(expr) => {
                let found = self
                    .store()
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
            search::spelling::rewrites(self.store(), &query)
                .await?
                .into_iter()
                .map(|text| Suggestion {
                    href: crate::urls::search(&text, &filters),
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_links_carry_the_filters_in_force() {
        let mut f = SearchFilters::default();
        assert_eq!(crate::urls::search("", &f), "/search");
        assert_eq!(
            crate::urls::search("oil prices", &f),
            "/search?q=oil%20prices"
        );
        f.category = "world/europe".into();
        f.lang = "ar".into();
        f.sort = "date".into();
        assert_eq!(
            crate::urls::search("a&b", &f),
            "/search?q=a%26b&cat=world%2Feurope&lang=ar&sort=date"
        );
        f.sort = "relevance".into();
        assert_eq!(
            crate::urls::search("x", &f),
            "/search?q=x&cat=world%2Feurope&lang=ar"
        );
    }
}
