-- The same as migrations/sqlite/0023_mail_skipped.sql.
ALTER TABLE mail_outbox ADD COLUMN skipped BIGINT NOT NULL DEFAULT 0;
