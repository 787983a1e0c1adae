-- The search page's language filter lists the languages articles are published in; this index
-- lets that list be read in a few steps instead of a scan of every article.
CREATE INDEX articles_lang ON articles(lang, published_at DESC);

-- What search filters and ranks by, by article id: the window of matches is read from here
-- without visiting the article rows (their bodies come first and make them long).
CREATE INDEX articles_search_meta ON articles(id, published_at, category_id, lang);
