package com.luxedrive.gateway.balancing;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DnsServiceInstancesTest {

    private final AtomicReference<List<String>> records = new AtomicReference<>(List.of("10.1.0.9", "10.1.0.4"));

    private final DnsServiceInstances instances = new DnsServiceInstances("realtime", "realtime-service-pods:8084",
            Duration.ofMillis(100), host -> {
        assertThat(host).isEqualTo("realtime-service-pods");
        List<String> now = records.get();
        if (now == null) {
            throw new IllegalStateException(new UnknownHostException(host));
        }
        return now.stream().map(DnsServiceInstancesTest::address).toArray(InetAddress[]::new);
    });

    @Test
    void eachAddressTheNameResolvesToIsAnInstanceNamedByAddressAndPort() {
        assertThat(instances.get().blockFirst()).extracting(ServiceInstance::getInstanceId, ServiceInstance::getHost,
                        ServiceInstance::getPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10.1.0.4:8084", "10.1.0.4", 8084),
                        org.assertj.core.groups.Tuple.tuple("10.1.0.9:8084", "10.1.0.9", 8084));
    }

    @Test
    void aPodThatComesIsSeenAfterTheRefreshAndAFailedLookupKeepsTheLastList() {
        assertThat(instances.get().blockFirst()).hasSize(2);

        records.set(List.of("10.1.0.4", "10.1.0.9", "10.1.0.12"));
        await().atMost(Duration.ofSeconds(5)).until(() -> instances.get().blockFirst().size() == 3);

        records.set(null);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> instances.get().blockFirst().size() == 3);
    }

    @Test
    void aDualStackNameIsTakenByItsIpv4AddressesAndAnIpv6OnlyOneIsBracketed() {
        DnsServiceInstances dualStack = new DnsServiceInstances("realtime", "pods:8084", Duration.ofMinutes(1),
                host -> new InetAddress[] {address("fd00::7"), address("10.1.0.7")});
        assertThat(dualStack.get().blockFirst()).extracting(ServiceInstance::getHost).containsExactly("10.1.0.7");

        DnsServiceInstances v6 = new DnsServiceInstances("realtime", "pods:8084", Duration.ofMinutes(1),
                host -> new InetAddress[] {address("fd00::7")});
        assertThat(v6.get().blockFirst()).singleElement()
                .satisfies(instance -> assertThat(instance.getUri().toString()).isEqualTo("http://[fd00:0:0:0:0:0:0:7]:8084"));
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
