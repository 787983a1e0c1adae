-- A message given up on because there was nothing to send any more (its subscriber left, or
-- had confirmed already): counted apart from delivery failures in the newsletter's send log.
ALTER TABLE mail_outbox ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
