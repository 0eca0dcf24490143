package com.luxedrive.gateway.resilience;

import com.luxedrive.gateway.edge.Problems;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker forwards when its service cannot answer: 503 problem+json naming the service (504
 * when it answered too slowly), at once while the breaker is open. Reachable only through such a forward.
 */
@RestController
class FallbackController {

    @RequestMapping("/fallback/{service}")
    Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            return Problems.write(exchange.getResponse(), HttpStatus.NOT_FOUND, "not-found", "No such resource.");
        }
        return Problems.timedOut(failure)
                ? Problems.serviceTimeout(exchange.getResponse(), service)
                : Problems.serviceUnavailable(exchange.getResponse(), service);
    }
}
