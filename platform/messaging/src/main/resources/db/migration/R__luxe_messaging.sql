-- Tables of the shared messaging library (platform/messaging), created in every service's own database.
-- Repeatable and idempotent so it never collides with a service's versioned migrations.

-- Events written in the same transaction as the state change; the relay publishes them in seq order and deletes them.
CREATE TABLE IF NOT EXISTS outbox_event (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     BYTEA       NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL
);

-- The writing transaction's id: the relay reads only rows of transactions older than every one still running, so a
-- row committed late with a lower seq is never skipped (and never deleted unpublished).
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS tx_id XID8 NOT NULL DEFAULT pg_current_xact_id();
-- The rows short of that horizon (the transactions that just committed), which hold back later rows of their keys:
-- found through this index rather than by reading the whole outbox on every pass, backlog or not.
CREATE INDEX IF NOT EXISTS outbox_event_tx_id ON outbox_event (tx_id);

-- The W3C traceparent of the writing request, sent as the record's traceparent header (null outside a trace).
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS trace_parent TEXT;

-- Events a consumer has applied, so a redelivery changes nothing.
CREATE TABLE IF NOT EXISTS processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer, event_id)
);

-- Applied events are forgotten after the topics' retention (ProcessedEventsPurge), oldest first.
CREATE INDEX IF NOT EXISTS processed_event_processed_at ON processed_event (processed_at);

-- Events the broker refuses for good (larger than it takes, a topic name it rejects): set aside by the relay so the
-- events behind them are not held up for ever. An alert fires while any is here; docs/operations.md says how to send
-- them again once the cause is fixed.
CREATE TABLE IF NOT EXISTS outbox_set_aside (
    seq          BIGINT PRIMARY KEY,
    event_id     UUID        NOT NULL,
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    payload      BYTEA       NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    trace_parent TEXT,
    set_aside_at TIMESTAMPTZ NOT NULL,
    reason       TEXT        NOT NULL
);
