package com.luxedrive.realtime.delivery;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.realtime.socket.AuthenticatedSocketListener;
import com.luxedrive.realtime.socket.PeerClients;
import com.luxedrive.realtime.socket.SocketPublisher;
import com.luxedrive.realtime.socket.SocketError;
import com.luxedrive.realtime.socket.SocketEvents;
import com.luxedrive.realtime.socket.EncodedEvent;
import com.luxedrive.security.LuxePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * On every client login — first connect or reconnect, to this instance or another — replays what none of the user's
 * devices acknowledged yet, from notification-service's history (asked with the user's own token), oldest first,
 * then lets live pushes through ({@link NotificationGate}). A failed ask (a connection refused or reset, a 5xx, a
 * time-out) is asked again twice, 0.2 s and 0.8 s later, while live pushes wait in the gate; past that the client
 * gets an {@code error} event ({@code catch_up_unavailable}), live pushes flow anyway and the next reconnect tries
 * again; so too when the answer cannot be read at all. An item that cannot be replayed (no time, say) is left out and
 * left for a later connection, the others replayed. A 4xx (a token refused meanwhile) is not asked again.
 */
@Component
@Order(10)
class CatchUp implements AuthenticatedSocketListener {

    static final String UNAVAILABLE = "catch_up_unavailable";
    private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
    private static final RetryTemplate RETRY = new RetryTemplate(RetryPolicy.builder()
            .maxRetries(2).delay(Duration.ofMillis(200)).multiplier(4)
            .includes(RestClientException.class).excludes(HttpClientErrorException.class)
            .build());

    private final RestClient notifications;
    private final NotificationGate gate;
    private final int limit;

    CatchUp(@Value("${luxe.realtime.notification-service-url}") String notificationServiceUrl,
            @Value("${luxe.realtime.catch-up-timeout:3s}") Duration timeout,
            @Value("${luxe.realtime.catch-up-limit:500}") int limit, NotificationGate gate) {
        this.notifications = PeerClients.restClient(notificationServiceUrl, timeout);
        this.gate = gate;
        this.limit = limit;
    }

    @Override
    public void authenticated(SocketIOClient socket, LuxePrincipal user) {
        if (user.isStaff()) {
            openTheGate(socket, List.of());
            return;
        }
        List<NotificationGate.Delivery> replay = List.of();
        try {
            Undelivered page = RETRY.invoke(() -> notifications.get()
                    .uri("/api/notifications/undelivered?limit={limit}", limit)
                    .header(HttpHeaders.AUTHORIZATION, PeerClients.onBehalfOf(socket))
                    .retrieve()
                    .body(Undelivered.class));
            if (page != null && page.content() != null) {
                replay = page.content().stream().map(item -> delivery(user, item)).filter(Objects::nonNull).toList();
            }
        } catch (RuntimeException e) {
            // refused, timed out, or an answer that cannot be replayed: the client is told, and live pushes must flow
            // all the same, never wait in the gate for a replay that will not come
            if (e instanceof RestClientException) {
                log.warn("catch-up unavailable userId={}: {}", user.id(), e.toString());
            } else {
                log.error("catch-up failed userId={}", user.id(), e);
            }
            socket.sendEvent(SocketEvents.ERROR, new SocketError(
                    "Notifications you missed could not be loaded; they will come with your next connection.",
                    UNAVAILABLE));
        }
        openTheGate(socket, replay);
    }

    /**
     * The replay, then live pushes, written from the socket's event loop, where the live pushes are written: from
     * this (login) thread, the replay's writes were queued behind a broadcast's turn already waiting on the loop,
     * whose push then reached the client before the older notifications replayed (the gate already open to it).
     */
    private void openTheGate(SocketIOClient socket, List<NotificationGate.Delivery> replay) {
        SocketPublisher.onItsLoop(socket, () -> gate.caughtUp(socket, replay));
    }

    /** The item as a replayed delivery; null, and left for a later connection, when it cannot be built. */
    private static NotificationGate.Delivery delivery(LuxePrincipal user, Item item) {
        try {
            return delivery(item);
        } catch (RuntimeException unreadable) {
            log.warn("catch-up item skipped userId={} notificationId={}: {}", user.id(), item.id(),
                    unreadable.toString());
            return null;
        }
    }

    private static NotificationGate.Delivery delivery(Item item) {
        return new NotificationGate.Delivery(item.id().toString(), EncodedEvent.of(SocketEvents.NOTIFICATION_RECEIVED,
                new NotificationPushHandler.NotificationReceived(item.id().toString(), item.title(), item.message(),
                        item.imageUrl(), item.type(), item.timestamp().toString(), item.vehicleIds() == null
                                ? List.of() : item.vehicleIds().stream().map(UUID::toString).toList())),
                null);
    }

    /** notification-service's {@code GET /api/notifications/undelivered}. */
    record Undelivered(List<Item> content, boolean more) {
    }

    record Item(UUID id, String title, String message, String imageUrl, String type, Instant timestamp,
                List<UUID> vehicleIds) {
    }
}
