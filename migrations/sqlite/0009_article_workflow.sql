-- Articles the newsroom writes: a draft has no publication time (published_at IS NULL), so every
-- reader query, which asks for `published_at <= now`, leaves it out as it leaves out scheduled
-- ones. SQLite cannot drop NOT NULL from a column, so the table is rebuilt. sqlx runs every
-- SQLite migration inside a transaction, where foreign keys cannot be switched off, and dropping
-- the old table deletes its rows first, which cascades to article_tags: the tags are set aside
-- and put back.
--
-- New columns: the workflow status, SEO overrides, the version a save must name (no silent
-- overwrite), who saved last, and when the article was made.

CREATE TEMP TABLE article_tags_kept AS SELECT article_id, tag_id FROM article_tags;

CREATE TABLE articles_new (
    id                INTEGER PRIMARY KEY,
    slug              TEXT    NOT NULL UNIQUE,
    title             TEXT    NOT NULL,
    dek               TEXT    NOT NULL DEFAULT '',
    body_md           TEXT    NOT NULL,
    body_html         TEXT    NOT NULL,
    word_count        INTEGER NOT NULL,
    lang              TEXT    NOT NULL DEFAULT 'en',
    dir               TEXT    NOT NULL DEFAULT 'ltr' CHECK (dir IN ('ltr', 'rtl')),
    author_id         INTEGER NOT NULL REFERENCES authors(id),
    category_id       INTEGER NOT NULL REFERENCES categories(id),
    -- NULL while a draft or in review; in the future while scheduled.
    published_at      INTEGER,
    updated_at        INTEGER NOT NULL,
    image_src         TEXT,
    image_width       INTEGER,
    image_height      INTEGER,
    image_alt         TEXT,
    featured          INTEGER NOT NULL DEFAULT 0,
    editors_pick      INTEGER NOT NULL DEFAULT 0,
    views             INTEGER NOT NULL DEFAULT 0,
    comment_count     INTEGER NOT NULL DEFAULT 0,
    -- Articles sharing a key are translations of one another.
    translation_key   TEXT,
    search_length     INTEGER NOT NULL DEFAULT 0,
    status            TEXT    NOT NULL DEFAULT 'published' CHECK (status IN ('draft', 'review', 'published')),
    seo_title         TEXT    NOT NULL DEFAULT '',
    seo_description   TEXT    NOT NULL DEFAULT '',
    canonical_url     TEXT    NOT NULL DEFAULT '',
    -- Every save adds one; a save naming an older version is refused.
    version           INTEGER NOT NULL DEFAULT 1,
    saved_by          INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at        INTEGER NOT NULL DEFAULT 0,
    CHECK ((image_src IS NULL) = (image_width IS NULL) AND (image_src IS NULL) = (image_height IS NULL)),
    CHECK ((status = 'published') = (published_at IS NOT NULL))
);

INSERT INTO articles_new (id, slug, title, dek, body_md, body_html, word_count, lang, dir, author_id,
    category_id, published_at, updated_at, image_src, image_width, image_height, image_alt, featured,
    editors_pick, views, comment_count, translation_key, search_length, created_at)
SELECT id, slug, title, dek, body_md, body_html, word_count, lang, dir, author_id,
    category_id, published_at, updated_at, image_src, image_width, image_height, image_alt, featured,
    editors_pick, views, comment_count, translation_key, search_length, published_at
FROM articles;

DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;
INSERT INTO article_tags (article_id, tag_id) SELECT article_id, tag_id FROM article_tags_kept;
DROP TABLE article_tags_kept;

CREATE INDEX articles_published ON articles(published_at DESC);
CREATE INDEX articles_category ON articles(category_id, published_at DESC);
CREATE INDEX articles_author ON articles(author_id, published_at DESC);
CREATE INDEX articles_picks ON articles(editors_pick, published_at DESC);
CREATE INDEX articles_translation ON articles(translation_key) WHERE translation_key IS NOT NULL;
CREATE INDEX articles_lang ON articles(lang, published_at DESC);
CREATE INDEX articles_search_meta ON articles(id, published_at, category_id, lang, search_length);
-- The newsroom's list: latest change first, all or by status.
CREATE INDEX articles_updated ON articles(updated_at DESC);
CREATE INDEX articles_status ON articles(status, updated_at DESC);

-- What each save of an article held (kept on each explicit save, submit, publish, update and
-- unpublish; capped per article by the store), for the editor's revision list.
CREATE TABLE article_revisions (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    at              INTEGER NOT NULL,
    staff_id        INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    -- save, review, publish, schedule, update, unpublish
    action          TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    dek             TEXT    NOT NULL,
    slug            TEXT    NOT NULL,
    body_md         TEXT    NOT NULL,
    lang            TEXT    NOT NULL,
    category_id     INTEGER NOT NULL,
    author_id       INTEGER NOT NULL,
    -- The tag names, comma-separated.
    tags            TEXT    NOT NULL,
    seo_title       TEXT    NOT NULL,
    seo_description TEXT    NOT NULL,
    canonical_url   TEXT    NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions(article_id, id DESC);
