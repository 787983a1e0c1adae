-- Static pages edited in the newsroom (issue 13): a version for the stale-save check, who saved
-- last (named when a stale save is refused), and the old addresses of pages whose slug changed
-- (each answers 301 to the page's address now; a page taking an old address back removes it).
ALTER TABLE pages ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pages ADD COLUMN saved_by INTEGER REFERENCES staff(id) ON DELETE SET NULL;

CREATE TABLE page_redirects (
    old_slug TEXT    PRIMARY KEY,
    page_id  INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE
);
