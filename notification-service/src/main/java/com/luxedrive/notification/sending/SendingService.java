package com.luxedrive.notification.sending;

import com.luxedrive.notification.recipients.Recipients;
import com.luxedrive.notification.support.Versions;
import com.luxedrive.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Staff's notifications: sent now, scheduled, or kept as drafts to edit, send or delete. */
@Service
class SendingService {

    static final Duration LONGEST_SCHEDULE = Duration.ofDays(366);

    private final NotificationStore store;
    private final Dispatcher dispatcher;
    private final Recipients recipients;
    private final IdempotencyKeys idempotency;
    private final Clock clock;

    SendingService(NotificationStore store, Dispatcher dispatcher, Recipients recipients, IdempotencyKeys idempotency,
                   Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.recipients = recipients;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /**
     * Creates the notification and, unless it is a draft or scheduled, sends it: the row, its history rows, the
     * dispatch event and the idempotency record commit together, or nothing does. A request repeated with the same
     * {@code Idempotency-Key} gets the first answer and creates nothing.
     */
    @Transactional
    SendingApi.SendResponse create(SendingApi.SendRequest request, UUID sender, String idempotencyKey) {
        if (idempotencyKey != null) {
            var earlier = idempotency.claim(sender, idempotencyKey, request);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Instant at = Versions.changedAt(clock.instant());
        boolean draft = Boolean.TRUE.equals(request.draft());
        if (request.scheduledAt() != null) {
            // a draft is never scheduled (it goes out when sent): its time would be kept and never fire
            if (draft) {
                throw new ApiException.InvalidField("scheduledAt",
                        "cannot be given with draft: a draft goes out when it is sent; create it scheduled instead");
            }
            checkSchedule(request.scheduledAt(), at);
        }
        String status = draft ? "draft" : request.scheduledAt() != null ? "scheduled" : "sent";
        boolean now = "sent".equals(status);
        // sent now, listed users are checked by the insert that fixes the recipients: one statement less per send
        Target target = target(request.targetType(), request.vehicleIds(), request.userIds(), !now);
        SendingApi.NotificationView n = new SendingApi.NotificationView(UUID.randomUUID(), request.title().strip(),
                request.message().strip(), request.imageUrl(), request.typeOrDefault(), request.targetType(),
                target.vehicleIds(), target.userIds(), now ? "draft" : status, sender, at, at,
                request.scheduledAt(), null, null, 0);
        if (now) {
            n = dispatcher.dispatch(n, at, false).orElseThrow(SendingProblems.NoRecipients::new);
        } else {
            store.insert(n);
        }
        SendingApi.SendResponse response = new SendingApi.SendResponse(n, n.recipientCount());
        if (idempotencyKey != null) {
            idempotency.remember(sender, idempotencyKey, response);
        }
        return response;
    }

    /** {@code ifMatch}: the draft's entity tag as its editor read it, or null to edit whatever it now says. */
    @Transactional
    SendingApi.NotificationView edit(UUID id, SendingApi.DraftChanges changes, String ifMatch) {
        SendingApi.NotificationView n = locked(id, ifMatch);
        if (!"draft".equals(n.status())) {
            throw new SendingProblems.WrongState(n.status(), "edited");
        }
        String targetType = changes.targetType() == null ? n.targetType() : changes.targetType();
        Target target = target(targetType,
                changes.vehicleIds() == null ? n.vehicleIds() : changes.vehicleIds(),
                changes.userIds() == null ? n.userIds() : changes.userIds(), true);
        SendingApi.NotificationView edited = new SendingApi.NotificationView(n.id(),
                changes.title() == null ? n.title() : changes.title().strip(),
                changes.message() == null ? n.message() : changes.message().strip(),
                changes.imageUrl() == null ? n.imageUrl() : changes.imageUrl().orElse(null),
                changes.type() == null ? n.type() : changes.type(), targetType, target.vehicleIds(),
                target.userIds(), n.status(), n.createdBy(), n.createdAt(), Versions.changedAt(clock.instant()),
                n.scheduledAt(), null,
                null, 0);
        store.update(edited);
        return edited;
    }

    /** A draft, or a scheduled notification ahead of its time, goes out now. */
    @Transactional
    SendingApi.SendResponse sendNow(UUID id, String ifMatch) {
        SendingApi.NotificationView n = locked(id, ifMatch);
        if (!"draft".equals(n.status()) && !"scheduled".equals(n.status())) {
            throw new SendingProblems.WrongState(n.status(), "sent again");
        }
        if ("draft".equals(n.status())) {
            // a draft's target is checked as a new send's is: its editor can correct it
            target(n.targetType(), n.vehicleIds(), n.userIds(), true);
        }
        // A schedule's target was checked when it was made, and cannot be edited: a user deactivated or a vehicle
        // removed since is no longer a recipient, as when the schedule fires on its own — not a 400 for ever.
        SendingApi.NotificationView sent = dispatcher.dispatch(n, clock.instant(), true)
                .orElseThrow(SendingProblems.NoRecipientsLeft::new);
        return new SendingApi.SendResponse(sent, sent.recipientCount());
    }

    /** A draft is deleted; a scheduled notification is cancelled (and kept, for the record). */
    @Transactional
    void delete(UUID id, String ifMatch) {
        SendingApi.NotificationView n = locked(id, ifMatch);
        switch (n.status()) {
            case "draft" -> store.delete(id);
            case "scheduled" -> {
                Instant now = Versions.changedAt(clock.instant());
                store.update(new SendingApi.NotificationView(n.id(), n.title(), n.message(), n.imageUrl(), n.type(),
                        n.targetType(), n.vehicleIds(), n.userIds(), "cancelled", n.createdBy(), n.createdAt(), now,
                        n.scheduledAt(), null, now, 0));
            }
            default -> throw new SendingProblems.WrongState(n.status(), "deleted or cancelled");
        }
    }

    /**
     * The notification, locked until commit, when it is still in the state its client read ({@code If-Match}):
     * another admin's edit committed meanwhile makes it a 412, not a send or an edit of a text nobody checked.
     */
    private SendingApi.NotificationView locked(UUID id, String ifMatch) {
        SendingApi.NotificationView n = store.lock(id).orElseThrow(() -> new ApiException.NotFound("notification"));
        if (!Versions.matches(ifMatch, n.updatedAt())) {
            throw new SendingProblems.ChangedMeanwhile();
        }
        return n;
    }

    private void checkSchedule(Instant at, Instant now) {
        if (!at.isAfter(now)) {
            throw new ApiException.InvalidField("scheduledAt", "must be in the future");
        }
        if (at.isAfter(now.plus(LONGEST_SCHEDULE))) {
            throw new ApiException.InvalidField("scheduledAt", "must be within a year");
        }
    }

    /**
     * The target's lists, de-duplicated and checked against the projections: unknown ids are named in a 400.
     * {@code checkUsers} false leaves listed users to be checked by the caller.
     */
    private Target target(String targetType, List<UUID> vehicleIds, List<UUID> userIds, boolean checkUsers) {
        switch (targetType) {
            case "all" -> {
                if (!empty(vehicleIds) || !empty(userIds)) {
                    throw new SendingProblems.InvalidTarget("targetType 'all' takes neither vehicleIds nor userIds.");
                }
                return new Target(List.of(), List.of());
            }
            case "user" -> {
                if (empty(userIds) || !empty(vehicleIds)) {
                    throw new SendingProblems.InvalidTarget("targetType 'user' needs userIds, and no vehicleIds.");
                }
                List<UUID> users = distinct(userIds);
                List<UUID> unknown = checkUsers ? recipients.unknownUsers(users) : List.of();
                if (!unknown.isEmpty()) {
                    throw new SendingProblems.UnknownUsers(unknown);
                }
                return new Target(List.of(), users);
            }
            case "vehicle" -> {
                if (empty(vehicleIds) || !empty(userIds)) {
                    throw new SendingProblems.InvalidTarget("targetType 'vehicle' needs vehicleIds, and no userIds.");
                }
                List<UUID> vehicles = distinct(vehicleIds);
                List<UUID> unknown = recipients.unknownVehicles(vehicles);
                if (!unknown.isEmpty()) {
                    throw new SendingProblems.UnknownVehicles(unknown);
                }
                return new Target(vehicles, List.of());
            }
            default -> throw new SendingProblems.InvalidTarget("unknown targetType " + targetType);
        }
    }

    private static boolean empty(List<UUID> ids) {
        return ids == null || ids.isEmpty();
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    private record Target(List<UUID> vehicleIds, List<UUID> userIds) {
    }
}
