package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static com.luxedrive.realtime.socket.MockSockets.channelOn;
import static com.luxedrive.realtime.socket.MockSockets.loop;
import static com.luxedrive.realtime.socket.MockSockets.socket;
import static com.luxedrive.realtime.socket.MockSockets.upgrade;
import static org.assertj.core.api.Assertions.assertThat;

/** A broadcast to every client goes to the shares {@link ClientSockets} keeps as sockets log in and leave. */
class ForEachClientOnItsLoopTest {

    private final ClientSockets clients = new ClientSockets();
    /** Every loop writes at once. */
    private final SocketPublisher publisher = new SocketPublisher(null, clients, 8);
    private final List<SocketIOClient> served = new CopyOnWriteArrayList<>();

    @Test
    void aLoopServesItsClientsInTheOrderTheyLoggedInAndLongPollingOnesFirstOnTheCaller() {
        EmbeddedChannel connection = new EmbeddedChannel();
        List<SocketIOClient> websockets = IntStream.range(0, 40).mapToObj(i -> socket(connection)).toList();
        SocketIOClient polling = socket(null);
        websockets.subList(0, 20).forEach(clients::joined);
        clients.joined(polling);
        websockets.subList(20, 40).forEach(clients::joined);

        CompletableFuture<Void> done = publisher.forEachClientOnItsLoop(served::add).orElseThrow();

        assertThat(served).as("before the loop's turn").containsExactly(polling);
        assertThat(done).isNotDone();
        connection.runPendingTasks();
        List<SocketIOClient> expected = new ArrayList<>(List.of(polling));
        expected.addAll(websockets);
        assertThat(served).containsExactlyElementsOf(expected);
        assertThat(done).isCompleted();
    }

    @Test
    void aClientOnLongPollingIsServedOnTheCallerUntilABroadcastFindsItUpgradedThenByItsLoop() {
        EmbeddedChannel connection = new EmbeddedChannel();
        SocketIOClient socket = socket(null);
        clients.joined(socket);

        publisher.forEachClientOnItsLoop(served::add);
        assertThat(served).containsExactly(socket);

        upgrade(socket, connection);
        publisher.forEachClientOnItsLoop(served::add);
        assertThat(served).as("not on the caller any more").containsExactly(socket);
        connection.runPendingTasks();
        assertThat(served).containsExactly(socket, socket);

        publisher.forEachClientOnItsLoop(served::add);
        connection.runPendingTasks();
        assertThat(served).as("once per broadcast, from its loop's share").containsExactly(socket, socket, socket);
    }

    @Test
    void aClientThatLeftIsServedNoMore() {
        EmbeddedChannel connection = new EmbeddedChannel();
        SocketIOClient gone = socket(connection);
        SocketIOClient goneWhilePolling = socket(null);
        SocketIOClient staying = socket(connection);
        List.of(gone, goneWhilePolling, staying).forEach(clients::joined);

        clients.left(gone);
        clients.left(goneWhilePolling);
        publisher.forEachClientOnItsLoop(served::add);
        connection.runPendingTasks();

        assertThat(served).containsExactly(staying);
        clients.left(staying);
        assertThat(publisher.forEachClientOnItsLoop(served::add)).as("no client held here").isEmpty();
    }

    @Test
    void aLoginFinishingAfterItsSocketLeftAddsNothing() {
        EmbeddedChannel connection = new EmbeddedChannel();
        SocketIOClient socket = socket(connection);

        clients.left(socket);
        clients.joined(socket);

        assertThat(clients.isEmpty()).isTrue();
        assertThat(publisher.forEachClientOnItsLoop(served::add)).isEmpty();
    }

    @Test
    void aSocketLoggingInTwiceIsKeptOnceAndGoneWithOneLeave() {
        List<Runnable> tasks = new ArrayList<>();
        SocketIOClient socket = socket(channelOn(loop(tasks)));

        clients.joined(socket);
        clients.joined(socket);
        assertThat(tasks).as("one placement on its loop").hasSize(1);

        clients.left(socket);
        assertThat(clients.isEmpty()).isTrue();
        assertThat(tasks).as("the placement, then the removal").hasSize(2);
    }

    @Test
    void eachLoopIsHandedItsOwnShareAndReadsItOnlyInItsTurn() {
        List<Runnable> one = new ArrayList<>();
        List<Runnable> other = new ArrayList<>();
        SocketIOClient onOne = socket(channelOn(loop(one)));
        SocketIOClient onOther = socket(channelOn(loop(other)));
        clients.joined(onOne);
        clients.joined(onOther);

        Optional<CompletableFuture<Void>> done = publisher.forEachClientOnItsLoop(served::add);

        assertThat(one).as("the socket's placement, then the broadcast's turn").hasSize(2);
        assertThat(other).hasSize(2);
        assertThat(served).isEmpty();
        one.forEach(Runnable::run);
        assertThat(served).containsExactly(onOne);
        other.forEach(Runnable::run);
        assertThat(served).containsExactly(onOne, onOther);
        assertThat(done.orElseThrow()).isCompleted();
    }
}
