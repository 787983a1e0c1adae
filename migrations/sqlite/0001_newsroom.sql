-- The newsroom: categories (a tree), authors, tags, articles, static pages, menus, subscribers.
-- Times are Unix seconds (UTC).

CREATE TABLE categories (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES categories(id) ON DELETE RESTRICT,
    slug        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    -- The slug chain from the root, e.g. 'world/europe/ukraine'; kept by the store.
    path        TEXT    NOT NULL UNIQUE
);
CREATE INDEX categories_parent ON categories(parent_id, position);

CREATE TABLE authors (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    bio  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE articles (
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
    published_at      INTEGER NOT NULL,
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
    CHECK ((image_src IS NULL) = (image_width IS NULL) AND (image_src IS NULL) = (image_height IS NULL))
);
CREATE INDEX articles_published ON articles(published_at DESC);
CREATE INDEX articles_category ON articles(category_id, published_at DESC);
CREATE INDEX articles_author ON articles(author_id, published_at DESC);
CREATE INDEX articles_picks ON articles(editors_pick, published_at DESC);
CREATE INDEX articles_translation ON articles(translation_key) WHERE translation_key IS NOT NULL;

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id, article_id);

-- Full-text index over whole articles; rowid = articles.id, kept in step by the store.
CREATE VIRTUAL TABLE article_search USING fts5(
    title, dek, body, category, tags, author,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE pages (
    id         INTEGER PRIMARY KEY,
    slug       TEXT    NOT NULL UNIQUE,
    title      TEXT    NOT NULL,
    body_md    TEXT    NOT NULL,
    body_html  TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Data-driven menus: 'primary', 'more', 'topics', 'footer', 'social'.
CREATE TABLE menu_items (
    id        INTEGER PRIMARY KEY,
    menu      TEXT    NOT NULL,
    parent_id INTEGER REFERENCES menu_items(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT    NOT NULL,
    href      TEXT    NOT NULL
);
CREATE INDEX menu_items_menu ON menu_items(menu, parent_id, position);

CREATE TABLE subscribers (
    id         INTEGER PRIMARY KEY,
    email      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    created_at INTEGER NOT NULL
);
