-- Site settings an admin changed in the newsroom (issue 13): one row for each setting that no
-- longer takes the configuration file's value. `key` is the setting's key in Leptos.toml
-- (`site.name`, `social.facebook`, `ads.article_slot_html`…); a setting without a row takes the
-- file's value (or its environment variable's), and an empty `value` means "none" (a link not
-- shown). Who saved it last and when, for the settings page.
CREATE TABLE site_settings (
    key        TEXT    PRIMARY KEY NOT NULL,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES staff(id) ON DELETE SET NULL
);

-- The five networks' links are site settings from now on; the demo had copied the file's values
-- into the social menu, which keeps only links to other networks.
DELETE FROM menu_items
 WHERE menu = 'social'
   AND parent_id IS NULL
   AND label IN ('Facebook', 'X (Twitter)', 'Instagram', 'TikTok', 'Threads');
