-- What a notification targets is kept, so drafts and scheduled sends resolve their recipients when they go out.
ALTER TABLE notifications
    ADD COLUMN vehicle_ids  UUID[]      NOT NULL DEFAULT '{}',
    ADD COLUMN user_ids     UUID[]      NOT NULL DEFAULT '{}',
    ADD COLUMN scheduled_at TIMESTAMPTZ,
    ADD COLUMN cancelled_at TIMESTAMPTZ,
    ADD COLUMN updated_at   TIMESTAMPTZ;
UPDATE notifications SET updated_at = created_at;
ALTER TABLE notifications ALTER COLUMN updated_at SET NOT NULL;

CREATE INDEX notifications_due ON notifications (scheduled_at) WHERE status = 'scheduled';
CREATE INDEX notifications_listing ON notifications (created_at DESC, id);

-- A retried POST with the same Idempotency-Key (per sender) gets the first answer back.
CREATE TABLE idempotency_keys (
    sender          UUID        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    response        TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sender, idempotency_key)
);

-- This service's view of who owns which vehicle, fed by luxe.vehicles.v1.
CREATE TABLE vehicle_owners (
    vehicle_id UUID PRIMARY KEY,
    owner_id   UUID        NOT NULL,
    removed    BOOLEAN     NOT NULL DEFAULT false,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX vehicle_owners_owner ON vehicle_owners (owner_id);

-- Types a client chose not to receive; mandatory types (alert, document, maintenance) cannot be muted.
CREATE TABLE notification_preferences (
    user_id     UUID PRIMARY KEY,
    muted_types TEXT[]      NOT NULL DEFAULT '{}',
    updated_at  TIMESTAMPTZ NOT NULL
);

-- The inbox: archived rows leave the default list; a user's own "mark unread" wins over older read receipts.
ALTER TABLE notification_history
    ADD COLUMN archived_at      TIMESTAMPTZ,
    ADD COLUMN unread_marked_at TIMESTAMPTZ;

DROP INDEX notification_history_unread;
CREATE INDEX notification_history_unread ON notification_history (user_id) WHERE status <> 'read' AND archived_at IS NULL;
CREATE INDEX notification_history_inbox_order ON notification_history (user_id, sent_at DESC, notification_id DESC);
DROP INDEX notification_history_inbox;
