-- The search index now holds normalised text (src/server/search.rs `normalize`: Arabic tashkeel
-- removed, alef variants unified, taa marbuta and alef maqsura folded, Latin diacritics folded),
-- so the rows written by 0001 no longer match normalised queries. Recreate the table empty;
-- `Store::open` sees an empty index beside existing articles and rebuilds it
-- (`timelines reindex` does the same by hand).
--
-- `prefix = '2 3'` adds prefix indexes, since the last word of every query matches as a prefix.
DROP TABLE article_search;
CREATE VIRTUAL TABLE article_search USING fts5(
    title, dek, body, category, tags, author,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
