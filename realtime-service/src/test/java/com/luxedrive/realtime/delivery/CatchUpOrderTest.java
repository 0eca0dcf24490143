package com.luxedrive.realtime.delivery;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.transport.NamespaceClient;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.luxedrive.realtime.socket.EncodedEvent;
import com.luxedrive.realtime.socket.SocketEvents;
import com.luxedrive.security.LuxePrincipal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The catch-up and a live push meeting on a websocket's event loop, on a real Netty channel: a write from another
 * thread is queued to the channel's loop, behind whatever the loop already has — a broadcast's turn among it.
 */
class CatchUpOrderTest {

    private final WireMockServer notificationService = new WireMockServer(options().dynamicPort());
    private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);
    private final List<String> written = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        notificationService.stop();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    /**
     * The live push's turn was queued on the loop before the catch-up, written from the login thread, had its
     * writes queued behind it; the turn found the gate already open and wrote the newer notification first.
     */
    @Test
    void aLivePushQueuedOnTheLoopBeforeTheCatchUpEndsStillComesAfterTheReplay() throws Exception {
        UUID first = UUID.randomUUID();
        UUID then = UUID.randomUUID();
        UUID live = UUID.randomUUID();
        notificationService.start();
        notificationService.stubFor(get(urlPathEqualTo("/api/notifications/undelivered")).willReturn(okJson(
                "{\"content\":[" + item(first, "2026-11-20T10:00:00Z") + "," + item(then, "2026-11-21T10:00:00Z")
                        + "],\"more\":false}")));
        NotificationGate gate = new NotificationGate(new SimpleMeterRegistry());
        CatchUp catchUp = new CatchUp(notificationService.baseUrl(), Duration.ofSeconds(3), 500, gate);
        Channel websocket = connectedChannel();
        NamespaceClient socket = socketOn(websocket);

        CountDownLatch busy = new CountDownLatch(1);
        websocket.eventLoop().execute(() -> awaitQuietly(busy));
        // a broadcast's turn, as SocketPublisher.forEachOnItsLoop hands it to the socket's loop
        websocket.eventLoop().execute(() -> gate.live(socket, delivery(live)));

        catchUp.authenticated(socket, new LuxePrincipal(UUID.randomUUID(), "c@example.test", "C", "client", "client"));
        busy.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 3);
        assertThat(written).containsExactly(first.toString(), then.toString(), live.toString());
    }

    /** A replayed delivery that failed to be written left the gate shut: every later live push queued for good. */
    @Test
    void aDeliveryThatFailsLeavesTheGateOpenForTheNext() {
        NotificationGate gate = new NotificationGate(new SimpleMeterRegistry());
        NamespaceClient socket = socketOn(null);
        UUID broken = UUID.randomUUID();
        UUID live = UUID.randomUUID();
        List<Object> sent = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        doAnswer(call -> {
            if (first.getAndSet(false)) {
                throw new IllegalStateException("the connection broke");
            }
            return sent.add(call.getArgument(1));
        }).when(socket).sendEvent(anyString(), any());

        try {
            gate.caughtUp(socket, List.of(delivery(broken)));
        } catch (RuntimeException loggedByTheLoginListener) {
            // SocketAuthentication logs a post-login step's failure and goes on
        }
        gate.live(socket, delivery(live));

        assertThat(sent).as("the live push, written").hasSize(1);
    }

    /**
     * A replay longer than the ids a socket remembers (256; the replay takes up to 500): a live push of one of its
     * first items, waiting in the gate meanwhile, went out a second time.
     */
    @Test
    void aLivePushOfAnItemEarlyInALongReplayIsNotSentTwice() {
        NotificationGate gate = new NotificationGate(new SimpleMeterRegistry());
        NamespaceClient socket = socketOn(null);
        List<Object> sent = new CopyOnWriteArrayList<>();
        doAnswer(call -> sent.add(call.getArgument(1))).when(socket).sendEvent(anyString(), any());
        List<NotificationGate.Delivery> replay = java.util.stream.IntStream.range(0, 300)
                .mapToObj(i -> delivery(UUID.randomUUID())).toList();

        gate.live(socket, replay.get(0));
        gate.caughtUp(socket, replay);

        assertThat(sent).hasSize(300);
    }

    /** A pair of connected in-memory channels on a real event loop; what the server's end writes is recorded. */
    private Channel connectedChannel() throws InterruptedException {
        LocalAddress address = new LocalAddress("catch-up-order-" + UUID.randomUUID());
        new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync();
        return new Bootstrap().group(loops).channel(LocalChannel.class)
                .handler(new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                        String frame = ((ByteBuf) msg).toString(StandardCharsets.UTF_8);
                        int id = frame.indexOf("\"id\":\"") + 6;
                        written.add(frame.substring(id, frame.indexOf('"', id)));
                        ReferenceCountUtil.release(msg);
                        promise.setSuccess();
                    }
                })
                .connect(address).sync().channel();
    }

    /** A socket whose transport is that websocket, or long-polling without one (netty-socketio's client, its store a map). */
    private static NamespaceClient socketOn(Channel websocket) {
        NamespaceClient socket = mock(NamespaceClient.class);
        ClientHead head = mock(ClientHead.class);
        when(socket.getBaseClient()).thenReturn(head);
        when(socket.isChannelOpen()).thenReturn(true);
        when(socket.getSessionId()).thenReturn(UUID.randomUUID());
        when(head.getCurrentTransport()).thenReturn(websocket == null ? Transport.POLLING : Transport.WEBSOCKET);
        when(head.isWritable()).thenReturn(true);
        when(head.getPacketsQueue(Transport.POLLING)).thenReturn(new java.util.ArrayDeque<>());
        Map<String, Object> store = new ConcurrentHashMap<>();
        if (websocket != null) {
            // WebsocketChannelSeen.CHANNEL: the socket's websocket, as noted when its first packet came over it
            store.put("luxe.websocket", websocket);
        }
        doAnswer(call -> store.put(call.getArgument(0), call.getArgument(1))).when(socket).set(anyString(), any());
        when(socket.get(anyString())).thenAnswer(call -> store.get(call.<String>getArgument(0)));
        when(socket.has(anyString())).thenAnswer(call -> store.containsKey(call.<String>getArgument(0)));
        return socket;
    }

    private static NotificationGate.Delivery delivery(UUID id) {
        return new NotificationGate.Delivery(id.toString(), EncodedEvent.of(SocketEvents.NOTIFICATION_RECEIVED,
                new NotificationPushHandler.NotificationReceived(id.toString(), "Live", "now", null, "info",
                        Instant.now().toString(), List.of())), Instant.now());
    }

    private static String item(UUID id, String at) {
        return """
                {"id":"%s","title":"Missed","message":"m","type":"info","timestamp":"%s","vehicleIds":[]}"""
                .formatted(id, at);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
