-- The search index again, keyed newest first, with the word counts its ranking needs.
--
-- Search ranks the 1,000 most recently added matches (see Store::search). FTS5 reads a term's
-- postings fastest in rowid order, and only as far as a LIMIT asks, while rowid DESC made it
-- load every posting of the term first. So the index row of article `id` is now `-id`: rowid
-- order is newest first, and the newest 1,000 matches of a common word are the first 1,000
-- read. The prefix index goes too: the last word's prefix is matched through its commonest
-- completions in search_terms below.
--
-- The new index starts empty: the store rebuilds it from the articles when it opens a database
-- whose index is missing (Store::open).
DROP TABLE IF EXISTS article_search;
CREATE VIRTUAL TABLE article_search USING fts5(
    title, dek, body, category, tags, author,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Every indexed word (normalised, lower case) and how many articles hold it: the document
-- frequencies of the ranking function (timelines_rank), and the completions that a query's
-- last word, a prefix, stands for. Kept by the store with the index (insert and reindex).
CREATE TABLE search_terms (
    term TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;

-- Each article's length in indexed words (all columns), kept by the store with the index: the
-- ranking reads it from the covering index below, where FTS5 would look it up in its own table
-- row by row (a sixth of a search's work).
ALTER TABLE articles ADD COLUMN search_length INTEGER NOT NULL DEFAULT 0;
DROP INDEX IF EXISTS articles_search_meta;
CREATE INDEX articles_search_meta ON articles(id, published_at, category_id, lang, search_length);
