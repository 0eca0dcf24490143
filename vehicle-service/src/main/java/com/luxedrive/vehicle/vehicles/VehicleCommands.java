package com.luxedrive.vehicle.vehicles;

import com.luxedrive.events.vehicles.VehicleOwnerChanged;
import com.luxedrive.events.vehicles.VehicleRegistered;
import com.luxedrive.events.vehicles.VehicleRemoved;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.vehicle.owners.Owners;
import com.luxedrive.web.ApiException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Staff's changes to vehicles; each commits together with the event that announces it. */
@Service
class VehicleCommands {

    private final VehicleRepository vehicles;
    private final Owners owners;
    private final OutboxWriter outbox;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    VehicleCommands(VehicleRepository vehicles, Owners owners, OutboxWriter outbox, Clock clock,
                    ApplicationEventPublisher events) {
        this.vehicles = vehicles;
        this.owners = owners;
        this.outbox = outbox;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    Vehicle.VehicleView register(VehicleRequests.NewVehicle request) {
        checkYear(request.year());
        if (!owners.isActiveClient(request.userId())) {
            throw notAnActiveClient("userId", request.userId());
        }
        if (vehicles.countByVin(request.vin().strip()) > 0) {
            throw new VehicleProblems.AlreadyRegistered("VIN", Vehicle.normalVin(request.vin()));
        }
        checkPlateFree(Vehicle.normalPlate(request.licensePlate()), null);
        Vehicle vehicle = saved(new Vehicle(request, clock.instant()));
        outbox.append(new VehicleRegistered(vehicle.id(), vehicle.ownerId(), vehicle.vin(), vehicle.licensePlate(),
                vehicle.make(), vehicle.model(), vehicle.year(), clock.instant()));
        return vehicle.view();
    }

    @Transactional
    Vehicle.VehicleView change(UUID id, VehicleRequests.VehicleChanges changes) {
        Vehicle vehicle = vehicles.findForUpdate(id).orElseThrow(() -> new ApiException.NotFound("vehicle"));
        if (changes.year() != null) {
            checkYear(changes.year().orElseThrow());
        }
        if (changes.licensePlate() != null) {
            checkPlateFree(Vehicle.normalPlate(changes.licensePlate().orElseThrow()), id);
        }
        vehicle.apply(changes, clock.instant());
        return saved(vehicle).view();
    }

    @Transactional
    Vehicle.VehicleView transfer(UUID id, UUID newOwner) {
        Vehicle vehicle = vehicles.findForUpdate(id).orElseThrow(() -> new ApiException.NotFound("vehicle"));
        if (!owners.isActiveClient(newOwner)) {
            throw notAnActiveClient("newOwnerId", newOwner);
        }
        UUID previous = vehicle.ownerId();
        if (previous.equals(newOwner)) {
            return vehicle.view();
        }
        Instant now = clock.instant();
        vehicle.transferTo(newOwner, now);
        outbox.append(new VehicleOwnerChanged(id, previous, newOwner, now));
        events.publishEvent(new OwnerChanged(id, previous, newOwner, now));
        return vehicle.view();
    }

    /**
     * The vehicle goes with its documents (their content too) and its update requests; those still open are
     * cancelled first, each announced to the owner it was asked of.
     */
    @Transactional
    void remove(UUID id) {
        Vehicle vehicle = vehicles.findForUpdate(id).orElseThrow(() -> new ApiException.NotFound("vehicle"));
        Instant now = clock.instant();
        events.publishEvent(new VehicleRemoving(id, vehicle.ownerId(), now));
        vehicles.delete(vehicle);
        vehicles.flush();
        outbox.append(new VehicleRemoved(id, vehicle.ownerId(), now));
    }

    private void checkYear(int year) {
        int latest = clock.instant().atZone(ZoneOffset.UTC).getYear() + 1;
        if (year > latest) {
            throw new ApiException.InvalidField("year", "must be at most " + latest);
        }
    }

    private static ApiException notAnActiveClient(String field, UUID userId) {
        return new ApiException.InvalidField(field, "must be an active client", userId + " is not an active client.");
    }

    private void checkPlateFree(String plate, UUID except) {
        if (vehicles.countByPlate(plate, except == null ? new UUID(0, 0) : except) > 0) {
            throw new VehicleProblems.AlreadyRegistered("license plate", plate);
        }
    }

    /** Two staff registering the same VIN at once: the unique index decides, the loser gets the same 409. */
    private Vehicle saved(Vehicle vehicle) {
        try {
            return vehicles.saveAndFlush(vehicle);
        } catch (DataIntegrityViolationException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            if (message.contains("vehicles_vin_key")) {
                throw new VehicleProblems.AlreadyRegistered("VIN", vehicle.vin());
            }
            if (message.contains("vehicles_plate_key")) {
                throw new VehicleProblems.AlreadyRegistered("license plate", vehicle.licensePlate());
            }
            throw e;
        }
    }
}
