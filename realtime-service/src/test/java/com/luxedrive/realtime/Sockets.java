package com.luxedrive.realtime;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.luxedrive.realtime.socket.SocketServer;
import com.luxedrive.testsupport.TestSocket;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;

/** Sockets against the service under test, once its push consumers hold their partitions. */
final class Sockets {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final SocketServer server;

    Sockets(SocketServer server, KafkaListenerEndpointRegistry listeners) {
        this.server = server;
        // per-instance consumer groups start at the latest offset: an event sent before they hold partitions is missed
        await().atMost(Duration.ofSeconds(60)).until(() -> listeners.getAllListenerContainers().stream()
                .allMatch(container -> container.getAssignedPartitions() != null
                        && !container.getAssignedPartitions().isEmpty()));
    }

    /** A socket authenticated with {@code token} in its handshake, after its {@code user:login-success}. */
    TestSocket loggedIn(String token) {
        TestSocket socket = TestSocket.connect(url(), token);
        await().atMost(WAIT).until(() -> !socket.events("user:login-success").isEmpty());
        return socket;
    }

    /** A WireMock server standing in for a service realtime-service calls (HTTP peers only), started. */
    static WireMockServer startedPeer() {
        WireMockServer wireMock = new WireMockServer(options().dynamicPort());
        wireMock.start();
        return wireMock;
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }
}
