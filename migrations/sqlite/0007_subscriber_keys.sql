-- Newsletter addresses get a canonical key: NFC, the local part in lower case, the domain in
-- ASCII (see src/server/email.rs), unique, so that `ÜSER1@…` and `üser1@…` are one subscriber.
-- SQLite cannot compute it (Unicode case, NFC, IDNA): the server fills it in at start
-- (`Store::canonicalize_subscribers`), merging addresses that turn out to be one subscriber into
-- the earliest. Addresses it cannot make canonical are kept as they are, without a key.
ALTER TABLE subscribers ADD COLUMN email_key TEXT;
CREATE UNIQUE INDEX subscribers_email_key ON subscribers (email_key);
