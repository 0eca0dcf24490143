package com.luxedrive.vehicle.vehicles;

import java.time.Instant;
import java.util.UUID;

/**
 * Published inside a removal's transaction, the vehicle locked, before it and what belongs to it are deleted: what
 * waits on the vehicle ends with it, and whoever was told of it is told it ended (listeners run before the commit).
 */
public record VehicleRemoving(UUID vehicleId, UUID ownerId, Instant at) {
}
