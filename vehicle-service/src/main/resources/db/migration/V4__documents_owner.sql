-- A document belongs to the owner it was uploaded for: after a transfer the new owner sees the vehicle, not the
-- previous owner's papers (their insurance, their invoices). Existing rows: the vehicle's owner now (the owners at
-- past uploads were not kept).
ALTER TABLE documents ADD COLUMN owner_id UUID;
UPDATE documents d SET owner_id = v.owner_id FROM vehicles v WHERE v.id = d.vehicle_id;
ALTER TABLE documents ALTER COLUMN owner_id SET NOT NULL;

-- The hourly expiry check reads this index: a rejected document is never announced, so it leaves it.
DROP INDEX documents_expiry;
CREATE INDEX documents_expiry ON documents (expires_on)
    WHERE expiry_announced_at IS NULL AND expires_on IS NOT NULL AND status <> 'rejected';
