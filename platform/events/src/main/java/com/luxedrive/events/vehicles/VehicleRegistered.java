package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** Staff registered a vehicle for a client, who now owns it. */
@EventType(value = "com.luxedrive.vehicle.registered.v1", topic = Topics.VEHICLES)
public record VehicleRegistered(UUID vehicleId, UUID ownerId, String vin, String licensePlate, String make,
                                String model, int year, Instant registeredAt) implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
