-- vehicle-service's own view of the accounts, fed by luxe.users.v1: who may own a vehicle.
CREATE TABLE owner_users (
    user_id    UUID PRIMARY KEY,
    user_type  TEXT        NOT NULL,
    active     BOOLEAN     NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- Documents of a vehicle. The content lives behind content_ref (see ADR 0009): 'pg-lo:<oid>' is a PostgreSQL
-- large object in this database, so any replica can serve it and it goes with the row.
CREATE TABLE documents (
    id                  UUID PRIMARY KEY,
    vehicle_id          UUID        NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    document_type       TEXT        NOT NULL CHECK (document_type IN
                            ('registration', 'insurance', 'inspection', 'warranty', 'invoice', 'other')),
    file_name           TEXT        NOT NULL,
    content_type        TEXT        NOT NULL,
    size_bytes          BIGINT      NOT NULL CHECK (size_bytes > 0),
    sha256              TEXT        NOT NULL,
    content_ref         TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    rejected_reason     TEXT,
    expires_on          DATE,
    expiry_announced_at TIMESTAMPTZ,
    uploaded_by         UUID        NOT NULL,
    reviewed_by         UUID,
    reviewed_at         TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);

CREATE INDEX documents_vehicle ON documents (vehicle_id, created_at DESC);
CREATE INDEX documents_expiry ON documents (expires_on) WHERE expiry_announced_at IS NULL AND expires_on IS NOT NULL;

-- A large object is not freed with the row that points at it; this frees it in the same transaction,
-- also when documents go with their vehicle (ON DELETE CASCADE).
CREATE FUNCTION documents_unlink_content() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.content_ref LIKE 'pg-lo:%' THEN
        PERFORM lo_unlink(substring(OLD.content_ref FROM 7)::oid);
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER documents_unlink_content AFTER DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_unlink_content();

-- Maintenance, repair, inspection or recall requests that the owner answers.
CREATE TABLE vehicle_updates (
    id              UUID PRIMARY KEY,
    vehicle_id      UUID        NOT NULL REFERENCES vehicles (id) ON DELETE CASCADE,
    update_type     TEXT        NOT NULL CHECK (update_type IN ('maintenance', 'repair', 'inspection', 'recall', 'other')),
    title           TEXT        NOT NULL,
    description     TEXT,
    priority        TEXT        NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    scheduled_date  TIMESTAMPTZ,
    status          TEXT        NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'completed', 'cancelled')),
    response_reason TEXT,
    answered_by     UUID,
    answered_at     TIMESTAMPTZ,
    completed_date  TIMESTAMPTZ,
    requested_by    UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX vehicle_updates_vehicle ON vehicle_updates (vehicle_id, created_at DESC);
