-- The newsroom's people: staff accounts, their sessions, failed sign-ins (for the lockout),
-- single-use links (the first admin's setup, invitations) and the audit log.
-- Times are Unix seconds (UTC).

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    -- Lower-cased; one account per address.
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'admin')),
    -- An Argon2id PHC string; NULL for an account that cannot sign in (imported authors).
    password_hash TEXT,
    -- The public byline this account writes under.
    author_id     INTEGER NOT NULL UNIQUE REFERENCES authors(id),
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    INTEGER NOT NULL
);

-- The cookie holds a random id; only its SHA-256 is stored, so a copy of the database opens
-- no session.
CREATE TABLE staff_sessions (
    id_hash    TEXT    PRIMARY KEY,
    staff_id   INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    -- The token every form of this session carries.
    csrf       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    seen_at    INTEGER NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions(staff_id);

CREATE TABLE sign_in_failures (
    id      INTEGER PRIMARY KEY,
    email   TEXT    NOT NULL,
    address TEXT    NOT NULL,
    at      INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_email ON sign_in_failures(email, at);
CREATE INDEX sign_in_failures_address ON sign_in_failures(address, at);

-- Single-use links: `setup` creates the first admin, `invite` an account with `role`.
CREATE TABLE staff_tokens (
    token_hash TEXT    PRIMARY KEY,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('setup', 'invite')),
    role       TEXT    NOT NULL CHECK (role IN ('contributor', 'author', 'editor', 'admin')),
    created_by INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    at       INTEGER NOT NULL,
    -- Who did it (NULL: someone not signed in, such as a failed sign-in, or a removed account).
    actor_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
    action   TEXT    NOT NULL,
    -- What it was done to, in words (an address, an article's title).
    subject  TEXT    NOT NULL DEFAULT '',
    address  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log(at DESC);
