package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** An admin transferred the vehicle to another client. */
@EventType(value = "com.luxedrive.vehicle.owner-changed.v1", topic = Topics.VEHICLES)
public record VehicleOwnerChanged(UUID vehicleId, UUID previousOwnerId, UUID ownerId, Instant changedAt)
        implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
