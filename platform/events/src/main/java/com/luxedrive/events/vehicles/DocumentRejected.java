package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** Staff rejected a pending document, saying why. */
@EventType(value = "com.luxedrive.vehicle.document-rejected.v1", topic = Topics.VEHICLES)
public record DocumentRejected(UUID documentId, UUID vehicleId, UUID ownerId, String documentType, String reason,
                               UUID reviewedBy, Instant reviewedAt) implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
