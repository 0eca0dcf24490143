package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * An update request that was not completed was cancelled: by staff, by a transfer of the vehicle while it still
 * waited for the previous owner's answer, or by the vehicle's removal. {@code ownerId} is the owner it was asked of
 * (who may have sold the vehicle since: the previous owner, when a transfer cancelled it).
 */
@EventType(value = "com.luxedrive.vehicle.update-cancelled.v1", topic = Topics.VEHICLES)
public record VehicleUpdateCancelled(UUID updateId, UUID vehicleId, UUID ownerId, Instant cancelledAt)
        implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
