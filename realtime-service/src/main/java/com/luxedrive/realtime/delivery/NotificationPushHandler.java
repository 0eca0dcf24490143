package com.luxedrive.realtime.delivery;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.events.Topics;
import com.luxedrive.events.notifications.InboxChanged;
import com.luxedrive.events.notifications.NotificationDispatched;
import com.luxedrive.messaging.EventEnvelope;
import com.luxedrive.realtime.socket.EncodedEvent;
import com.luxedrive.realtime.socket.SocketEvents;
import com.luxedrive.realtime.socket.SocketPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Every realtime instance reads every dispatch (a consumer group of its own) and pushes it to the addressed sockets
 * it holds, through the {@link NotificationGate} (no duplicate, nothing before the socket's catch-up): encoded once,
 * and handed to the sockets' event loops, each writing to its own sockets. The offset is committed after that, so a
 * crash re-delivers rather than drops.
 */
@Component
class NotificationPushHandler {

    static final String LISTENER_ID = "notification-push";

    private final SocketPublisher sockets;
    private final NotificationGate gate;
    private final Timer received;
    private final Timer fanOut;
    private final Timer written;

    NotificationPushHandler(SocketPublisher sockets, NotificationGate gate, MeterRegistry meters) {
        this.sockets = sockets;
        this.gate = gate;
        // with luxe.delivery.latency (send to socket), these split a live push's time: Kafka, then this instance
        this.received = Timer.builder("luxe.push.received.latency")
                .description("From the send's commit to this instance reading the dispatch from Kafka")
                .publishPercentileHistogram()
                .register(meters);
        this.fanOut = Timer.builder("luxe.push.fanout")
                .description("Handing one dispatch to the event loops of the addressed sockets this instance holds")
                .publishPercentileHistogram()
                .register(meters);
        this.written = Timer.builder("luxe.push.written")
                .description("From the send's commit to the last addressed socket on this instance written to")
                .publishPercentileHistogram()
                .register(meters);
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.NOTIFICATIONS,
            groupId = "${luxe.realtime.push-group-prefix:realtime-push}-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        envelope.payload(NotificationDispatched.class).ifPresent(this::push);
        envelope.payload(InboxChanged.class).ifPresent(change -> sockets.toUser(change.userId(),
                SocketEvents.NOTIFICATION_ACKNOWLEDGED, new Acknowledged(
                        change.notificationId() == null ? null : change.notificationId().toString(), change.status(),
                        "read".equals(change.status()) ? change.at().toString() : null, change.unreadCount())));
    }

    private void push(NotificationDispatched notification) {
        received.record(Duration.between(notification.sentAt(), Instant.now()));
        fanOut.record(() -> (notification.perRecipient() ? handOverToEach(notification)
                : handOver(notification, delivery(notification, notification.vehicleIds())))
                .ifPresent(done -> done.thenRun(() ->
                        written.record(Duration.between(notification.sentAt(), Instant.now())))));
    }

    /** The {@code notification:received} event, encoded once for every socket it goes to. */
    private static NotificationGate.Delivery delivery(NotificationDispatched notification, List<UUID> vehicleIds) {
        NotificationReceived body = new NotificationReceived(notification.notificationId().toString(),
                notification.title(), notification.message(), notification.imageUrl(), notification.type(),
                notification.sentAt().toString(),
                vehicleIds == null ? List.of() : vehicleIds.stream().map(UUID::toString).toList());
        return new NotificationGate.Delivery(body.id(), EncodedEvent.of(SocketEvents.NOTIFICATION_RECEIVED, body),
                notification.sentAt());
    }

    /** @return when every addressed socket here has been served; empty when this instance holds none */
    private Optional<CompletableFuture<Void>> handOver(NotificationDispatched notification,
                                                       NotificationGate.Delivery delivery) {
        Consumer<SocketIOClient> push = socket -> gate.live(socket, delivery);
        if (notification.audience().all()) {
            return sockets.forEachClientOnItsLoop(push);
        }
        List<SocketIOClient> addressed = notification.audience().userIds().stream()
                .flatMap(user -> sockets.socketsOf(user).stream()).toList();
        return addressed.isEmpty() ? Optional.empty() : Optional.of(sockets.forEachOnItsLoop(addressed, push));
    }

    /** A send to vehicles: each owner is shown their own vehicles, so each gets a body of their own. */
    private Optional<CompletableFuture<Void>> handOverToEach(NotificationDispatched notification) {
        Map<SocketIOClient, NotificationGate.Delivery> deliveries = new HashMap<>();
        for (UUID user : notification.audience().userIds()) {
            Collection<SocketIOClient> theirs = sockets.socketsOf(user);
            if (!theirs.isEmpty()) {
                NotificationGate.Delivery delivery = delivery(notification, notification.vehicleIdsFor(user));
                theirs.forEach(socket -> deliveries.put(socket, delivery));
            }
        }
        return deliveries.isEmpty() ? Optional.empty() : Optional.of(sockets.forEachOnItsLoop(
                List.copyOf(deliveries.keySet()), socket -> gate.live(socket, deliveries.get(socket))));
    }

    /** {@code notification:acknowledged} after a change made elsewhere; {@code notificationId} null for read-all. */
    record Acknowledged(String notificationId, String status, String readAt, long unreadCount) {
    }

    /** The {@code notification:received} body of the contract. */
    record NotificationReceived(String id, String title, String message, String imageUrl, String type,
                                String timestamp, List<String> vehicleIds) {
    }
}
