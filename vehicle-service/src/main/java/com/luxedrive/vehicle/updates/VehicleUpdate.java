package com.luxedrive.vehicle.updates;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A maintenance, repair, inspection or recall request for a vehicle, and where it stands:
 * <pre>
 * pending ──owner approves──▶ approved ──staff complete──▶ completed
 *    │                          │
 *    ├──owner declines──▶ declined
 *    └──staff cancel──▶ cancelled ◀──staff cancel──┘
 * </pre>
 * Any other move is refused.
 */
@Entity
@Table(name = "vehicle_updates")
class VehicleUpdate {

    static final String PENDING = "pending";
    static final String APPROVED = "approved";
    static final String DECLINED = "declined";
    static final String COMPLETED = "completed";
    static final String CANCELLED = "cancelled";

    private static final Map<String, Set<String>> MOVES = Map.of(
            PENDING, Set.of(APPROVED, DECLINED, CANCELLED),
            APPROVED, Set.of(COMPLETED, CANCELLED));

    @Id
    private UUID id;
    private UUID vehicleId;
    /** The owner it was asked of: theirs to see and answer, not a later owner's. */
    private UUID ownerId;
    private String updateType;
    private String title;
    private String description;
    private String priority;
    private Instant scheduledDate;
    private String status;
    private String responseReason;
    private UUID answeredBy;
    private Instant answeredAt;
    private Instant completedDate;
    private UUID requestedBy;
    private Instant createdAt;
    private Instant updatedAt;

    protected VehicleUpdate() {
    }

    VehicleUpdate(UUID vehicleId, UUID ownerId, UpdateRequests.NewUpdate request, UUID requestedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.vehicleId = vehicleId;
        this.ownerId = ownerId;
        this.updateType = request.updateType();
        this.title = request.title().strip();
        this.description = request.description();
        this.priority = request.priority() == null ? "normal" : request.priority();
        this.scheduledDate = request.scheduledDate();
        this.status = PENDING;
        this.requestedBy = requestedBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void answer(boolean approved, String reason, UUID owner, Instant now) {
        move(approved ? APPROVED : DECLINED, now);
        responseReason = reason;
        answeredBy = owner;
        answeredAt = now;
    }

    void complete(Instant now) {
        move(COMPLETED, now);
        completedDate = now;
    }

    void cancel(Instant now) {
        move(CANCELLED, now);
    }

    private void move(String next, Instant now) {
        if (!MOVES.getOrDefault(status, Set.of()).contains(next)) {
            throw new UpdateProblems.IllegalTransition(status, next);
        }
        status = next;
        updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID vehicleId() {
        return vehicleId;
    }

    /** The owner it was asked of (who answers it, if anyone does). */
    UUID ownerId() {
        return ownerId;
    }

    String updateType() {
        return updateType;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    String priority() {
        return priority;
    }

    Instant scheduledDate() {
        return scheduledDate;
    }

    UpdateView view() {
        return new UpdateView(id, vehicleId, updateType, title, description, priority, scheduledDate, status,
                responseReason, answeredAt, completedDate, requestedBy, createdAt, updatedAt);
    }

    /** What leaves the service. */
    record UpdateView(UUID id, UUID vehicleId, String updateType, String title, String description, String priority,
                      Instant scheduledDate, String status, String responseReason, Instant answeredAt,
                      Instant completedDate, UUID requestedBy, Instant createdAt, Instant updatedAt) {
    }
}
