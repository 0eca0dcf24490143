package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.MayBeAbsent;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** Staff asked the owner to accept a maintenance, repair, inspection or recall; pushed to the owner's sockets. */
@EventType(value = "com.luxedrive.vehicle.update-requested.v1", topic = Topics.VEHICLES)
public record VehicleUpdateRequested(UUID updateId, UUID vehicleId, UUID ownerId, String updateType, String title,
                                     @MayBeAbsent String description, String priority,
                                     @MayBeAbsent Instant scheduledDate, UUID requestedBy, Instant requestedAt)
        implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
