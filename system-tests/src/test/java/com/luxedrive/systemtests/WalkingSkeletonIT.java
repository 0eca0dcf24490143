package com.luxedrive.systemtests;

import com.luxedrive.local.LocalPlatform;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The five services as processes on embedded PostgreSQL, Kafka and Redis (scaled out: {@link ScaledPlatform}), driven
 * through the gateway the way the two frontends drive them: a client registers and listens on a Socket.IO socket,
 * the admin sends to all clients, the client receives it live, reads it on the socket, and the REST inbox shows it
 * read.
 */
@ExtendWith(ScaledPlatform.class)
class WalkingSkeletonIT {

    private static final Duration ASYNC = Duration.ofSeconds(60);

    static LocalPlatform platform;
    static PlatformClient http;

    @BeforeAll
    static void platform() {
        platform = ScaledPlatform.platform();
        http = new PlatformClient(platform.gatewayUrl());
    }

    @Test
    void aNotificationTravelsFromTheAdminToTheClientsSocketAndComesBackRead() throws Exception {
        assertThat(http.get("/health", null).json().path("status").asString()).isEqualTo("ok");

        String email = "owner-" + UUID.randomUUID() + "@example.test";
        PlatformClient.Response registered = http.post("/api/auth/register", null, """
                {"email":"%s","password":"a long enough password","firstName":"Grace","lastName":"Hopper"}"""
                .formatted(email));
        assertThat(registered.status()).isEqualTo(201);
        String clientToken = registered.json().path("token").asString();
        String clientId = registered.json().path("user").path("id").asString();

        PlatformClient.Response adminLogin = http.post("/api/auth/login", null, """
                {"email":"%s","password":"%s"}""".formatted(platform.admin().email(), platform.admin().password()));
        assertThat(adminLogin.status()).isEqualTo(200);
        assertThat(adminLogin.json().path("user").path("role").asString()).isEqualTo("admin");
        String adminToken = adminLogin.json().path("token").asString();

        try (TestSocket socket = TestSocket.likeABrowser(platform.gatewayUrl(), clientToken)) {
            await().atMost(ASYNC).until(() -> !socket.events("user:login-success").isEmpty());
            assertThat(socket.events("user:login-success").get(0).path("userId").asString()).isEqualTo(clientId);

            // the client is a recipient once notification-service has read its UserRegistered event
            String notificationId = await().atMost(ASYNC).until(() -> sendToAll(adminToken), id -> id != null);

            await().atMost(ASYNC).until(() -> socket.events("notification:received").stream()
                    .anyMatch(event -> event.path("id").asString().equals(notificationId)));
            JsonNode received = socket.events("notification:received").stream()
                    .filter(event -> event.path("id").asString().equals(notificationId)).findFirst().orElseThrow();
            assertThat(received.path("title").asString()).isEqualTo("Winter service");
            assertThat(received.path("type").asString()).isEqualTo("maintenance");

            JsonNode ack = socket.emitWithAck("notification:read", Map.of("notificationId", notificationId))
                    .get(30, TimeUnit.SECONDS);
            assertThat(ack.path("ok").asBoolean()).isTrue();

            await().atMost(ASYNC).untilAsserted(() -> {
                JsonNode inbox = http.get("/api/notifications/my-notifications", clientToken).json();
                JsonNode item = findById(inbox.path("content"), notificationId);
                assertThat(item.path("status").asString()).isEqualTo("read");
                assertThat(item.path("readAt").isNull()).isFalse();
            });
            assertThat(http.get("/api/notifications/unread-count", clientToken).json().path("count").asLong())
                    .isZero();
        }
    }

