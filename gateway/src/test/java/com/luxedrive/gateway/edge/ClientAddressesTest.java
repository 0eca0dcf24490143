package com.luxedrive.gateway.edge;

import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTest {

    /** An IPv6 subscriber has a /64 to itself: a new address per request must not be a new bucket. */
    @Test
    void anIpv6ClientIsLimitedByItsSlash64AndAnIpv4ClientByItsAddress() throws Exception {
        String one = ClientAddresses.forLimits(InetAddress.getByName("2001:db8:1:2:aaaa:bbbb:cccc:1"));
        String sameBlock = ClientAddresses.forLimits(InetAddress.getByName("2001:db8:1:2::ffff"));
        String nextBlock = ClientAddresses.forLimits(InetAddress.getByName("2001:db8:1:3:aaaa:bbbb:cccc:1"));

        assertThat(one).isEqualTo(sameBlock).isEqualTo("2001:db8:1:2::/64");
        assertThat(nextBlock).isNotEqualTo(one);
        assertThat(ClientAddresses.forLimits(InetAddress.getByName("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(ClientAddresses.forLimits(InetAddress.getByName("10.1.2.4"))).isEqualTo("10.1.2.4");
    }

    /** An IPv4 client through a dual-stack socket must not share one ::ffff:0:0/64 bucket with every other. */
    @Test
    void anIpv4MappedAddressCountsAsItsIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 10, 1, 2, 3};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(ClientAddresses.forLimits(address)).isEqualTo("10.1.2.3");
    }
}
