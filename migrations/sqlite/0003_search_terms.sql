-- The index's vocabulary per column, read by the search page's "did you mean" suggestions
-- (title words near a word that matched nothing).
CREATE VIRTUAL TABLE article_search_terms USING fts5vocab(article_search, col);
