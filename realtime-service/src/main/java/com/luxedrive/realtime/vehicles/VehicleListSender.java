package com.luxedrive.realtime.vehicles;

import com.corundumstudio.socketio.SocketIOClient;
import com.luxedrive.realtime.socket.AuthenticatedSocketListener;
import com.luxedrive.realtime.socket.PeerClients;
import com.luxedrive.realtime.socket.SocketError;
import com.luxedrive.realtime.socket.SocketEvents;
import com.luxedrive.security.LuxePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * After a client's login, {@code vehicle:list}: their vehicles, asked of vehicle-service with the client's own token
 * (vehicle-service decides what they may see), kept for a short while so a burst of reconnects costs one call.
 * vehicle-service unreachable or failing → an {@code error} event on the socket, which stays open. Runs after the
 * catch-up ({@code CatchUp}), which opens the gate to live notifications: a slow vehicle-service delays this list, not
 * them.
 */
@Component
@Order(20)
class VehicleListSender implements AuthenticatedSocketListener {

    static final String UNAVAILABLE = "vehicles_unavailable";
    private static final Logger log = LoggerFactory.getLogger(VehicleListSender.class);
    private static final int CACHED_USERS = 10_000;

    private final RestClient vehicles;
    private final Duration cacheFor;
    private final Clock clock;
    private final Map<UUID, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Cached> eldest) {
            return size() > CACHED_USERS;
        }
    };

    VehicleListSender(@Value("${luxe.realtime.vehicle-service-url}") String vehicleServiceUrl,
                      @Value("${luxe.realtime.vehicle-list-cache:30s}") Duration cacheFor,
                      @Value("${luxe.realtime.vehicle-list-timeout:2s}") Duration timeout, Clock clock) {
        this.vehicles = PeerClients.restClient(vehicleServiceUrl, timeout);
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public void authenticated(SocketIOClient socket, LuxePrincipal user) {
        if (user.isStaff()) {
            return;
        }
        try {
            socket.sendEvent(SocketEvents.VEHICLE_LIST, vehiclesOf(user, PeerClients.onBehalfOf(socket)));
        } catch (RestClientException e) {
            log.warn("vehicle list unavailable userId={}: {}", user.id(), e.toString());
            socket.sendEvent(SocketEvents.ERROR, new SocketError("Your vehicles could not be loaded; try again shortly.",
                    UNAVAILABLE));
        }
    }

    private List<Object> vehiclesOf(LuxePrincipal user, String authorization) {
        Instant now = clock.instant();
        synchronized (cache) {
            Cached cached = cache.get(user.id());
            if (cached != null && cached.until().isAfter(now)) {
                return cached.vehicles();
            }
        }
        VehiclePage page = vehicles.get().uri("/api/vehicles?size=100")
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .retrieve()
                .body(VehiclePage.class);
        List<Object> list = page == null || page.content() == null ? List.of() : page.content();
        synchronized (cache) {
            cache.put(user.id(), new Cached(list, now.plus(cacheFor)));
        }
        return list;
    }

    /** vehicle-service's page; the vehicles are passed on as they come. */
    record VehiclePage(List<Object> content) {
    }

    private record Cached(List<Object> vehicles, Instant until) {
    }
}
