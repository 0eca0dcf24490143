package com.luxedrive.vehicle.vehicles;

import java.time.Instant;
import java.util.UUID;

/**
 * Published, inside the transfer's transaction and with the vehicle locked, when a vehicle changes owner: what was
 * addressed to the previous owner and waits for their answer is theirs no longer (listeners run before the commit).
 */
public record OwnerChanged(UUID vehicleId, UUID previousOwner, UUID newOwner, Instant at) {
}
