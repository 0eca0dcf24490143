-- Staff page through every vehicle newest first (GET /api/vehicles without a filter): read in order from this index
-- rather than sorting the whole table for each page.
CREATE INDEX vehicles_newest ON vehicles (created_at DESC, id);
