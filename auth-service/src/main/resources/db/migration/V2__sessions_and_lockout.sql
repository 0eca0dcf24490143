-- Refresh tokens: opaque to clients, stored as SHA-256 hashes; one family per login, rotated on every use.
CREATE TABLE refresh_tokens (
    id         UUID PRIMARY KEY,
    family_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL REFERENCES users (id),
    token_hash BYTEA       NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);

CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_live_by_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Failed logins per email (known or not, so a lockout reveals nothing), for lockout with back-off.
CREATE TABLE login_failures (
    email_key       TEXT PRIMARY KEY,
    failures        INT         NOT NULL,
    last_failure_at TIMESTAMPTZ NOT NULL,
    locked_until    TIMESTAMPTZ
);

CREATE INDEX users_created ON users (created_at DESC, id);
