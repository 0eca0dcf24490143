package com.luxedrive.gateway.balancing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A service's instances as the addresses its DNS name resolves to, one instance per address — a Kubernetes headless
 * Service (one record per ready pod) or a Compose service scaled to several containers. The gateway then balances
 * over the pods itself and can send a Socket.IO session's requests to the very pod that holds it, which one Service
 * address (balanced per connection by kube-proxy) cannot do. Resolved off the event loops, at most once per
 * {@code refresh}, in the background: a request is answered from the last list at once (only the very first waits
 * for a lookup), and the last good list stays when a lookup fails — a slow or failing DNS never holds a request up.
 * IPv4 addresses are used when there are any (a dual-stack name lists each pod twice), else IPv6 ones.
 */
final class DnsServiceInstances implements ServiceInstanceListSupplier {

    private static final Logger log = LoggerFactory.getLogger(DnsServiceInstances.class);

    private final String serviceId;
    private final String host;
    private final int port;
    private final Function<String, InetAddress[]> resolver;
    private final Duration refresh;
    private final AtomicReference<Snapshot> last = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    DnsServiceInstances(String serviceId, String hostAndPort, Duration refresh) {
        this(serviceId, hostAndPort, refresh, DnsServiceInstances::lookUp);
    }

    DnsServiceInstances(String serviceId, String hostAndPort, Duration refresh,
                        Function<String, InetAddress[]> resolver) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected host:port, got " + hostAndPort);
        }
        this.serviceId = serviceId;
        this.host = hostAndPort.substring(0, colon);
        this.port = Integer.parseInt(hostAndPort.substring(colon + 1));
        this.resolver = resolver;
        this.refresh = refresh;
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        Snapshot current = last.get();
        if (current == null) {
            return Mono.fromCallable(this::resolve).subscribeOn(Schedulers.boundedElastic()).flux();
        }
        if (System.nanoTime() - current.at() > refresh.toNanos() && refreshing.compareAndSet(false, true)) {
            Schedulers.boundedElastic().schedule(() -> {
                try {
                    resolve();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return Flux.just(current.instances());
    }

    /** Looks the name up and keeps the answer; on a failure keeps (and answers) the last good list. */
    private List<ServiceInstance> resolve() {
        Snapshot previous = last.get();
        List<ServiceInstance> known = previous == null ? List.of() : previous.instances();
        try {
            List<InetAddress> addresses = Arrays.stream(resolver.apply(host)).distinct().toList();
            boolean anyV4 = addresses.stream().anyMatch(Inet4Address.class::isInstance);
            List<ServiceInstance> found = addresses.stream()
                    .filter(address -> !anyV4 || address instanceof Inet4Address)
                    .map(address -> address instanceof Inet6Address
                            ? "[" + address.getHostAddress() + "]" : address.getHostAddress())
                    .sorted(Comparator.naturalOrder())
                    .<ServiceInstance>map(address -> new DefaultServiceInstance(address + ":" + port, serviceId,
                            address, port, false))
                    .toList();
            last.set(new Snapshot(found, System.nanoTime()));
            return found;
        } catch (RuntimeException failed) {
            log.warn("{}: {} did not resolve ({}); keeping {} known instances", serviceId, host, failed.toString(),
                    known.size());
            last.set(new Snapshot(known, System.nanoTime()));
            return known;
        }
    }

    private record Snapshot(List<ServiceInstance> instances, long at) {
    }

    private static InetAddress[] lookUp(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
