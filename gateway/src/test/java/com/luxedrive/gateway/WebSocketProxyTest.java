package com.luxedrive.gateway;

import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A proxied websocket whose service end is cut without a close frame (its instance was killed) is closed on the
 * client's side at once, so the client reconnects elsewhere instead of waiting for its heartbeat to give up. (Spring
 * Cloud Gateway's issue #845 reports the opposite for older versions; this keeps 5.0's behaviour checked.)
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSocketProxyTest {

    private static final AtomicReference<Connection> SERVICE_SIDE = new AtomicReference<>();
    /** A websocket service that holds every socket open and says nothing. */
    private static final DisposableServer SERVICE = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.ws("/socket.io/", (in, out) -> {
                in.withConnection(SERVICE_SIDE::set);
                return out.sendString(Mono.just("hello")).then(Mono.never());
            }))
            .bindNow();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("luxe.security.jwt.jwks-uri", TestTokens::jwksUri);
        registry.add("spring.cloud.discovery.client.simple.instances.realtime[0].uri",
                () -> "http://127.0.0.1:" + SERVICE.port());
        registry.add("spring.cloud.discovery.client.simple.instances.realtime[0].instance-id", () -> "realtime-0");
    }

    @AfterAll
    static void stop() {
        SERVICE.disposeNow();
    }

    @Test
    void aServiceSocketCutWithoutACloseFrameClosesTheClientsSocket() {
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<String> greeted = new CompletableFuture<>();
        WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + TestTokens.client(UUID.randomUUID()))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket"),
                        new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                greeted.complete(data.toString());
                                socket.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                                closed.complete(status);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket socket, Throwable error) {
                                closed.complete(-1);
                            }
                        })
                .join();
        assertThat(greeted).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("hello");
        assertThat(client.isInputClosed()).isFalse();

        // the service's instance dies (kill -9): its end of the connection is reset, no close frame sent
        SERVICE_SIDE.get().channel().config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
        SERVICE_SIDE.get().channel().close();

        await().atMost(Duration.ofSeconds(5)).until(closed::isDone);
    }
}
