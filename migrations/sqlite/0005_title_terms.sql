-- Title words and how many titles hold them, for the search page's "did you mean" suggestions.
-- Kept by the store with the search index (insert and reindex). It replaces the fts5vocab
-- table, whose per-term article counts meant reading every matching posting list: over 100 ms
-- for one letter's words at 100,000 articles.
DROP TABLE IF EXISTS article_search_terms;
CREATE TABLE title_terms (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
