-- One row per authenticated socket, as the seed's sessions table; kept for audit and support.
CREATE TABLE sessions (
    id               UUID PRIMARY KEY,
    user_id          UUID        NOT NULL,
    user_type        TEXT        NOT NULL,
    ip               TEXT,
    user_agent       TEXT,
    instance_id      TEXT        NOT NULL,
    connected_at     TIMESTAMPTZ NOT NULL,
    last_activity_at TIMESTAMPTZ NOT NULL,
    disconnected_at  TIMESTAMPTZ
);

CREATE INDEX sessions_user ON sessions (user_id, connected_at DESC);
CREATE INDEX sessions_open ON sessions (instance_id) WHERE disconnected_at IS NULL;
