-- One table for clients and staff, so an email is one account whichever kind it is (docs/adr/0004).
CREATE TABLE users (
    id            UUID PRIMARY KEY,
    email         TEXT        NOT NULL,
    password_hash TEXT        NOT NULL,
    first_name    TEXT        NOT NULL,
    last_name     TEXT        NOT NULL,
    phone         TEXT,
    user_type     TEXT        NOT NULL CHECK (user_type IN ('client', 'admin')),
    role          TEXT        NOT NULL CHECK (role IN ('client', 'admin', 'support')),
    active        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    last_login_at TIMESTAMPTZ,
    CHECK ((user_type = 'client') = (role = 'client'))
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));
