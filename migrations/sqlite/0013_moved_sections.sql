-- Old addresses of categories and tags: when an editor renames or moves a category, deletes one
-- (its articles moved to another), or renames or merges a tag, the old path (decoded, such as
-- '/category/world/europe' or '/tag/ports') answers with a 301 to where it now leads: the
-- category path or tag slug in `target`.
CREATE TABLE moved_sections (
    path       TEXT    PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('category', 'tag')),
    target     TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX moved_sections_target ON moved_sections(kind, target);
