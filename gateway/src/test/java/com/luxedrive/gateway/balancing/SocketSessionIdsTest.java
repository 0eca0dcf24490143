package com.luxedrive.gateway.balancing;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SocketSessionIdsTest {

    private final ServiceInstance named = new DefaultServiceInstance("realtime-1", "realtime", "10.0.0.7", 8084, false);
    private final ServiceInstance byAddress = new DefaultServiceInstance(null, "realtime", "10.0.0.8", 8084, false);

    @Test
    void aNewIdIsARandomVersion4UuidThatPointsAtItsInstance() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            ServiceInstance instance = i % 2 == 0 ? named : byAddress;
            UUID id = SocketSessionIds.newId(instance);
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            assertThat(SocketSessionIds.codeOf(id.toString())).hasValue(SocketSessionIds.code(instance));
            ids.add(id);
        }
        assertThat(ids).hasSize(1_000);
        assertThat(SocketSessionIds.code(named)).isNotEqualTo(SocketSessionIds.code(byAddress));
    }

    @Test
    void whatIsNotASessionIdPointsNowhere() {
        assertThat(SocketSessionIds.codeOf(null)).isEmpty();
        assertThat(SocketSessionIds.codeOf("s1")).isEmpty();
        assertThat(SocketSessionIds.codeOf("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz")).isEmpty();
    }
}
