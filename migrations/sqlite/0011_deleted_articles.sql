-- Addresses of deleted articles: a published article that the newsroom deletes leaves its path
-- (and the old paths that redirected to it) here, and a request for one is answered 410 Gone
-- rather than 404, so search engines drop it at once. Looked up only when an article path
-- would answer 404; an article published later at the same path answers as usual.
CREATE TABLE deleted_articles (
    path       TEXT    PRIMARY KEY,
    deleted_at INTEGER NOT NULL
) WITHOUT ROWID;
