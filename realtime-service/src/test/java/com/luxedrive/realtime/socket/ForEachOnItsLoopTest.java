package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOClient;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ForEachOnItsLoopTest {

    /** Every loop writes at once. */
    private final SocketPublisher publisher = new SocketPublisher(null, 8);

    @Test
    void websocketsAreServedByTheirConnectionsLoopAndTheOthersRightAway() {
        EmbeddedChannel connection = new EmbeddedChannel();
        SocketIOClient websocket = socket(connection);
        SocketIOClient polling = socket(null);
        List<SocketIOClient> served = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> done = publisher.forEachOnItsLoop(List.of(websocket, polling), served::add);

        assertThat(served).as("before the loop runs its tasks").containsExactly(polling);
        assertThat(done).isNotDone();
        connection.runPendingTasks();
        assertThat(served).containsExactly(polling, websocket);
        assertThat(done).isCompleted();
    }

    @Test
    void withNoWebsocketAllIsDoneOnReturn() {
        List<SocketIOClient> served = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> done = publisher.forEachOnItsLoop(List.of(socket(null), socket(null)), served::add);

        assertThat(served).hasSize(2);
        assertThat(done).isCompleted();
    }

    @Test
    void aLoopServesItsSocketsOldestConnectionFirst() {
        EmbeddedChannel connection = new EmbeddedChannel();
        SocketIOClient newest = socket(connection, 3_000);
        SocketIOClient oldest = socket(connection, 1_000);
        SocketIOClient middle = socket(connection, 2_000);
        SocketIOClient pollingNew = socket(null, 5_000);
        SocketIOClient pollingOld = socket(null, 4_000);
        List<SocketIOClient> served = new CopyOnWriteArrayList<>();

        publisher.forEachOnItsLoop(List.of(newest, pollingNew, oldest, pollingOld, middle), served::add);
        connection.runPendingTasks();

        // the long-polling ones are served on the caller, in the order given, before the loop's turn
        assertThat(served).containsExactly(pollingNew, pollingOld, oldest, middle, newest);
    }

    @Test
    void noMoreLoopsWriteABroadcastAtOnceThanConfiguredEachStartingTheNextWhenDone() {
        List<Runnable> first = new ArrayList<>();
        List<Runnable> second = new ArrayList<>();
        List<Runnable> third = new ArrayList<>();
        SocketIOClient onFirst = socket(channelOn(loop(first)), 0);
        SocketIOClient onSecond = socket(channelOn(loop(second)), 0);
        SocketIOClient onThird = socket(channelOn(loop(third)), 0);
        List<SocketIOClient> served = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> done = new SocketPublisher(null, 2)
                .forEachOnItsLoop(List.of(onFirst, onSecond, onThird), served::add);

        assertThat(first.size() + second.size() + third.size()).as("loops given a turn").isEqualTo(2);
        List<Runnable> waiting = first.isEmpty() ? first : second.isEmpty() ? second : third;
        List<Runnable> running = waiting == first ? second : first;
        running.remove(0).run();
        assertThat(waiting).as("the next loop's turn, once one is done").hasSize(1);
        assertThat(done).isNotDone();
        List.of(first, second, third).forEach(tasks -> List.copyOf(tasks).forEach(task -> {
            tasks.remove(task);
            task.run();
        }));
        assertThat(served).containsExactlyInAnyOrder(onFirst, onSecond, onThird);
        assertThat(done).isCompleted();
    }

    @Test
    void aSocketGetsTheBroadcastsInOrderWhicheverLoopsTurnComesFirst() {
        List<Runnable> one = new ArrayList<>();
        List<Runnable> other = new ArrayList<>();
        SocketIOClient onOne = socket(channelOn(loop(one)), 0);
        SocketIOClient onOther = socket(channelOn(loop(other)), 0);
        SocketPublisher oneLoopAtATime = new SocketPublisher(null, 1);
        List<String> received = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> first = oneLoopAtATime.forEachOnItsLoop(List.of(onOne, onOther),
                socket -> received.add("first to " + (socket == onOne ? "one" : "other")));
        // the second broadcast goes to the socket whose loop has not had its turn for the first yet
        List<Runnable> turnFirst = one.isEmpty() ? other : one;
        List<Runnable> turnLater = turnFirst == one ? other : one;
        String later = turnLater == one ? "one" : "other";
        CompletableFuture<Void> second = oneLoopAtATime.forEachOnItsLoop(List.of(turnLater == one ? onOne : onOther),
                socket -> received.add("second to " + later));
        assertThat(turnLater).as("nothing for the later loop before the first broadcast's turn").isEmpty();

        // the later loop's tasks run first whenever it has any
        while (!turnLater.isEmpty() || !turnFirst.isEmpty()) {
            List<Runnable> next = turnLater.isEmpty() ? turnFirst : turnLater;
            next.remove(0).run();
        }

        assertThat(received).containsSubsequence("first to " + later, "second to " + later);
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();
    }

    @Test
    void theCallerIsHeldWhileTooManyBroadcastsWaitForTheirLoops() {
        List<Runnable> tasks = new CopyOnWriteArrayList<>();
        SocketIOClient socket = socket(channelOn(loop(tasks)), 0);
        SocketPublisher publisher = new SocketPublisher(null, 1);
        for (int i = 0; i < SocketPublisher.MAX_IN_FLIGHT; i++) {
            publisher.forEachOnItsLoop(List.of(socket), s -> { });
        }

        CompletableFuture<Void> oneMore = CompletableFuture.runAsync(
                () -> publisher.forEachOnItsLoop(List.of(socket), s -> { }));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !oneMore.isDone());

        // the loop catches up: the oldest broadcast done, the caller goes on
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            List.copyOf(tasks).forEach(task -> {
                tasks.remove(task);
                task.run();
            });
            return oneMore.isDone();
        });
    }

    @Test
    void oneSocketsFailureDoesNotCostTheOthers() {
        EmbeddedChannel connection = new EmbeddedChannel();
        SocketIOClient failing = socket(connection);
        SocketIOClient next = socket(connection);
        SocketIOClient pollingFailing = socket(null);
        SocketIOClient polling = socket(null);
        List<SocketIOClient> served = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> done = publisher.forEachOnItsLoop(List.of(failing, pollingFailing, next, polling),
                socket -> {
                    if (socket == failing || socket == pollingFailing) {
                        throw new IllegalStateException("this socket's push fails");
                    }
                    served.add(socket);
                });
        connection.runPendingTasks();

        assertThat(served).containsExactlyInAnyOrder(next, polling);
        assertThat(done).isCompleted();
    }

    /** An event loop that keeps the tasks given to it in {@code tasks}, for the test to run. */
    private static EventLoop loop(List<Runnable> tasks) {
        EventLoop loop = mock(EventLoop.class);
        doAnswer(call -> tasks.add(call.getArgument(0))).when(loop).execute(any(Runnable.class));
        return loop;
    }

    private static Channel channelOn(EventLoop loop) {
        Channel channel = mock(Channel.class);
        when(channel.eventLoop()).thenReturn(loop);
        return channel;
    }

    private static SocketIOClient socket(Channel websocket) {
        return socket(websocket, 0);
    }

    private static SocketIOClient socket(Channel websocket, long connectedAtMillis) {
        SocketIOClient socket = mock(SocketIOClient.class);
        HandshakeData handshake = mock(HandshakeData.class);
        when(handshake.getTime()).thenReturn(new Date(connectedAtMillis));
        when(socket.getHandshakeData()).thenReturn(handshake);
        when(socket.get(WebsocketChannelSeen.CHANNEL)).thenReturn(websocket);
        when(socket.getSessionId()).thenReturn(UUID.randomUUID());
        return socket;
    }
}
