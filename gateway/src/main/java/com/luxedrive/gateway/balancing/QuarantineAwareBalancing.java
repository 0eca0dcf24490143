package com.luxedrive.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * The instance list of every service the gateway balances over (registered for all of them by
 * {@link BalancingConfig}, in each service's own load-balancer context): the discovered instances, less those in
 * {@link InstanceQuarantine}, then, for a Socket.IO request naming its session, the instance that holds it
 * ({@link SocketSessionAffinity}), which falls back to the others when its instance is left aside.
 */
class QuarantineAwareBalancing {

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context) {
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withCaching()
                .with((ctx, delegate) -> new WithoutQuarantined(delegate,
                        ctx.getBean(InstanceQuarantine.class)))
                .with((ctx, delegate) -> new SocketSessionAffinity(delegate))
                .build(context);
    }

    private static final class WithoutQuarantined extends DelegatingServiceInstanceListSupplier {

        private final InstanceQuarantine quarantine;

        WithoutQuarantined(ServiceInstanceListSupplier delegate, InstanceQuarantine quarantine) {
            super(delegate);
            this.quarantine = quarantine;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return getDelegate().get().map(quarantine::available);
        }

        @Override
        public Flux<List<ServiceInstance>> get(Request request) {
            return getDelegate().get(request).map(quarantine::available);
        }
    }
}
