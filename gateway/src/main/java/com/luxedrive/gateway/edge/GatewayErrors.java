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
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

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
 * Socket.IO route) and what happens outside a route. A response already started cannot be changed, and is cut.
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

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        // what a service's failed answer may have left; the problem is written whole
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        response.getHeaders().remove(HttpHeaders.TRANSFER_ENCODING);
        response.getHeaders().remove(HttpHeaders.CONTENT_ENCODING);
        String service = service(exchange);
        if (failure instanceof ResponseStatusException statusFailure) {
            HttpStatusCode status = statusFailure.getStatusCode();
            if (status.is5xxServerError()) {
                log.warn("{} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        failure.toString());
            }
            response.getHeaders().addAll(statusFailure.getHeaders());
            if (status.value() == 503) {
                response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                return write(response, status, "The " + service + " service is unavailable; retry shortly.");
            }
            return write(response, status, status.is5xxServerError() ? "Something went wrong on our side."
                    : detail(statusFailure));
        }
        if (causedBy(failure, ConnectException.class)) {
            log.warn("{} {}: the {} service refused the connection", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), service);
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return write(response, HttpStatus.SERVICE_UNAVAILABLE,
                    "The " + service + " service is unavailable; retry shortly.");
        }
        if (causedBy(failure, TimeoutException.class)) {
            log.warn("{} {}: the {} service did not answer in time", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), service);
            return write(response, HttpStatus.GATEWAY_TIMEOUT, "The " + service
                    + " service did not answer in time; the request may or may not have been done.");
        }
        if (causedBy(failure, IOException.class)) {
            log.warn("{} {}: the {} service failed the exchange: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), service, failure.toString());
            return write(response, HttpStatus.BAD_GATEWAY, "The " + service
                    + " service closed the connection before it answered; the request may or may not have been done.");
        }
        log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        return write(response, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");
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
