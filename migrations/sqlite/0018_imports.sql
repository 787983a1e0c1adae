-- What importing a WordPress site made of each of its things (issue 15), so that importing the
-- same export again changes nothing and a newer export updates what changed.
CREATE TABLE imported (
    -- The export's site (its wp:base_site_url): two sites' ids never meet.
    site     TEXT    NOT NULL,
    -- author, category, tag, post, page, attachment.
    kind     TEXT    NOT NULL,
    -- Its WordPress id (a post's or term's), or an author's login.
    wp_key   TEXT    NOT NULL,
    -- What it became: a staff account, category, tag, article, static page or picture.
    local_id INTEGER NOT NULL,
    -- Of the fields imported: the same digest means nothing changed since.
    digest   TEXT    NOT NULL,
    PRIMARY KEY (site, kind, wp_key)
);

-- Old addresses kept alive: a request for `path` (decoded, without a trailing slash; `/?p=41`
-- and `/?page_id=60` for WordPress's query forms) is sent to `target` with a 301.
CREATE TABLE old_links (
    path   TEXT PRIMARY KEY,
    target TEXT NOT NULL
);
