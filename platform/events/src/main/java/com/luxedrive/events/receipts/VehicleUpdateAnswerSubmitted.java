package com.luxedrive.events.receipts;

import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventType;
import com.luxedrive.events.MayBeAbsent;
import com.luxedrive.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * A user answered an update request from a socket ({@code vehicle:update-response}). Only a claim: vehicle-service
 * checks that the user owns the vehicle and that the request is still pending before it records the answer.
 */
@EventType(value = "com.luxedrive.vehicle.update-answer-submitted.v1", topic = Topics.RECEIPTS)
public record VehicleUpdateAnswerSubmitted(UUID updateId, UUID vehicleId, UUID userId, boolean approved,
                                           @MayBeAbsent String reason, Instant submittedAt) implements DomainEvent {

    @Override
    public String key() {
        return userId.toString();
    }
}
