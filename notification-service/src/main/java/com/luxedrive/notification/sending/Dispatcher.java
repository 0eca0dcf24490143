package com.luxedrive.notification.sending;

import com.luxedrive.events.notifications.Audience;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.messaging.OutboxWriter;
import com.luxedrive.notification.recipients.Recipients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Sends a notification now, whatever brought it here (a POST, a draft sent, a schedule that fired): its recipients
 * are fixed by writing their history rows, and the row and the dispatch event commit with them.
 */
@Component
class Dispatcher {

    /** Users listed in one dispatch event at most; a longer audience goes out as several events. */
    static final int AUDIENCE_CHUNK = 5_000;
    /**
     * Vehicles named in one dispatch event at most, whatever a send to vehicles names — up to 100 000 — so no event
     * nears Kafka's 1 MB record limit, which a record over it would meet on every retry, holding up the outbox behind
     * it. Each owner has at least one vehicle, so such an event also names at most as many recipients; its four lists
     * of ids (its vehicles, its audience, and each recipient with their vehicles) come to about 400 KB at most. One
     * recipient's vehicles always fit one event: they are shown {@link Recipients#VEHICLES_SHOWN} at most.
     */
    static final int VEHICLES_PER_EVENT = Recipients.VEHICLES_SHOWN;
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Recipients recipients;
    private final NotificationStore store;
    private final OutboxWriter outbox;
    private final Counter sentToRecipients;

    Dispatcher(Recipients recipients, NotificationStore store, OutboxWriter outbox, MeterRegistry meters) {
        this.recipients = recipients;
        this.store = store;
        this.outbox = outbox;
        this.sentToRecipients = Counter.builder("luxe.notifications.sent")
                .description("Notifications sent, counted once per recipient, when the send commits")
                .register(meters);
    }

    /**
     * The notification as sent; empty when its target resolves to nobody, and then nothing was written.
     *
     * @param stored whether {@code n} already has its row (a draft or a scheduled send); a new one is inserted
     *               after its history rows, already complete, which saves a statement per send. A new send's
     *               listed users are checked by the statement that writes their rows (unknown ones: a 400 naming
     *               them); a stored one's were checked when it was saved, and an account deactivated since is
     *               simply no longer a recipient
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<SendingApi.NotificationView> dispatch(SendingApi.NotificationView n, Instant now, boolean stored) {
        int allClients = 0;
        SortedMap<UUID, List<UUID>> owners = null;
        List<UUID> audience = switch (n.targetType()) {
            case "all" -> {
                Recipients.AllClients written = recipients.addAllActiveClients(n.id(), n.type(), now);
                allClients = written.written();
                // a client who muted the type has no row, and must not get it live either: the event then names
                // the recipients instead of "every client"
                yield written.someMuted() ? recipients.writtenFor(n.id()) : null;
            }
            case "user" -> {
                Recipients.Listed listed = recipients.addUsers(n.id(), n.userIds(), n.type(), now);
                if (!stored && !listed.unknown().isEmpty()) {
                    throw new SendingProblems.UnknownUsers(listed.unknown());
                }
                yield listed.written();
            }
            case "vehicle" -> {
                owners = recipients.addVehicleOwners(n.id(), n.vehicleIds(), n.type(), now);
                yield List.copyOf(owners.keySet());
            }
            default -> throw new IllegalStateException("unknown target type " + n.targetType());
        };
        int count = audience == null ? allClients : audience.size();
        if (count == 0) {
            return Optional.empty();
        }
        SendingApi.NotificationView sent = new SendingApi.NotificationView(n.id(), n.title(), n.message(),
                n.imageUrl(), n.type(), n.targetType(), n.vehicleIds(), n.userIds(), "sent", n.createdBy(),
                n.createdAt(), now, n.scheduledAt(), now, null, count);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sentToRecipients.increment(count);
            }
        });
        if (stored) {
            store.update(sent);
        } else {
            store.insert(sent);
        }
        if (audience == null) {
            announce(sent, Audience.allClients());
        } else if (owners != null) {
            announceToOwners(sent, owners);
        } else {
            List<UUID> ordered = audience.stream().sorted().toList();
            for (int from = 0; from < ordered.size(); from += AUDIENCE_CHUNK) {
                announce(sent, Audience.users(ordered.subList(from, Math.min(ordered.size(), from + AUDIENCE_CHUNK))));
            }
        }
        log.info("notification sent notificationId={} target={} recipients={}", n.id(), n.targetType(), count);
        return Optional.of(sent);
    }

    private void announce(SendingApi.NotificationView n, Audience audience) {
        outbox.append(new NotificationDispatched(n.id(), n.title(), n.message(), n.imageUrl(), n.type(),
                n.vehicleIds(), audience, n.sentAt()));
    }

    /**
     * A send to vehicles: each event names some owners, each with their own vehicles, and as its vehicles only
     * theirs — at most {@link #AUDIENCE_CHUNK} owners and {@link #VEHICLES_PER_EVENT} vehicles an event.
     */
    private void announceToOwners(SendingApi.NotificationView n, SortedMap<UUID, List<UUID>> owners) {
        Map<UUID, List<UUID>> chunk = new LinkedHashMap<>();
        int vehicles = 0;
        for (Map.Entry<UUID, List<UUID>> owner : owners.entrySet()) {
            List<UUID> theirs = owner.getValue().size() > VEHICLES_PER_EVENT
                    ? owner.getValue().subList(0, VEHICLES_PER_EVENT) : owner.getValue();
            if (chunk.size() == AUDIENCE_CHUNK || vehicles + theirs.size() > VEHICLES_PER_EVENT) {
                announceOwners(n, chunk);
                chunk = new LinkedHashMap<>();
                vehicles = 0;
            }
            chunk.put(owner.getKey(), List.copyOf(theirs));
            vehicles += theirs.size();
        }
        announceOwners(n, chunk);
    }

    private void announceOwners(SendingApi.NotificationView n, Map<UUID, List<UUID>> chunk) {
        List<UUID> theirVehicles = chunk.values().stream().flatMap(List::stream).sorted().toList();
        outbox.append(new NotificationDispatched(n.id(), n.title(), n.message(), n.imageUrl(), n.type(),
                theirVehicles, Audience.users(List.copyOf(chunk.keySet())), n.sentAt(), chunk));
    }
}
