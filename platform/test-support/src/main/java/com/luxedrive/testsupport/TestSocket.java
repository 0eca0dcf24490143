package com.luxedrive.testsupport;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.json.JSONArray;
import org.json.JSONObject;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

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

    private final List<java.time.Instant> connectedAt = new CopyOnWriteArrayList<>();
    private final Map<String, Consumer<JsonNode>> handlers = new ConcurrentHashMap<>();

    private static final String[] WEBSOCKET = {"websocket"};
    private static final String[] POLLING_THEN_WEBSOCKET = {"polling", "websocket"};

    private TestSocket(String baseUrl, String token, String[] transports) {
        this(baseUrl, token, transports, false);
    }

    private TestSocket(String baseUrl, String token, String[] transports, boolean likeABrowser) {
        IO.Options options = IO.Options.builder()
                .setReconnection(likeABrowser)
                .setForceNew(true)
                .setTransports(transports)
                .setAuth(token == null ? null : Map.of("token", token))
                .build();
        if (likeABrowser) {
            // no cookies: a frontend on another origin than the API sends none with socket.io-client's defaults
            // (withCredentials false), so a session must stay on its instance by its id alone
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(1)).build();
            options.callFactory = http;
            // a browser answers the server's close frame at once; engine.io-client-java leaves that to OkHttp, which
            // waits, so a socket whose server went away would hang on until its heartbeat gave up
            options.webSocketFactory = (request, listener) -> http.newWebSocket(request,
                    new ClosingListener(listener));
            options.reconnectionDelay = 200;
            options.reconnectionDelayMax = 2_000;
        }
        socket = IO.socket(URI.create(baseUrl), options);
        socket.on(Socket.EVENT_CONNECT, args -> {
            everConnected = true;
            connectedAt.add(java.time.Instant.now());
        });
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected = true);
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectErrors.add(first(args)));
        socket.onAnyIncoming(args -> {
            if (args.length > 0 && args[0] instanceof String event) {
                Object[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
                JsonNode body = first(rest);
                received.computeIfAbsent(event, name -> new CopyOnWriteArrayList<>()).add(body);
                Consumer<JsonNode> handler = handlers.get(event);
                if (handler != null) {
                    handler.accept(body);
                }
            }
        });
        socket.connect();
    }

    /** Connects over websocket, with {@code auth: {token}} unless the token is null. */
    public static TestSocket connect(String baseUrl, String token) {
        return new TestSocket(baseUrl, token, WEBSOCKET);
    }

    /**
     * Connects as the seed's frontends do in a browser on another origin: socket.io-client's defaults (long-polling
     * first, then the upgrade; reconnection with back-off after a lost connection; no cookies sent).
     */
    public static TestSocket likeABrowser(String baseUrl, String token) {
        return new TestSocket(baseUrl, token, POLLING_THEN_WEBSOCKET, true);
    }

    /** Calls {@code handler} with every event of that name, on the socket's thread (as a frontend's listener). */
    public TestSocket on(String event, Consumer<JsonNode> handler) {
        handlers.put(event, handler);
        return this;
    }

    /** When the socket connected: more than once after reconnections. */
    public List<java.time.Instant> connectedAt() {
        return List.copyOf(connectedAt);
    }

    /** Connects the way socket.io-client does by default: long-polling first, then upgrade to websocket. */
    public static TestSocket connectWithPolling(String baseUrl, String token) {
        return new TestSocket(baseUrl, token, POLLING_THEN_WEBSOCKET);
    }

    /** Connects with long-polling only, as a client behind a proxy that refuses websockets stays. */
    public static TestSocket pollingOnly(String baseUrl, String token) {
        return new TestSocket(baseUrl, token, new String[]{"polling"});
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

    /** Emits any JSON value as the body — a string, a number, an array — and completes with the acknowledgement. */
    public CompletableFuture<JsonNode> emitAnyWithAck(String event, Object body) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        socket.emit(event, new Object[]{body}, (Ack) args -> answer.complete(first(args)));
        return answer;
    }

    /** Emits any JSON value as the body, without asking for an acknowledgement. */
    public void emitAny(String event, Object body) {
        socket.emit(event, body);
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

    /** Answers a close frame with a close frame, as browsers do, then tells the transport. */
    private static final class ClosingListener extends WebSocketListener {

        private final WebSocketListener delegate;

        ClosingListener(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onOpen(WebSocket socket, Response response) {
            delegate.onOpen(socket, response);
        }

        @Override
        public void onMessage(WebSocket socket, String text) {
            delegate.onMessage(socket, text);
        }

        @Override
        public void onMessage(WebSocket socket, ByteString bytes) {
            delegate.onMessage(socket, bytes);
        }

        @Override
        public void onClosing(WebSocket socket, int code, String reason) {
            socket.close(code, null);
            delegate.onClosing(socket, code, reason);
        }

        @Override
        public void onClosed(WebSocket socket, int code, String reason) {
            delegate.onClosed(socket, code, reason);
        }

        @Override
        public void onFailure(WebSocket socket, Throwable failure, Response response) {
            delegate.onFailure(socket, failure, response);
        }
    }

    /** All the event names received so far. */
    public List<String> eventNames() {
        return new ArrayList<>(received.keySet());
    }
}
