package com.luxedrive.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;

import java.net.URI;
import java.util.List;
import java.util.OptionalInt;

/**
 * For a Socket.IO request that names its session ({@code sid}), only the instance the session id points at
 * ({@link SocketSessionIds}); when that instance is not among the available ones (gone, or quarantined), all of
 * them, and the client's reconnect starts a new session. Other requests are balanced over every instance.
 */
final class SocketSessionAffinity extends DelegatingServiceInstanceListSupplier {

    SocketSessionAffinity(ServiceInstanceListSupplier delegate) {
        super(delegate);
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get();
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        OptionalInt code = sessionCode(request);
        if (code.isEmpty()) {
            return getDelegate().get(request);
        }
        int wanted = code.getAsInt();
        return getDelegate().get(request).map(instances -> {
            List<ServiceInstance> holding = instances.stream()
                    .filter(instance -> SocketSessionIds.code(instance) == wanted).toList();
            return holding.isEmpty() ? instances : holding;
        });
    }

    private static OptionalInt sessionCode(Request<?> request) {
        if (!(request.getContext() instanceof RequestDataContext context) || context.getClientRequest() == null) {
            return OptionalInt.empty();
        }
        URI url = context.getClientRequest().getUrl();
        if (url == null || url.getRawQuery() == null || !url.getRawQuery().contains("sid=")) {
            return OptionalInt.empty();
        }
        return SocketSessionIds.codeOf(UriComponentsBuilder.fromUri(url).build().getQueryParams().getFirst("sid"));
    }
}
