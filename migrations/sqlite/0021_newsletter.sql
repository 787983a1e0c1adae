-- Newsletter issues (issue 17): a digest of the day's or the week's top articles, sent from the
-- newsroom or on a schedule. An issue's content is kept here once; the outbox holds one row per
-- recipient naming the issue and the subscriber, and the mail worker writes each message as it
-- sends it (with that subscriber's own unsubscribe link), so a list of thousands does not store
-- thousands of copies. A confirmation queued for a subscriber who never got one (stored before
-- double opt-in) is written the same way.

CREATE TABLE newsletter_issues (
    id          INTEGER PRIMARY KEY,
    -- daily-2026-12-06, weekly-2026-12-07 (scheduled), sent-<nonce> (from the newsroom): one
    -- issue per key, however many servers or clicks ask for it.
    key         TEXT    NOT NULL UNIQUE,
    -- day or week.
    period      TEXT    NOT NULL CHECK (period IN ('day', 'week')),
    subject     TEXT    NOT NULL,
    -- The articles, as JSON (title, address, standfirst, category, author, language).
    articles    TEXT    NOT NULL,
    article_count INTEGER NOT NULL,
    -- Addresses it was queued to (0: nothing to send, or nobody confirmed).
    recipients  INTEGER NOT NULL,
    -- The staff account that sent it (NULL: the schedule).
    sent_by     INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
);

-- The subscriber a message is written for at sending time (NULL: the message is stored whole).
ALTER TABLE mail_outbox ADD COLUMN subscriber_id INTEGER;
CREATE INDEX mail_outbox_by_issue ON mail_outbox(issue, status);
