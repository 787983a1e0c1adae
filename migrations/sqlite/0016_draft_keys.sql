-- A new article's editor form carries a key made when the page was served. The first save with
-- it makes the article; a second save with the same key from the same account (the autosave
-- retried after its answer was lost, the form sent twice) continues that article instead of
-- making a duplicate draft. Keys are forgotten after two days.
CREATE TABLE article_draft_keys (
    draft_key   TEXT    NOT NULL,
    staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (staff_id, draft_key)
);
CREATE INDEX article_draft_keys_age ON article_draft_keys(created_at);
