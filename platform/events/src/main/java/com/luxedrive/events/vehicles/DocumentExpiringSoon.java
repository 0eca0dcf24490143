package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.LocalDate;
import java.util.UUID;

/** A document's expiry date is near; announced once per document. */
@EventType(value = "com.luxedrive.vehicle.document-expiring-soon.v1", topic = Topics.VEHICLES)
public record DocumentExpiringSoon(UUID documentId, UUID vehicleId, UUID ownerId, String documentType,
                                   LocalDate expiresOn) implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
