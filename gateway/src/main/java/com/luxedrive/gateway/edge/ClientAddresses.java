package com.luxedrive.gateway.edge;

import io.netty.util.NetUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.netty.http.server.ConnectionInfo;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
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

    /**
     * What a per-address limit counts the client under: its IPv4 address, or the /64 of its IPv6 one. A subscriber is
     * given a /64 (RFC 6177's smallest end-site block) and may use any of its 2^64 addresses, so an address each per
     * request would have escaped every per-address limit.
     */
    public static String forLimits(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : forLimits(remote.getAddress());
    }

    static String forLimits(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        if (ipv4Mapped(bytes)) {
            // an IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d): its own address, not a shared /64
            return NetUtil.bytesToIpAddress(Arrays.copyOfRange(bytes, 12, 16));
        }
        byte[] prefix = Arrays.copyOf(bytes, 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        return NetUtil.bytesToIpAddress(prefix) + "/64";
    }

    private static boolean ipv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
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
