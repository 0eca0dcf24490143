package com.luxedrive.gateway.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.channel.AbortedException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every failure the gateway itself answers, as RFC 9457 problem details (Spring Boot's default handler wrote its own
 * JSON, and a 500 for a service that dropped the connection):
 * <ul>
 *     <li>a request no route or endpoint takes: its status (404, 405, 415…) with the exception's headers
 *     ({@code Allow});</li>
 *     <li>a service that refused the connection (after the route's retries) or has no instance: 503 with
 *     {@code Retry-After};</li>
 *     <li>a service that closed the connection before its answer was complete — a realtime instance that died under
 *     a long-poll, say: 502;</li>
 *     <li>a service too slow: 504;</li>
 *     <li>anything else: 500, logged with its stack.</li>
 * </ul>
 * Routes with a circuit breaker answer their own 503/504 through {@code /fallback}; this covers the others (the
 * Socket.IO route) and what happens outside a route. A response already started cannot be changed, and is cut; a
 * caller that went away is not answered. Headers a failed service's answer left (a cookie, a file name) are dropped.
 */
@Component
@Order(-1)
class GatewayErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    private static final Map<Integer, String> SLUGS = Map.of(
            400, "malformed-request",
            404, "not-found",
            405, "method-not-allowed",
            406, "not-acceptable",
            413, "payload-too-large",
            415, "unsupported-media-type",
            502, "bad-gateway",
            503, "service-unavailable",
            504, "service-timeout");

    /** A service's headers that must not stay on a problem written in place of its answer. */
    private static final List<String> STALE_HEADERS = List.of(HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CONTENT_ENCODING, HttpHeaders.CONTENT_DISPOSITION,
            HttpHeaders.CONTENT_LANGUAGE, HttpHeaders.CONTENT_RANGE, HttpHeaders.ACCEPT_RANGES, HttpHeaders.SET_COOKIE,
            HttpHeaders.CACHE_CONTROL, HttpHeaders.EXPIRES, HttpHeaders.PRAGMA, HttpHeaders.ETAG,
            HttpHeaders.LAST_MODIFIED, HttpHeaders.LOCATION);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        // nothing to answer to: WebFlux logs a gone client quietly, without a 5xx in the access log
        if (response.isCommitted() || clientGone(response, failure)) {
            return Mono.error(failure);
        }
        // what a service that failed after its headers may have left; the problem is written whole
        STALE_HEADERS.forEach(response.getHeaders()::remove);
        String service = service(exchange);
        HttpStatusCode status = failure instanceof ResponseStatusException statusFailure
                ? statusFailure.getStatusCode()
                : causedBy(failure, ConnectException.class) ? HttpStatus.SERVICE_UNAVAILABLE
                : Problems.timedOut(failure) ? HttpStatus.GATEWAY_TIMEOUT
                : causedBy(failure, IOException.class) ? HttpStatus.BAD_GATEWAY
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath();
        if (failure instanceof ResponseStatusException statusFailure) {
            response.getHeaders().addAll(statusFailure.getHeaders());
        }
        return switch (status.value()) {
            case 502 -> {
                log.warn("{}: the {} service failed the exchange: {}", request, service, failure.toString());
                yield write(response, status, "The " + service + " service closed the connection before it"
                        + " answered; the request may or may not have been done.");
            }
            case 503 -> {
                log.warn("{}: the {} service is unavailable: {}", request, service, failure.toString());
                yield Problems.serviceUnavailable(response, service);
            }
            case 504 -> {
                log.warn("{}: the {} service did not answer in time", request, service);
                yield Problems.serviceTimeout(response, service);
            }
            default -> {
                if (status.is5xxServerError()) {
                    log.error("{} failed", request, failure);
                    yield write(response, status, "Something went wrong on our side.");
                }
                yield write(response, status, detail((ResponseStatusException) failure));
            }
        };
    }

    /**
     * The caller closed its connection (Reactor Netty's {@code AbortedException} on a write, or a server connection
     * no longer open): a dropped client is no failure of a service.
     */
    private static boolean clientGone(ServerHttpResponse response, Throwable failure) {
        if (causedBy(failure, AbortedException.class)) {
            return true;
        }
        try {
            Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(response);
            return nativeResponse instanceof Connection connection && connection.isDisposed();
        } catch (IllegalArgumentException | IllegalStateException noNativeResponse) {
            return false;
        }
    }

    private static Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        HttpStatus written = known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known;
        String slug = SLUGS.getOrDefault(written.value(),
                written.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-'));
        return Problems.write(response, written, slug, detail);
    }

    /** Spring's reason, never a message that could carry a class name or a stack. */
    private static String detail(ResponseStatusException failure) {
        HttpStatus status = HttpStatus.resolve(failure.getStatusCode().value());
        return switch (failure.getStatusCode().value()) {
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            default -> status == null ? "The request was refused." : status.getReasonPhrase() + ".";
        };
    }

    /** The service the failed request was routed to, by its route's {@code lb://} name; "requested" outside one. */
    private static String service(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || route.getUri() == null || route.getUri().getHost() == null) {
            return "requested";
        }
        return route.getUri().getHost();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
