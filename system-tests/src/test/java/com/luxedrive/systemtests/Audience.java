package com.luxedrive.systemtests;

import com.luxedrive.testsupport.TestSocket;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scenario's clients: fresh users, each with a socket open through one of the gateways the way the client app
 * opens it in a browser. Every {@code notification:received} goes into the history and is acknowledged, as the app
 * does.
 */
final class Audience implements AutoCloseable {

    private static final Duration SETTLING = Duration.ofMinutes(2);

    record Member(String userId, String token, TestSocket socket) {
    }

    private final List<Member> members;

    private Audience(List<Member> members) {
        this.members = members;
    }

    static Audience connect(List<PlatformClient> gateways, int size, DeliveryHistory history) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            PlatformClient gateway = gateways.get(i % gateways.size());
            PlatformClient.Account client = gateway.registerClient("Client");
            members.add(open(gateway, client.id(), client.token(), history));
        }
        Audience audience = new Audience(new java.util.concurrent.CopyOnWriteArrayList<>(members));
        await().atMost(SETTLING).until(() -> members.stream()
                .allMatch(member -> !member.socket().events("user:login-success").isEmpty()));
        return audience;
    }

    /** A user joins with a socket of their own, followed from now on like the others. */
    Member join(PlatformClient gateway, String userId, String token, DeliveryHistory history) {
        Member member = open(gateway, userId, token, history);
        members.add(member);
        return member;
    }

    private static Member open(PlatformClient gateway, String userId, String token, DeliveryHistory history) {
        TestSocket socket = TestSocket.likeABrowser(gateway.baseUrl(), token);
        socket.on("notification:received", received -> {
            String id = received.path("id").asString();
            history.received(userId, id);
            socket.emit("notification:acknowledge", Map.of("notificationId", id));
        });
        return new Member(userId, token, socket);
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    Set<String> userIds() {
        return members.stream().map(Member::userId).collect(Collectors.toSet());
    }

    Member member(String userId) {
        return members.stream().filter(member -> member.userId().equals(userId)).findFirst().orElseThrow();
    }

    /** When each socket that lost its connection connected again (its last connection), by user. */
    Map<String, java.time.Instant> reconnections() {
        Map<String, java.time.Instant> reconnected = new java.util.HashMap<>();
        members.forEach(member -> {
            List<java.time.Instant> connected = member.socket().connectedAt();
            if (connected.size() > 1) {
                reconnected.put(member.userId(), connected.get(connected.size() - 1));
            }
        });
        return reconnected;
    }

    /** What the platform says each member has, read through a gateway. */
    DeliveryChecker.Inboxes inboxes(PlatformClient gateway) {
        return new DeliveryChecker.Inboxes() {
            @Override
            public Set<String> notificationIds(String userId) {
                String token = member(userId).token();
                Set<String> ids = new java.util.HashSet<>();
                String cursor = null;
                do {
                    PlatformClient.Response page = gateway.get("/api/notifications/my-notifications?size=100"
                            + (cursor == null ? "" : "&cursor=" + cursor), token);
                    assertThat(page.status()).as(page.body()).isEqualTo(200);
                    JsonNode json = page.json();
                    json.path("content").forEach(item -> ids.add(item.path("id").asString()));
                    cursor = json.path("nextCursor").isNull() || json.path("nextCursor").isMissingNode() ? null
                            : java.net.URLEncoder.encode(json.path("nextCursor").asString(),
                            java.nio.charset.StandardCharsets.UTF_8);
                } while (cursor != null);
                return ids;
            }

            @Override
            public long unreadCount(String userId) {
                PlatformClient.Response count = gateway.get("/api/notifications/unread-count",
                        member(userId).token());
                assertThat(count.status()).as(count.body()).isEqualTo(200);
                return count.json().path("count").asLong();
            }
        };
    }

    @Override
    public void close() {
        members.forEach(member -> member.socket().close());
    }
}
