//! robots.txt: everything may be crawled except search results and the server functions.

pub(super) fn robots_txt(base: &str) -> String {
    // Disallow lines first: parsers that take the first matching rule still skip them.
    format!(
        "User-agent: *\nDisallow: /search\nDisallow: /api/\nAllow: /\n\n\
         Sitemap: {base}/sitemap.xml\nSitemap: {base}/news-sitemap.xml\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_allows_all_but_search_and_api_and_names_both_sitemaps() {
        let txt = robots_txt("https://news.example");
        assert!(txt.contains("User-agent: *\n"));
        assert!(txt.contains("Disallow: /search\n"));
        assert!(txt.contains("Disallow: /api/\n"));
        assert!(txt.contains("Sitemap: https://news.example/sitemap.xml\n"));
        assert!(txt.contains("Sitemap: https://news.example/news-sitemap.xml\n"));
    }
}
