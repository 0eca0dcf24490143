package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** Staff approved a pending document. */
@EventType(value = "com.luxedrive.vehicle.document-approved.v1", topic = Topics.VEHICLES)
public record DocumentApproved(UUID documentId, UUID vehicleId, UUID ownerId, String documentType, UUID reviewedBy,
                               Instant reviewedAt) implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
