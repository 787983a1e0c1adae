-- Pictures uploaded in the newsroom (issue 14). One row per distinct upload: `key` is the first
-- 20 hexadecimal digits of the SHA-256 of its bytes, which names its files under the media
-- folder (`<key>/<width>.webp|.jpg`, `<key>/share.jpg`, `originals/<key>`). An upload is
-- checked and kept as an original at once ('processing'); its variants are made in the
-- background, then it is 'ready' (with the widths made) or 'failed' (with the reason).
-- Alt text, caption and credit here are the picture's defaults, offered again wherever it is
-- used.
CREATE TABLE media (
    id          INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE CHECK (length(key) = 20),
    -- The name it was uploaded under: shown and searched, never used as a path.
    file_name   TEXT    NOT NULL,
    mime        TEXT    NOT NULL,
    -- As shown (after its EXIF orientation).
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    -- The upload's size.
    bytes       INTEGER NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'processing' CHECK (status IN ('processing', 'ready', 'failed')),
    error       TEXT    NOT NULL DEFAULT '',
    -- The widths made, narrowest first, comma-separated ('320,480,768').
    variants    TEXT    NOT NULL DEFAULT '',
    alt         TEXT    NOT NULL DEFAULT '',
    caption     TEXT    NOT NULL DEFAULT '',
    credit      TEXT    NOT NULL DEFAULT '',
    created_by  INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX media_created ON media(created_at DESC, id DESC);
CREATE INDEX media_pending ON media(status) WHERE status = 'processing';

-- An article's featured image: a picture of the library (which cannot be deleted while an
-- article uses it), with the article's own alt text (the existing `image_alt`), caption and
-- credit. The older `image_src`, `image_width` and `image_height` columns are left as they are.
ALTER TABLE articles ADD COLUMN image_media_id INTEGER REFERENCES media(id) ON DELETE RESTRICT;
ALTER TABLE articles ADD COLUMN image_caption TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN image_credit TEXT NOT NULL DEFAULT '';
CREATE INDEX articles_image_media ON articles(image_media_id) WHERE image_media_id IS NOT NULL;
