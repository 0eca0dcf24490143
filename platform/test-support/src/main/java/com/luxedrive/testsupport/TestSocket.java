package com.luxedrive.testsupport;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONArray;
import org.json.JSONObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real Socket.IO 4 client (io.socket:socket.io-client) that records every event it receives, for assertions with
 * Awaitility. What the seed's frontends do, a test does through this.
 */
public final class TestSocket implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Socket socket;
    private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();
    private final List<JsonNode> connectErrors = new CopyOnWriteArrayList<>();
    private volatile boolean everConnected;
    private volatile boolean disconnected;

    private TestSocket(String baseUrl, String token, boolean websocketOnly) {
        IO.Options options = IO.Options.builder()
                .setReconnection(false)
                .setForceNew(true)
                .setTransports(websocketOnly ? new String[]{"websocket"} : new String[]{"polling", "websocket"})
                .setAuth(token == null ? null : Map.of("token", token))
                .build();
        socket = IO.socket(URI.create(baseUrl), options);
        socket.on(Socket.EVENT_CONNECT, args -> everConnected = true);
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected = true);
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectErrors.add(first(args)));
        socket.onAnyIncoming(args -> {
            if (args.length > 0 && args[0] instanceof String event) {
                Object[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
                received.computeIfAbsent(event, name -> new CopyOnWriteArrayList<>()).add(first(rest));
            }
        });
        socket.connect();
    }

    /** Connects over websocket, with {@code auth: {token}} unless the token is null. */
    public static TestSocket connect(String baseUrl, String token) {
        return new TestSocket(baseUrl, token, true);
    }

    /** Connects the way socket.io-client does by default: long-polling first, then upgrade to websocket. */
    public static TestSocket connectWithPolling(String baseUrl, String token) {
        return new TestSocket(baseUrl, token, false);
    }

    public boolean isConnected() {
        return socket.connected();
    }

    public boolean wasConnected() {
        return everConnected;
    }

    public boolean isDisconnected() {
        return disconnected;
    }

    public List<JsonNode> connectErrors() {
        return List.copyOf(connectErrors);
    }

    /** Everything received so far under that event name, in order. */
    public List<JsonNode> events(String name) {
        return List.copyOf(received.getOrDefault(name, List.of()));
    }

    public void emit(String event, Map<String, ?> body) {
        socket.emit(event, new JSONObject(body));
    }

    /** Emits and completes with the server's acknowledgement. */
    public CompletableFuture<JsonNode> emitWithAck(String event, Map<String, ?> body) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        socket.emit(event, new Object[]{new JSONObject(body)}, (Ack) args -> answer.complete(first(args)));
        return answer;
    }

    @Override
    public void close() {
        socket.close();
    }

    private static JsonNode first(Object[] args) {
        if (args == null || args.length == 0 || args[0] == null) {
            return JSON.nullNode();
        }
        Object value = args[0];
        if (value instanceof JSONObject || value instanceof JSONArray) {
            return JSON.readTree(value.toString());
        }
        return JSON.valueToTree(value instanceof Exception e ? e.getMessage() : value);
    }

    /** All the event names received so far. */
    public List<String> eventNames() {
        return new ArrayList<>(received.keySet());
    }
}
