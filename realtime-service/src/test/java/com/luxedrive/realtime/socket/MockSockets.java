package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Sockets, channels and event loops for the fan-out's tests, without a server. */
final class MockSockets {

    private MockSockets() {
    }

    /** An event loop that keeps the tasks given to it in {@code tasks}, for the test to run. */
    static EventLoop loop(List<Runnable> tasks) {
        EventLoop loop = mock(EventLoop.class);
        doAnswer(call -> tasks.add(call.getArgument(0))).when(loop).execute(any(Runnable.class));
        return loop;
    }

    /** Runs the tasks given to a {@link #loop}, those they give it meanwhile included, until none is left. */
    static void runQueued(List<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    static Channel channelOn(EventLoop loop) {
        Channel channel = mock(Channel.class);
        when(channel.eventLoop()).thenReturn(loop);
        return channel;
    }

    /** A socket with a working store, on {@code websocket} (null: long-polling). */
    static SocketIOClient socket(Channel websocket) {
        SocketIOClient socket = mock(SocketIOClient.class);
        Map<String, Object> store = new ConcurrentHashMap<>();
        doAnswer(call -> store.put(call.getArgument(0), call.getArgument(1))).when(socket).set(anyString(), any());
        when(socket.get(anyString())).thenAnswer(call -> store.get(call.<String>getArgument(0)));
        when(socket.has(anyString())).thenAnswer(call -> store.containsKey(call.<String>getArgument(0)));
        when(socket.getSessionId()).thenReturn(UUID.randomUUID());
        if (websocket != null) {
            upgrade(socket, websocket);
        }
        return socket;
    }

    /** The socket's websocket seen, as after an upgrade from long-polling. */
    static void upgrade(SocketIOClient socket, Channel websocket) {
        socket.set(WebsocketChannelSeen.CHANNEL, websocket);
    }
}
