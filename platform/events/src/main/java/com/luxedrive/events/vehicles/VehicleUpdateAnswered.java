package com.luxedrive.events.vehicles;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.MayBeAbsent;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/** The owner approved or declined an update request (over REST or a socket); pushed to staff sockets. */
@EventType(value = "com.luxedrive.vehicle.update-answered.v1", topic = Topics.VEHICLES)
public record VehicleUpdateAnswered(UUID updateId, UUID vehicleId, UUID ownerId, boolean approved,
                                    @MayBeAbsent String reason,
                                    Instant answeredAt) implements DomainEvent {

    @Override
    public String key() {
        return vehicleId.toString();
    }
}
