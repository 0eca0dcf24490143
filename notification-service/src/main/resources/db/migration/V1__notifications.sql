CREATE TABLE notifications (
    id              UUID PRIMARY KEY,
    title           TEXT        NOT NULL,
    message         TEXT        NOT NULL,
    image_url       TEXT,
    type            TEXT        NOT NULL CHECK (type IN ('info', 'maintenance', 'document', 'promotion', 'alert')),
    target_type     TEXT        NOT NULL CHECK (target_type IN ('all', 'vehicle', 'user')),
    status          TEXT        NOT NULL CHECK (status IN ('draft', 'scheduled', 'sent', 'cancelled')),
    created_by      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    recipient_count INT         NOT NULL DEFAULT 0
);

-- One row per recipient, fixed when the notification is sent; status only moves forward: sent -> delivered -> read.
CREATE TABLE notification_history (
    notification_id UUID        NOT NULL REFERENCES notifications (id),
    user_id         UUID        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('sent', 'delivered', 'read')),
    sent_at         TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    read_at         TIMESTAMPTZ,
    PRIMARY KEY (notification_id, user_id)
);

CREATE INDEX notification_history_inbox ON notification_history (user_id, sent_at DESC);
CREATE INDEX notification_history_unread ON notification_history (user_id) WHERE status <> 'read';

-- This service's own view of the accounts, fed by luxe.users.v1: who can receive notifications.
CREATE TABLE recipient_users (
    user_id    UUID PRIMARY KEY,
    user_type  TEXT        NOT NULL,
    active     BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
