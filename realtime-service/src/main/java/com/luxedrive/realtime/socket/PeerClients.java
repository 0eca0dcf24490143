package com.luxedrive.realtime.socket;

import com.corundumstudio.socketio.SocketIOClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client for a service called on a socket user's behalf (with their token): bounded in time, HTTP/1.1. */
public final class PeerClients {

    private PeerClients() {
    }

    /**
     * @param timeout for connecting and for the answer alike. HTTP/1.1 because the JDK client's default h2c upgrade
     *                attempt on a request with a body was refused by peers here
     */
    public static RestClient restClient(String baseUrl, Duration timeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        return RestClient.builder().baseUrl(baseUrl).requestFactory(requests).build();
    }

    /** The {@code Authorization} value that calls a peer as the socket's user: their own token. */
    public static String onBehalfOf(SocketIOClient socket) {
        return "Bearer " + SocketAuthentication.token(socket).orElse("");
    }
}
