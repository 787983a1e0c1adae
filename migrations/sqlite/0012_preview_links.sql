-- Secret preview links (`/preview/<token>`): someone signed out can read an unpublished article
-- through one until it expires or is withdrawn. Only the token's SHA-256 is kept, never the
-- token. Deleting the article deletes its links.
CREATE TABLE preview_links (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    created_by  INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX preview_links_article ON preview_links(article_id, expires_at);
