package com.luxedrive.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

/**
 * The instance list of every service the gateway balances over (registered for all of them by
 * {@link BalancingConfig}, in each service's own load-balancer context): the discovered instances — from the simple
 * discovery client's configured list, or, when {@code luxe.gateway.dns-discovery.<service>} names a {@code host:port},
 * every address that name resolves to ({@link DnsServiceInstances}) — less those in
 * {@link InstanceQuarantine}, then, for a Socket.IO request naming its session, the instance that holds it
 * ({@link SocketSessionAffinity}), which falls back to the others when its instance is left aside.
 */
class QuarantineAwareBalancing {

    /** The service behind the Socket.IO route: the only one whose requests name a session. */
    private static final String REALTIME = "realtime";

    @Bean
    ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context) {
        Environment environment = context.getEnvironment();
        String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        String dnsName = environment.getProperty("luxe.gateway.dns-discovery." + service);
        ServiceInstanceListSupplierBuilder instances = dnsName == null || dnsName.isBlank()
                ? ServiceInstanceListSupplier.builder().withDiscoveryClient().withCaching()
                : ServiceInstanceListSupplier.builder().withBase(new DnsServiceInstances(service, dnsName.trim(),
                        environment.getProperty("luxe.gateway.dns-discovery-refresh", Duration.class,
                                Duration.ofSeconds(5))));
        instances = instances.with((ctx, delegate) -> new WithoutQuarantined(delegate,
                ctx.getBean(InstanceQuarantine.class)));
        if (REALTIME.equals(service)) {
            instances = instances.with((ctx, delegate) -> new SocketSessionAffinity(delegate));
        }
        return instances.build(context);
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
