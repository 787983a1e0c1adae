-- The contact form (issue 17): readers' messages to the newsroom, listed at /newsroom/messages.
CREATE TABLE contact_messages (
    -- AUTOINCREMENT: a deleted message's id is never given again (notices and the audit log
    -- name messages by id).
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    -- The address as canonical (src/server/email.rs) and its key (for the rate limit).
    email       TEXT    NOT NULL,
    email_key   TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    -- Plain text as written.
    body        TEXT    NOT NULL,
    -- The client address it came from (an IPv4 address or an IPv6 /64), for the rate limit.
    client      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    -- When a member of staff first opened it (NULL: unread).
    read_at     INTEGER
);
CREATE INDEX contact_messages_newest ON contact_messages(created_at DESC);
CREATE INDEX contact_messages_email ON contact_messages(email_key, created_at);
CREATE INDEX contact_messages_client ON contact_messages(client, created_at);
