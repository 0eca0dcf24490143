package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** A document was uploaded for a vehicle and waits for review. {@code contentType} is detected from the bytes. */
@EventType(value = "com.luxedrive.vehicle.document-uploaded.v1", topic = Topics.VEHICLES)
public record DocumentUploaded(UUID documentId, UUID vehicleId, UUID ownerId, String documentType, String fileName,
                               String contentType, long sizeBytes, UUID uploadedBy, Instant uploadedAt)
        implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