    @Test
    void anOwnerAnswersAnUpdateRequestOnTheirSocketAndStaffSeeTheAnswerLive() throws Exception {
        PlatformClient.Account enzo = http.registerClient("Enzo");
        String clientToken = enzo.token();
        String clientId = enzo.id();
        String adminToken = http.adminToken(platform.admin());

        // the client may own a vehicle once vehicle-service has read its UserRegistered event
        String vin = "ZFF" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase()
                .replace('I', '1').replace('O', '0').replace('Q', '9');
        String vehicleId = await().atMost(ASYNC).until(() -> {
            PlatformClient.Response created = http.post("/api/vehicles", adminToken, """
                    {"userId":"%s","vin":"%s","licensePlate":"%s","make":"Ferrari","model":"Roma","year":2024}"""
                    .formatted(clientId, vin, "FR-" + vin.substring(10)));
            assertThat(created.status()).as(created.body()).isIn(201, 400);
            return created.status() == 201 ? created.json().path("id").asString() : null;
        }, id -> id != null);

        try (TestSocket owner = TestSocket.likeABrowser(platform.gatewayUrl(), clientToken);
             TestSocket staff = TestSocket.connect(platform.gatewayUrl(), adminToken)) {
            await().atMost(ASYNC).until(() -> !owner.events("user:login-success").isEmpty()
                    && !staff.events("user:login-success").isEmpty());
            // realtime-service asked vehicle-service for the owner's vehicles with the owner's token
            await().atMost(ASYNC).until(() -> !owner.events("vehicle:list").isEmpty());
            assertThat(owner.events("vehicle:list").get(0).get(0).path("id").asString()).isEqualTo(vehicleId);

            PlatformClient.Response requested = http.post("/api/vehicles/" + vehicleId + "/updates", adminToken, """
                    {"updateType":"maintenance","title":"Annual service","priority":"normal"}""");
            assertThat(requested.status()).as(requested.body()).isEqualTo(201);
            String updateId = requested.json().path("id").asString();

            await().atMost(ASYNC).until(() -> owner.events("vehicle:update-request").stream()
                    .anyMatch(event -> event.path("updateId").asString().equals(updateId)));
            JsonNode ack = owner.emitWithAck("vehicle:update-response", Map.of("updateId", updateId,
                    "vehicleId", vehicleId, "approved", true, "reason", "Monday morning")).get(30, TimeUnit.SECONDS);
            assertThat(ack.path("ok").asBoolean()).as(ack.toString()).isTrue();

            await().atMost(ASYNC).until(() -> staff.events("vehicle:update-response").stream()
                    .anyMatch(event -> event.path("updateId").asString().equals(updateId)));
            JsonNode answer = http.get("/api/vehicle-updates/" + updateId, clientToken).json();
            assertThat(answer.path("status").asString()).isEqualTo("approved");
            assertThat(answer.path("responseReason").asString()).isEqualTo("Monday morning");
        }
    }

    @Test
    void theGatewayRefusesWhatIsNotPublicOrNotAllowed() {
        assertThat(http.get("/api/notifications/my-notifications", null).status()).isEqualTo(401);
        assertThat(http.post("/api/notifications", "not-a-token", "{}").status()).isEqualTo(401);
        String client = http.post("/api/auth/register", null, """
                {"email":"%s","password":"a long enough password","firstName":"Alan","lastName":"Turing"}"""
                .formatted("probe-" + UUID.randomUUID() + "@example.test")).json().path("token").asString();
        assertThat(http.get("/actuator/env", client).status()).isEqualTo(404);
        assertThat(http.post("/api/notifications", client, "{}").status()).isEqualTo(403);
    }

