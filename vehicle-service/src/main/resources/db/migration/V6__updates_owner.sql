-- An update request belongs to the owner it was asked of: after a transfer the buyer sees the vehicle, not the
-- seller's requests and answers (their reasons, their dates). Existing rows: the owner who answered, else the
-- vehicle's owner now (the owners asked were not kept).
ALTER TABLE vehicle_updates ADD COLUMN owner_id UUID;
UPDATE vehicle_updates u SET owner_id = coalesce(u.answered_by, v.owner_id) FROM vehicles v WHERE v.id = u.vehicle_id;
ALTER TABLE vehicle_updates ALTER COLUMN owner_id SET NOT NULL;
