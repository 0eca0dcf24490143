package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.time.Duration;

/**
 * The HTTP client for a service called on a socket user's behalf (with their token): bounded in time, pooled,
 * blocking — the callers already run on the socket work pools.
 *
 * <p>Not the JDK's {@code HttpClient}: Spring calls it through {@code sendAsync}, which hands every answer to
 * {@code CompletableFuture}'s default executor, and with fewer than three cores (a common pool of parallelism one)
 * that executor starts a new thread per task. A connect storm of 10 000 sockets started 37 000 threads that way
 * (JFR, docs/performance.md).
 */
public final class PeerClients {

    /** Connections kept per peer: as many as the login pool has threads, and some for staff commands. */
    private static final int CONNECTIONS_PER_PEER = 64;

    private PeerClients() {
    }

    /** @param timeout for connecting, for a free pooled connection and for the answer alike */
    public static RestClient restClient(String baseUrl, Duration timeout) {
        Timeout limit = Timeout.of(timeout);
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(CONNECTIONS_PER_PEER)
                .setMaxConnTotal(CONNECTIONS_PER_PEER)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(limit)
                        .setSocketTimeout(limit)
                        // a kept-alive connection the peer may have closed is checked before reuse
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        var client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .build())
                .disableCookieManagement()
                // a caller that should ask again says so (CatchUp); the client's own retry (a 503 once more after
                // a second) would multiply with that
                .disableAutomaticRetries()
                .build();
        return RestClient.builder().baseUrl(baseUrl)
                .requestFactory(new HttpComponentsClientHttpRequestFactory(client)).build();
    }

    /** The {@code Authorization} value that calls a peer as the socket's user: their own token. */
    public static String onBehalfOf(SocketIOClient socket) {
        return "Bearer " + SocketAuthentication.token(socket).orElse("");
    }
}
