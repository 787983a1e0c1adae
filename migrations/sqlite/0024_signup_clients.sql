-- Newsletter sign-ups per client, shared by every server on the database (store/signup_limit.rs):
-- one row per client that signed up lately, holding when its allowance is whole again, in
-- milliseconds since 1970. Rows whose time has passed are deleted.
CREATE TABLE signup_clients (
    client  TEXT    PRIMARY KEY,
    full_at INTEGER NOT NULL
);
CREATE INDEX signup_clients_full_at ON signup_clients(full_at);
