-- Readers' comments (issue 17): one level of replies, held until approved, counted on the
-- article (articles.comment_count: the approved comments a reader sees).
CREATE TABLE comments (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    -- The comment this one answers (always a comment without a parent: one level deep).
    parent_id   INTEGER REFERENCES comments(id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    -- The address as canonical (src/server/email.rs) and its key: never shown to readers.
    email       TEXT    NOT NULL,
    email_key   TEXT    NOT NULL,
    -- Plain text as written; links are made clickable when it is shown.
    body        TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('held', 'approved', 'spam', 'trash')),
    -- A reply written in the newsroom: its author's account.
    staff_id    INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    -- The client address it came from (an IPv4 address or an IPv6 /64), for the rate limit.
    client      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX comments_article ON comments(article_id, status, created_at);
CREATE INDEX comments_status ON comments(status, created_at DESC);
CREATE INDEX comments_email ON comments(email_key, status);
CREATE INDEX comments_client ON comments(client, created_at);
CREATE INDEX comments_parent ON comments(parent_id) WHERE parent_id IS NOT NULL;

-- Set in the newsroom: the article takes no more comments (those it has stay).
ALTER TABLE articles ADD COLUMN comments_closed INTEGER NOT NULL DEFAULT 0;

-- Secrets the servers share (the key that signs comment forms and held-comment links), made at
-- the first start.
CREATE TABLE site_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
