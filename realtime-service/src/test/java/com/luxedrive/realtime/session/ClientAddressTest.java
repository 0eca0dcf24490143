package com.luxedrive.realtime.session;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    private static final InetAddress GATEWAY_POD = address("10.1.2.3");

    @Test
    void theClientIsTheRightMostAddressThatIsNotAProxyInsideTheCluster() {
        // what the client sent, what the ingress saw, the ingress pod the gateway saw
        assertThat(ClientAddress.of(GATEWAY_POD, "6.6.6.6, 203.0.113.7, 10.0.0.12")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(GATEWAY_POD, "2001:db8::1, fd00::5")).isEqualTo("2001:db8:0:0:0:0:0:1");
        // a cluster numbered from the shared address space (100.64.0.0/10); 100.128.0.1 is outside it
        assertThat(ClientAddress.of(address("100.64.3.9"), "203.0.113.7, 100.127.255.254"))
                .isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(GATEWAY_POD, "203.0.113.7, 100.128.0.1")).isEqualTo("100.128.0.1");
    }

    @Test
    void withoutTheHeaderOrWithOnlyInternalHopsTheLeftMostIsTaken() {
        assertThat(ClientAddress.of(address("198.51.100.4"), null)).isEqualTo("198.51.100.4");
        assertThat(ClientAddress.of(address("127.0.0.1"), "192.168.1.20, 127.0.0.1")).isEqualTo("192.168.1.20");
        assertThat(ClientAddress.of(null, null)).isNull();
    }

    @Test
    void entriesThatAreNotAddressesAreSkippedAndPortsDropped() {
        assertThat(ClientAddress.of(GATEWAY_POD, "203.0.113.7:51000, unknown, beef.cafe")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(GATEWAY_POD, "[2001:db8::2]:443")).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertThat(ClientAddress.of(GATEWAY_POD, "garbage, 999.1.1.1, ,")).isEqualTo("10.1.2.3");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
