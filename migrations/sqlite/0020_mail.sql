-- E-mail (issue 17): newsletter subscribers confirm their address (double opt-in) and may leave;
-- every message goes through the outbox, which a background worker sends with retries.

-- NULL: not confirmed (every subscriber stored before this change starts so).
ALTER TABLE subscribers ADD COLUMN confirmed_at INTEGER;
-- Set when the reader unsubscribed; a new sign-up clears it and asks for confirmation again.
ALTER TABLE subscribers ADD COLUMN unsubscribed_at INTEGER;
-- When the last confirmation e-mail was queued (one per address per few minutes at most).
ALTER TABLE subscribers ADD COLUMN confirm_sent_at INTEGER;

CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    -- confirm, newsletter, notice.
    kind            TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    -- The whole message as sent (RFC 5322), built when it was queued.
    message         TEXT    NOT NULL,
    -- A newsletter issue's key: each address gets an issue once (the unique index below).
    issue           TEXT,
    status          TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
CREATE UNIQUE INDEX mail_outbox_issue ON mail_outbox(issue, recipient) WHERE issue IS NOT NULL;