    @Test
    void aClientThatWasOfflineGetsWhatItMissedWhenItConnectsAndOnlyOnce() throws Exception {
        PlatformClient.Account away = http.registerClient("Ada");
        String clientToken = away.token();
        String clientId = away.id();
        String adminToken = http.adminToken(platform.admin());

        // sent while the client has no socket open
        String notificationId = await().atMost(ASYNC).until(() -> {
            PlatformClient.Response sent = http.post("/api/notifications", adminToken, """
                    {"title":"Your car is ready","message":"Pick it up any time","type":"info","targetType":"user",
                     "userIds":["%s"]}""".formatted(clientId));
            return sent.status() == 201 ? sent.json().path("notification").path("id").asString() : null;
        }, id -> id != null);

        try (TestSocket socket = TestSocket.connect(platform.gatewayUrl(), clientToken)) {
            await().atMost(ASYNC).until(() -> socket.events("notification:received").stream()
                    .anyMatch(event -> event.path("id").asString().equals(notificationId)));
            JsonNode ack = socket.emitWithAck("notification:acknowledge", Map.of("notificationId", notificationId))
                    .get(30, TimeUnit.SECONDS);
            assertThat(ack.path("ok").asBoolean()).isTrue();
            await().atMost(ASYNC).until(() -> findById(http.get("/api/notifications/my-notifications", clientToken)
                    .json().path("content"), notificationId).path("status").asString().equals("delivered"));
        }
        // acknowledged: a new connection does not replay it
        try (TestSocket again = TestSocket.connect(platform.gatewayUrl(), clientToken)) {
            await().atMost(ASYNC).until(() -> !again.events("user:login-success").isEmpty());
            await().during(Duration.ofSeconds(2)).atMost(ASYNC).until(() -> again.events("notification:received")
                    .stream().noneMatch(event -> event.path("id").asString().equals(notificationId)));
        }
    }

    @Test
    void aTokenIssuedJustBeforeALogoutOpensNoSocketAndASignInJustAfterItDoes() {
        String email = "lin-" + UUID.randomUUID() + "@example.test";
        String credentials = """
                {"email":"%s","password":"a long enough password"}""".formatted(email);
        assertThat(http.post("/api/auth/register", null, """
                {"email":"%s","password":"a long enough password","firstName":"Lin","lastName":"Tester"}"""
                .formatted(email)).status()).isEqualTo(201);
        // a token issued in the very second of the logout, before it (iat is in whole seconds); the platform runs on
        // this machine's clock, so a logout sent and answered within the token's second happened in it
        String revoked = null;
        for (int attempt = 0; attempt < 20 && revoked == null; attempt++) {
            // each attempt at the start of a second, so a slow host has the whole second for both calls (and a login
            // right after the last attempt's logout, stamped with the next second, is not wasted)
            startOfNextSecond();
            String token = http.post("/api/auth/login", null, credentials).json().path("token").asString();
            long sent = Instant.now().getEpochSecond();
            assertThat(http.post("/api/auth/logout", token, "{}").status()).isEqualTo(204);
            long answered = Instant.now().getEpochSecond();
            revoked = sent == answered && TestTokens.issuedAt(token).getEpochSecond() == sent ? token : null;
        }
        assertThat(revoked).as("no login and logout fell in one second in 20 attempts").isNotNull();
        String before = revoked;
        String after = http.post("/api/auth/login", null, credentials).json().path("token").asString();

        // every realtime instance learns the logout from Kafka: until then one may still take the token
        await().atMost(ASYNC).until(() -> "token_revoked".equals(firstAnswer(before)));
        assertThat(firstAnswer(after)).isEqualTo("user:login-success");
    }

    /** {@code user:login-success}, or the code of the {@code connect_error} a socket opened with the token got. */
    private static String firstAnswer(String token) {
        try (TestSocket socket = TestSocket.connect(platform.gatewayUrl(), token)) {
            await().atMost(ASYNC).until(() -> !socket.connectErrors().isEmpty()
                    || !socket.events("user:login-success").isEmpty());
            return socket.connectErrors().isEmpty() ? "user:login-success"
                    : socket.connectErrors().get(0).path("code").asString();
        }
    }

    private static String sendToAll(String adminToken) {
        PlatformClient.Response sent = http.post("/api/notifications", adminToken, """
                {"title":"Winter service","message":"Book your winter check","type":"maintenance","targetType":"all"}""");
        if (sent.status() == 400) {
            return null;
        }
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().path("recipientCount").asInt()).isGreaterThanOrEqualTo(1);
        return sent.json().path("notification").path("id").asString();
    }

    private static JsonNode findById(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("notification " + id + " not in " + items);
    }

    /** Waits for the wall clock's next whole second (aligning with the clock, no work to wait for). */
    private static void startOfNextSecond() {
        long second = Instant.now().getEpochSecond();
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(2))
                .until(() -> Instant.now().getEpochSecond() > second);
    }
}
