package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * Staff marked an approved update request as done. {@code ownerId} is the owner who approved it, who may have sold
 * the vehicle since.
 */
@EventType(value = "com.luxedrive.vehicle.update-completed.v1", topic = Topics.VEHICLES)
public record VehicleUpdateCompleted(UUID updateId, UUID vehicleId, UUID ownerId, Instant completedAt)
        implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
