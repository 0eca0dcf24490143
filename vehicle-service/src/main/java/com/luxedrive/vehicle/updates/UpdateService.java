package com.luxedrive.vehicle.updates;

import com.luxedrive.events.vehicles.VehicleUpdateAnswered;
import com.luxedrive.events.vehicles.VehicleUpdateCancelled;
import com.luxedrive.events.vehicles.VehicleUpdateCompleted;
import com.luxedrive.events.vehicles.VehicleUpdateRequested;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.security.LuxePrincipal;
import com.luxedrive.vehicle.vehicles.OwnerChanged;
import com.luxedrive.vehicle.vehicles.VehicleAccess;
import com.luxedrive.vehicle.vehicles.VehicleRemoving;
import com.luxedrive.web.ApiException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Update requests: staff create and close them, the vehicle's owner answers; each change announces itself. */
@Service
class UpdateService {

    private final UpdateRepository updates;
    private final VehicleAccess vehicles;
    private final OutboxWriter outbox;
    private final Clock clock;

    UpdateService(UpdateRepository updates, VehicleAccess vehicles, OutboxWriter outbox, Clock clock) {
        this.updates = updates;
        this.vehicles = vehicles;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    VehicleUpdate.UpdateView request(LuxePrincipal staff, UUID vehicleId, UpdateRequests.NewUpdate request) {
        VehicleAccess.VehicleRef vehicle = vehicles.locked(vehicleId)
                .orElseThrow(() -> new ApiException.NotFound("vehicle"));
        Instant now = clock.instant();
        VehicleUpdate update = updates.save(new VehicleUpdate(vehicle.id(), vehicle.ownerId(), request, staff.id(),
                now));
        outbox.append(new VehicleUpdateRequested(update.id(), vehicle.id(), vehicle.ownerId(), update.updateType(),
                update.title(), update.description(), update.priority(), update.scheduledDate(), staff.id(), now));
        return update.view();
    }

    /** Staff see a vehicle's every request; its owner those asked of them (not a previous owner's). */
    @Transactional(readOnly = true)
    List<VehicleUpdate.UpdateView> ofVehicle(LuxePrincipal user, UUID vehicleId) {
        VehicleAccess.VehicleRef vehicle = vehicles.visibleTo(user, vehicleId);
        return (user.isStaff() ? updates.findByVehicleIdOrderByCreatedAtDesc(vehicle.id())
                : updates.findByVehicleIdAndOwnerIdOrderByCreatedAtDesc(vehicle.id(), user.id()))
                .stream().map(VehicleUpdate::view).toList();
    }

    /**
     * The request when the caller is staff, or when it was asked of the caller and the vehicle is theirs still (after
     * a transfer neither the previous owner nor the new one sees the other's); "not found" in every other case.
     */
    @Transactional(readOnly = true)
    VehicleUpdate.UpdateView one(LuxePrincipal user, UUID updateId) {
        return updates.findById(updateId)
                .filter(update -> vehicles.canSee(user, update.vehicleId())
                        && (user.isStaff() || update.ownerId().equals(user.id())))
                .map(VehicleUpdate::view)
                .orElseThrow(() -> new ApiException.NotFound("update request"));
    }

    /**
     * The owner's answer, from REST or relayed from a socket. Someone who does not own the vehicle (now), or was not
     * the owner asked, finds no such request; a request already answered, completed or cancelled refuses the answer.
     */
    @Transactional
    VehicleUpdate.UpdateView answer(UUID ownerId, UUID updateId, boolean approved, String reason) {
        return answer(ownerId, updateId, approved, reason, null);
    }

    /**
     * {@code given}: when the owner answered, if before now — a socket's answer reaches this service through Kafka,
     * a lagging consumer or an outage of this service later; its time is the moment realtime-service took it.
     */
    @Transactional
    VehicleUpdate.UpdateView answer(UUID ownerId, UUID updateId, boolean approved, String reason, Instant given) {
        Locked locked = lockedWithItsVehicle(updateId);
        if (!locked.vehicle().isOwnedBy(ownerId) || !locked.update().ownerId().equals(ownerId)) {
            throw new ApiException.NotFound("update request");
        }
        VehicleUpdate update = locked.update();
        VehicleAccess.VehicleRef vehicle = locked.vehicle();
        Instant now = given == null || given.isAfter(clock.instant()) ? clock.instant() : given;
        String trimmed = reason == null || reason.isBlank() ? null : reason.strip();
        update.answer(approved, trimmed, ownerId, now);
        outbox.append(new VehicleUpdateAnswered(update.id(), vehicle.id(), vehicle.ownerId(), approved, trimmed, now));
        return update.view();
    }

    /**
     * Staff complete or cancel a request. The event is addressed to the owner it was asked of, who may have sold the
     * vehicle since (an approved request outlives a transfer).
     */
    @Transactional
    VehicleUpdate.UpdateView close(UUID updateId, String status) {
        Locked locked = lockedWithItsVehicle(updateId);
        VehicleUpdate update = locked.update();
        UUID owner = update.ownerId();
        Instant now = clock.instant();
        if (VehicleUpdate.COMPLETED.equals(status)) {
            update.complete(now);
            outbox.append(new VehicleUpdateCompleted(update.id(), update.vehicleId(), owner, now));
        } else {
            update.cancel(now);
            outbox.append(new VehicleUpdateCancelled(update.id(), update.vehicleId(), owner, now));
        }
        return update.view();
    }

    /**
     * A transfer cancels the requests still waiting for the previous owner's answer: they were asked of them, the new
     * owner was never told of them, and an answer from either would be the wrong person's. Each is announced on
     * {@code luxe.vehicles.v1} as {@code VehicleUpdateCancelled} addressed to the previous owner (whose sockets get
     * {@code vehicle:update-status}); staff ask the new owner again if the work is still wanted. Runs in the
     * transfer's transaction, the vehicle already locked.
     */
    @EventListener
    void ownerChanged(OwnerChanged change) {
        cancel(change.vehicleId(), List.of(VehicleUpdate.PENDING), change.at());
    }

    /**
     * A removal ends the requests still open (waiting for an answer, or approved and not yet done): each is cancelled
     * and announced as {@code VehicleUpdateCancelled} to the owner it was asked of, whose app would otherwise keep
     * showing it (an answer to it would find nothing). Runs in the removal's transaction, the vehicle already locked,
     * before the rows go with it.
     */
    @EventListener
    void vehicleRemoving(VehicleRemoving removal) {
        cancel(removal.vehicleId(), List.of(VehicleUpdate.PENDING, VehicleUpdate.APPROVED), removal.at());
    }

    /** Cancels the vehicle's requests in {@code statuses}, each announced to the owner it was asked of. */
    private void cancel(UUID vehicleId, List<String> statuses, Instant at) {
        for (VehicleUpdate update : updates.findForUpdateByVehicleIdAndStatusIn(vehicleId, statuses)) {
            update.cancel(at);
            outbox.append(new VehicleUpdateCancelled(update.id(), update.vehicleId(), update.ownerId(), at));
        }
    }

    /**
     * The request and its vehicle, locked in the order a vehicle's removal takes them — the vehicle, then (through
     * the cascade) its requests — so an answer or a close racing a removal waits for it instead of deadlocking; a
     * request whose vehicle is gone by then is not found.
     */
    private Locked lockedWithItsVehicle(UUID updateId) {
        UUID vehicleId = updates.vehicleIdOf(updateId).orElseThrow(() -> new ApiException.NotFound("update request"));
        VehicleAccess.VehicleRef vehicle = vehicles.locked(vehicleId)
                .orElseThrow(() -> new ApiException.NotFound("update request"));
        VehicleUpdate update = updates.findForUpdate(updateId)
                .orElseThrow(() -> new ApiException.NotFound("update request"));
        return new Locked(update, vehicle);
    }

    private record Locked(VehicleUpdate update, VehicleAccess.VehicleRef vehicle) {
    }
}
