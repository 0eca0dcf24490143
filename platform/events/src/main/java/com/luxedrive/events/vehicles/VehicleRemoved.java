package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** Staff removed the vehicle, with its documents and update requests. */
@EventType(value = "com.luxedrive.vehicle.removed.v1", topic = Topics.VEHICLES)
public record VehicleRemoved(UUID vehicleId, UUID ownerId, Instant removedAt) implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
