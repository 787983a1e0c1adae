//! Every setting, once: key, type, default, environment variables (first set wins) and range.
//! The shipped `Leptos.toml` holds exactly these defaults (a unit test checks it), with each
//! key's variables in the comment beside it; the README's table describes them for operators.

config_table! {
    /// What the portal is called and where it lives.
    [site] SiteConfig {
        /// Site name in the masthead, titles and footer.
        name: String = "West Timelines", env "TIMELINES_SITE_NAME";
        /// Line under the masthead.
        tagline: String = "News, analysis and ideas from around the world", env "TIMELINES_TAGLINE";
        /// Language of the portal's own words (menus, labels); articles carry their own.
        language: String = "en", env "TIMELINES_LANGUAGE";
        /// Absolute base for canonical and share links (a trailing slash is dropped).
        public_url: String = "http://127.0.0.1:3000", env "TIMELINES_PUBLIC_URL";
        /// The newsroom's time zone (an IANA name such as Europe/London): Schedule reads the
        /// time typed in it, and the newsroom shows times in it.
        time_zone: String = "UTC", env "TIMELINES_TIME_ZONE";
    }

    /// Listening, storage, the built site and connection limits.
    [server] ServerConfig {
        /// Listen address, IP:port. `LEPTOS_SITE_ADDR` is what cargo-leptos sets from
        /// `site-addr` for `cargo leptos watch`, `serve` and `end-to-end`.
        address: String = "127.0.0.1:3000", env "TIMELINES_ADDRESS" | "LEPTOS_SITE_ADDR";
        /// The database: an SQLite file (`sqlite://…`, created if missing) or PostgreSQL
        /// (`postgres://…`, for several app servers on one database).
        database_url: String = "sqlite://data/timelines.db", env "TIMELINES_DATABASE_URL";
        /// A PostgreSQL read replica of `database_url` that reader pages and feeds read from
        /// (empty: none). Pages wait for it to replay the latest change, or read the primary.
        database_read_url: String = "", env "TIMELINES_DATABASE_READ_URL";
        /// Load the demo newsroom when the database has no articles.
        load_demo: bool = true, env "TIMELINES_LOAD_DEMO";
        /// Where cargo-leptos writes the built site; must agree with `Cargo.toml`.
        site_root: String = "target/site", env "LEPTOS_SITE_ROOT";
        /// The folder of the built JS, wasm and CSS under `site_root`.
        site_pkg_dir: String = "pkg", env "LEPTOS_SITE_PKG_DIR";
        /// The built files' base name.
        output_name: String = "timelines", env "LEPTOS_OUTPUT_NAME";
        /// Port of the live-reload websocket under `cargo leptos watch` (cargo-leptos sets the
        /// variable from `reload-port`); the reload script and the CSP point at it.
        reload_port: u32 = 3001, env "LEPTOS_RELOAD_PORT", range 1..=65_535;
        /// Take the client address from the last entry of `X-Forwarded-For`, the one the proxy
        /// in front appended (only behind a proxy that sets it; otherwise any client could claim
        /// any address).
        trust_forwarded_for: bool = false, env "TIMELINES_TRUST_FORWARDED_FOR";
        /// Newsletter sign-ups one client address may make in a minute (all at once, or spread).
        signups_per_minute: u32 = 5, env "TIMELINES_SIGNUPS_PER_MINUTE", range 1..=10_000;
        /// Seconds a client has to send a request's line and headers, counted from the
        /// connection's start or from the first byte of the next request on a kept-alive
        /// connection.
        header_read_timeout_seconds: u32 = 10,
            env "TIMELINES_HEADER_READ_TIMEOUT_SECONDS", range 1..=3_600;
        /// Seconds a kept-alive connection may wait idle for its next request.
        keep_alive_timeout_seconds: u32 = 60,
            env "TIMELINES_KEEP_ALIVE_TIMEOUT_SECONDS", range 1..=3_600;
        /// Seconds a request's whole body has to arrive in, counted from the end of its headers.
        request_body_timeout_seconds: u32 = 30,
            env "TIMELINES_REQUEST_BODY_TIMEOUT_SECONDS", range 1..=3_600;
        /// Connections served at once; more wait in the listen backlog until one closes.
        max_connections: u32 = 10_000, env "TIMELINES_MAX_CONNECTIONS", range 1..=1_000_000;
        /// Bytes a request's line and headers may take (431 beyond); the default is what nginx
        /// allows (four 8 KB header buffers).
        max_header_bytes: u32 = 32 * 1024,
            env "TIMELINES_MAX_HEADER_BYTES", range 8 * 1024..=1024 * 1024;
        /// Where Prometheus scrapes `/metrics`, IP:port of its own (empty: no metrics
        /// endpoint). Never the site's address: keep it on a private interface.
        metrics_address: String = "", env "TIMELINES_METRICS_ADDRESS";
    }

    /// Social profile links in the header and footer (empty: not shown).
    [social] SocialConfig {
        facebook: String = "https://www.facebook.com/westtimelines",
            env "TIMELINES_SOCIAL_FACEBOOK";
        x: String = "https://x.com/westtimelines", env "TIMELINES_SOCIAL_X";
        instagram: String = "https://www.instagram.com/westtimelines",
            env "TIMELINES_SOCIAL_INSTAGRAM";
        tiktok: String = "https://www.tiktok.com/@westtimelines", env "TIMELINES_SOCIAL_TIKTOK";
        threads: String = "https://www.threads.net/@westtimelines",
            env "TIMELINES_SOCIAL_THREADS";
    }

    /// "Follow on …" links under articles (empty: not shown).
    [follow] FollowConfig {
        google_news: String = "https://news.google.com/publications/westtimelines",
            env "TIMELINES_GOOGLE_NEWS_URL";
        flipboard: String = "https://flipboard.com/@westtimelines", env "TIMELINES_FLIPBOARD_URL";
    }

    /// The reserved ad slot.
    [ads] AdsConfig {
        /// Trusted HTML from the publisher's ad server; empty shows a labelled, reserved box.
        article_slot_html: String = "", env "TIMELINES_AD_HTML";
    }

    /// The newsroom's sessions and sign-in lockout.
    [newsroom] NewsroomConfig {
        /// Hours a session stays signed in without being used.
        session_idle_hours: u32 = 12, env "TIMELINES_SESSION_IDLE_HOURS", range 1..=720;
        /// Days a session lasts at most, used or not.
        session_max_days: u32 = 30, env "TIMELINES_SESSION_MAX_DAYS", range 1..=365;
        /// Failed sign-ins for one account, within the lockout window, that lock it.
        lockout_per_account: u32 = 5, env "TIMELINES_LOCKOUT_PER_ACCOUNT", range 1..=1_000;
        /// Failed sign-ins from one client address, within the window, that lock it.
        lockout_per_client: u32 = 20, env "TIMELINES_LOCKOUT_PER_CLIENT", range 1..=10_000;
        /// Minutes the failures are counted over, and how long a lock lasts.
        lockout_minutes: u32 = 15, env "TIMELINES_LOCKOUT_MINUTES", range 1..=1_440;
    }

    /// Readers' comments: moderation and the limits against floods.
    [comments] CommentsConfig {
        /// Hold every reader's comment for an editor; otherwise only an address's first is held
        /// and its later ones appear at once.
        hold_all: bool = false, env "TIMELINES_COMMENTS_HOLD_ALL";
        /// Comments one email address may post in an hour.
        per_address_per_hour: u32 = 10,
            env "TIMELINES_COMMENTS_PER_ADDRESS_PER_HOUR", range 1..=10_000;
        /// Comments one client address (an IPv6 /64) may post in an hour.
        per_client_per_hour: u32 = 20,
            env "TIMELINES_COMMENTS_PER_CLIENT_PER_HOUR", range 1..=100_000;
        /// Seconds that must pass between a page's form being made and a comment being posted
        /// from it (robots post at once).
        min_seconds: u32 = 3, env "TIMELINES_COMMENTS_MIN_SECONDS", range 0..=3_600;
        /// Web addresses one comment may hold.
        max_links: u32 = 2, env "TIMELINES_COMMENTS_MAX_LINKS", range 0..=100;
    }

    /// E-mail: newsletter confirmations and issues, and notices to the newsroom.
    [mail] MailConfig {
        /// The SMTP server: `smtp://host:25` (plain, a local relay), `smtp://user:password@host:587?tls=required`
        /// (STARTTLS) or `smtps://user:password@host:465`. Empty: messages are written as `.eml`
        /// files into `mail.dir` instead of being sent.
        smtp_url: String = "", env "TIMELINES_SMTP_URL";
        /// The sender, such as `West Timelines <newsletter@news.example>`. Empty: the site's name
        /// at `newsletter@` the public address's host.
        from: String = "", env "TIMELINES_MAIL_FROM";
        /// Where messages are written when there is no SMTP server (made if missing).
        dir: String = "data/mail", env "TIMELINES_MAIL_DIR";
        /// Who is told of new held comments and contact messages (an address; empty: nobody).
        notify: String = "", env "TIMELINES_MAIL_NOTIFY";
    }

    /// The newsletter: a digest of the top articles, sent from the newsroom or on a schedule.
    [newsletter] NewsletterConfig {
        /// Send the digest by itself: `off`, `daily` (the last day's top articles) or `weekly`
        /// (the last week's).
        schedule: String = "off", env "TIMELINES_NEWSLETTER_SCHEDULE";
        /// The hour, in the site's time zone, a scheduled digest goes out (0 to 23).
        hour: u32 = 7, env "TIMELINES_NEWSLETTER_HOUR", range 0..=23;
        /// The day a weekly digest goes out (`monday` to `sunday`).
        weekday: String = "monday", env "TIMELINES_NEWSLETTER_WEEKDAY";
        /// The most articles a digest holds, most read first.
        articles: u32 = 8, env "TIMELINES_NEWSLETTER_ARTICLES", range 1..=50;
    }

    /// List sizes.
    [pages] PagesConfig {
        archive_page_size: u32 = 12, env "TIMELINES_ARCHIVE_PAGE_SIZE", range 1..=100;
        search_page_size: u32 = 10, env "TIMELINES_SEARCH_PAGE_SIZE", range 1..=100;
        latest_count: u32 = 6, env "TIMELINES_LATEST_COUNT", range 1..=100;
    }

    /// Caching of HTML, by browsers and CDNs and in the server's memory.
    [http] HttpConfig {
        /// `Cache-Control` of HTML pages (error pages are never stored).
        html_cache_control: String = "public, max-age=60, stale-while-revalidate=600",
            env "TIMELINES_HTML_CACHE_CONTROL";
        /// How long the server keeps a rendered page in memory (0: render every request).
        /// Writes made through this server drop every kept page at once.
        page_cache_seconds: u32 = 30, env "TIMELINES_PAGE_CACHE_SECONDS";
        /// How much memory the kept pages may take, in megabytes (1,000,000 bytes).
        page_cache_megabytes: u32 = 64, env "TIMELINES_PAGE_CACHE_MEGABYTES";
    }

    /// Pictures uploaded in the newsroom: where their files live, and what an upload may be.
    [media] MediaConfig {
        /// The folder of the originals and their variants (made if missing).
        dir: String = "data/media", env "TIMELINES_MEDIA_DIR";
        /// The largest upload, in megabytes (1,000,000 bytes); larger ones are refused (413).
        max_upload_megabytes: u32 = 20, env "TIMELINES_MAX_UPLOAD_MEGABYTES", range 1..=200;
        /// The most pixels an image may have, in megapixels, read from its header before it is
        /// decoded (a decompression bomb is refused without being unpacked).
        max_megapixels: u32 = 50, env "TIMELINES_MAX_MEGAPIXELS", range 1..=200;
    }
}
