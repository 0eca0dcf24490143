package com.luxedrive.gateway.edge;

import io.netty.util.NetUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.netty.http.server.ConnectionInfo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a request comes from, decided once per request, before anything reads it (the per-address limits, the access
 * log, the {@code X-Forwarded-For} the services get): the connection's peer — or, behind
 * {@code luxe.gateway.trusted-hops} proxies that each append the address they saw to {@code X-Forwarded-For} (the
 * Kubernetes ingress: one), the entry that many places from the right, the one the nearest trusted proxy wrote. The
 * entries left of it are the client's to choose, and so is every other forwarding header: the RFC 7239
 * {@code Forwarded}, {@code X-Forwarded-Prefix} (which Reactor Netty's own handling turned into a context path the
 * security rules did not see, while the routes did), host, port and scheme are never read. Spring Boot's
 * {@code server.forward-headers-strategy} stays {@code none}: this replaces it.
 */
@Configuration(proxyBeanMethods = false)
public class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    /** The client's address as the gateway resolved it (from {@code X-Forwarded-For} behind trusted proxies). */
    public static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Bean
    NettyServerCustomizer clientAddressFromTrustedProxies(@Value("${luxe.gateway.trusted-hops:0}") int trustedHops) {
        if (trustedHops <= 0) {
            return server -> server;
        }
        return server -> server.forwarded((connection, request) ->
                resolve(connection, request.headers().getAll(FORWARDED_FOR), trustedHops));
    }

    /** The connection, its remote address replaced by the trusted entry of {@code X-Forwarded-For} if there is one. */
    static ConnectionInfo resolve(ConnectionInfo connection, List<String> forwardedFor, int trustedHops) {
        InetAddress client = trustedEntry(forwardedFor, trustedHops);
        return client == null ? connection : connection.withRemoteAddress(new InetSocketAddress(client, 0));
    }

    /**
     * The entry {@code trustedHops} places from the right of every {@code X-Forwarded-For} line together, if it is an
     * IP address; none when the request came through fewer proxies (not through the ingress at all).
     */
    static InetAddress trustedEntry(List<String> forwardedFor, int trustedHops) {
        List<String> entries = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String entry : line.split(",")) {
                entries.add(entry.strip());
            }
        }
        if (entries.size() < trustedHops) {
            return null;
        }
        String entry = entries.get(entries.size() - trustedHops);
        if (entry.startsWith("[") && entry.endsWith("]")) {
            entry = entry.substring(1, entry.length() - 1);
        }
        // an IP literal only, never a name to look up
        return NetUtil.createInetAddressFromIpAddressString(entry);
    }
}
