package com.luxedrive.realtime.staff;

import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.luxedrive.realtime.socket.PeerClients;
import com.luxedrive.realtime.socket.SocketAuthentication;
import com.luxedrive.realtime.socket.SocketError;
import com.luxedrive.realtime.socket.SocketEventRegistrar;
import com.luxedrive.realtime.socket.SocketEvents;
import com.luxedrive.realtime.socket.SocketReplies;
import com.luxedrive.security.LuxePrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Staff commands over the socket, forwarded to the service that owns them with the caller's own token, so that
 * service alone decides (roles, validation, idempotency): {@code notification:send} → notification-service's
 * {@code POST /api/notifications} (confirmed by {@code notification:sent}), {@code vehicle:update-request
 * {vehicleId, …}} → vehicle-service's {@code POST /api/vehicles/{vehicleId}/updates}. The service's answer comes back
 * in the acknowledgement; its refusal as {@code {ok: false, error: {message, code}}} (or an {@code error}
 * event without an acknowledgement), with the problem's own type as the code.
 */
@Component
class StaffCommands implements SocketEventRegistrar {

    private static final Logger log = LoggerFactory.getLogger(StaffCommands.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROBLEMS = "https://luxedrive.example/problems/";

    private final RestClient notifications;
    private final RestClient vehicles;
    private final ExecutorService socketWork;

    StaffCommands(@Value("${luxe.realtime.notification-service-url}") String notificationServiceUrl,
                  @Value("${luxe.realtime.vehicle-service-url}") String vehicleServiceUrl,
                  @Value("${luxe.realtime.staff-command-timeout:10s}") Duration timeout, ExecutorService socketWork) {
        this.notifications = PeerClients.restClient(notificationServiceUrl, timeout);
        this.vehicles = PeerClients.restClient(vehicleServiceUrl, timeout);
        this.socketWork = socketWork;
    }

    @Override
    public void register(SocketIOServer server) {
        server.addEventListener(SocketEvents.NOTIFICATION_SEND, Object.class, (socket, body, ack) ->
                staffOnly(socket, ack, () -> forward(socket, ack, notifications, "/api/notifications",
                        SocketReplies.object(body), true)));
        server.addEventListener(SocketEvents.VEHICLE_UPDATE_REQUEST, Object.class, (socket, any, ack) ->
                staffOnly(socket, ack, () -> {
                    Map<?, ?> body = SocketReplies.object(any);
                    UUID vehicleId = SocketReplies.uuid(body, "vehicleId");
                    if (vehicleId == null) {
                        SocketReplies.refuse(socket, ack, SocketError.badRequest("Expected {vehicleId, updateType, "
                                + "title, description?, priority?, scheduledDate?}."));
                        return;
                    }
                    Map<Object, Object> request = new LinkedHashMap<>(body);
                    request.remove("vehicleId");
                    forward(socket, ack, vehicles, "/api/vehicles/" + vehicleId + "/updates", request, false);
                }));
    }

    private void staffOnly(SocketIOClient socket, AckRequest ack, Runnable command) {
        LuxePrincipal user = SocketAuthentication.principal(socket).orElse(null);
        if (user == null) {
            SocketReplies.refuse(socket, ack, SocketError.UNAUTHENTICATED);
        } else if (!user.isStaff()) {
            SocketReplies.refuse(socket, ack, SocketError.forbidden("Staff only."));
        } else {
            try {
                socketWork.execute(command);
            } catch (RejectedExecutionException busy) {
                SocketReplies.refuse(socket, ack, SocketError.unavailable("Too busy; try again shortly."));
            }
        }
    }

    private void forward(SocketIOClient socket, AckRequest ack, RestClient service, String path, Object body,
                         boolean confirmSent) {
        if (body == null) {
            SocketReplies.refuse(socket, ack, SocketError.badRequest("Expected a JSON object."));
            return;
        }
        try {
            JsonNode answer = service.post().uri(path)
                    .header(HttpHeaders.AUTHORIZATION, PeerClients.onBehalfOf(socket))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> {
                        JsonNode json = readJson(response.getBody().readAllBytes());
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return json;
                        }
                        throw new Refused(response.getStatusCode(), json);
                    });
            // plain maps and lists: the socket library serializes with a Jackson of its own
            SocketReplies.ok(ack, JSON.treeToValue(answer, Object.class));
            if (confirmSent) {
                socket.sendEvent(SocketEvents.NOTIFICATION_SENT, sent(answer));
            }
        } catch (Refused refused) {
            SocketReplies.refuse(socket, ack, refused.error());
        } catch (RestClientException e) {
            log.warn("staff command {} failed: {}", path, e.toString());
            SocketReplies.refuse(socket, ack, SocketError.unavailable("The service is unavailable; try again."));
        }
    }

    /** The contract's {@code notification:sent} {notificationId, recipientCount, targetType}, from the service's answer. */
    private static Map<String, Object> sent(JsonNode answer) {
        Map<String, Object> sent = new LinkedHashMap<>();
        sent.put("notificationId", answer.path("notification").path("id").asString(null));
        sent.put("recipientCount", answer.path("recipientCount").asInt());
        sent.put("targetType", answer.path("notification").path("targetType").asString(null));
        return sent;
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    /** A 4xx/5xx answer of the service, turned into the socket's error shape. */
    private static final class Refused extends RuntimeException {

        private final transient SocketError error;

        Refused(HttpStatusCode status, JsonNode problem) {
            super(null, null, false, false);
            String type = problem.path("type").asString("");
            String code = type.startsWith(PROBLEMS) ? type.substring(PROBLEMS.length())
                    : status.is5xxServerError() ? "unavailable" : "bad_request";
            String detail = problem.path("detail").asString("");
            this.error = new SocketError(detail.isEmpty() ? "Refused (" + status.value() + ")." : detail, code);
        }

        SocketError error() {
            return error;
        }
    }
}
