-- Old addresses of published articles: when an article's slug or publication date changes, its
-- old path is kept here, and a request for it is answered with a 301 to where it is now.
CREATE TABLE article_redirects (
    path       TEXT    PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX article_redirects_article ON article_redirects(article_id);
