package com.luxedrive.vehicle.documents;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

/** Rows written straight into the tables, for the document jobs' tests (which look at what the jobs do to them). */
final class DocumentRows {

    private DocumentRows() {
    }

    /** A vehicle of {@code owner}, with a VIN and plate of its own. */
    static UUID vehicleOf(JdbcClient jdbc, UUID owner) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO vehicles (id, owner_id, vin, license_plate, make, model, year, status, created_at,
                                              updated_at)
                        VALUES (?, ?, ?, ?, 'Aston Martin', 'DB12', 2024, 'active', now(), now())""")
                .params(id, owner, "SCF" + id.toString().replace("-", "").substring(0, 14).toUpperCase(),
                        "DOC-" + id.toString().substring(0, 8))
                .update();
        return id;
    }
}
