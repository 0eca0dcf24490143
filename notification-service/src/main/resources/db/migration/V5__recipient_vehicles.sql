-- A send to vehicles shows each recipient the vehicles of theirs it is about, never the whole list it named (up to
-- 100 000 vehicles of other owners). Null for sends that are not to vehicles.
ALTER TABLE notification_history ADD COLUMN vehicle_ids UUID[];

-- What a replay still shows (notifications no device has acknowledged): the recipient's vehicles as the projection
-- knows them now, the closest to what they owned when the send was made.
UPDATE notification_history h
SET vehicle_ids = ARRAY(SELECT v.vehicle_id FROM vehicle_owners v
                        WHERE v.vehicle_id = ANY (n.vehicle_ids) AND v.owner_id = h.user_id
                        ORDER BY v.vehicle_id)
FROM notifications n
WHERE n.id = h.notification_id AND n.target_type = 'vehicle' AND h.status = 'sent';
