package com.luxedrive.gateway.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/** The gateway's own RFC 9457 answers, in the same {@code type} space as the services'. */
public final class Problems {

    public static final String BASE = "https://luxedrive.example/problems/";

    private Problems() {
    }

    /** Writes {@code {"type","title","status","detail"}} as {@code application/problem+json}; texts are ours. */
    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String slug, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"" + BASE + slug + "\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + escaped(detail) + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    /** 503 naming the service, with {@code Retry-After}: it refused the connection, has no instance, or is broken. */
    public static Mono<Void> serviceUnavailable(ServerHttpResponse response, String service) {
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return write(response, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The " + service + " service is unavailable; retry shortly.");
    }

    /** 504 naming the service: it did not answer in time, so what was asked may or may not have been done. */
    public static Mono<Void> serviceTimeout(ServerHttpResponse response, String service) {
        return write(response, HttpStatus.GATEWAY_TIMEOUT, "service-timeout",
                "The " + service + " service did not answer in time; the request may or may not have been done.");
    }

    /**
     * Whether a failure is a timeout: the routing filter's response timeout (a 504 over the gateway's own {@code
     * TimeoutException}), a time limiter's or Reactor's ({@link TimeoutException}), or Netty's read and write ones.
     */
    public static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException
                    || cause instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException
                    || cause instanceof ResponseStatusException status
                    && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
                return true;
            }
        }
        return false;
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
