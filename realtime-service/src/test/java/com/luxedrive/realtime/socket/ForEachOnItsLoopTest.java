package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.luxedrive.realtime.socket.MockSockets.channelOn;
import static com.luxedrive.realtime.socket.MockSockets.loop;
import static com.luxedrive.realtime.socket.MockSockets.runQueued;
import static com.luxedrive.realtime.socket.MockSockets.socket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ForEachOnItsLoopTest {

    /** Every loop writes at once. */
    private final SocketPublisher publisher = new SocketPublisher(null, new ClientSockets(), 8);

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
    void noMoreLoopsWriteABroadcastAtOnceThanConfiguredEachStartingTheNextWhenDone() {
        List<Runnable> first = new ArrayList<>();
        List<Runnable> second = new ArrayList<>();
        List<Runnable> third = new ArrayList<>();
        SocketIOClient onFirst = socket(channelOn(loop(first)));
        SocketIOClient onSecond = socket(channelOn(loop(second)));
        SocketIOClient onThird = socket(channelOn(loop(third)));
        List<SocketIOClient> served = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> done = new SocketPublisher(null, new ClientSockets(), 2)
                .forEachOnItsLoop(List.of(onFirst, onSecond, onThird), served::add);

        assertThat(first.size() + second.size() + third.size()).as("loops given a turn").isEqualTo(2);
        List<Runnable> waiting = first.isEmpty() ? first : second.isEmpty() ? second : third;
        List<Runnable> running = waiting == first ? second : first;
        running.remove(0).run();
        assertThat(waiting).as("the next loop's turn, once one is done").hasSize(1);
        assertThat(done).isNotDone();
        List.of(first, second, third).forEach(MockSockets::runQueued);
        assertThat(served).containsExactlyInAnyOrder(onFirst, onSecond, onThird);
        assertThat(done).isCompleted();
    }

    @Test
    void aSocketGetsTheBroadcastsInOrderWhicheverLoopsTurnComesFirst() {
        List<Runnable> one = new ArrayList<>();
        List<Runnable> other = new ArrayList<>();
        SocketIOClient onOne = socket(channelOn(loop(one)));
        SocketIOClient onOther = socket(channelOn(loop(other)));
        SocketPublisher oneLoopAtATime = new SocketPublisher(null, new ClientSockets(), 1);
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
        SocketIOClient socket = socket(channelOn(loop(tasks)));
        SocketPublisher publisher = new SocketPublisher(null, new ClientSockets(), 1);
        for (int i = 0; i < SocketPublisher.MAX_IN_FLIGHT; i++) {
            publisher.forEachOnItsLoop(List.of(socket), s -> { });
        }

        CompletableFuture<Void> oneMore = CompletableFuture.runAsync(
                () -> publisher.forEachOnItsLoop(List.of(socket), s -> { }));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !oneMore.isDone());

        // the loop catches up: the oldest broadcast done, the caller goes on
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            runQueued(tasks);
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
}
