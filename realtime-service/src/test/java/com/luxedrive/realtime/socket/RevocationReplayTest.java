package com.luxedrive.realtime.socket;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay with real Kafka is {@code ScaleOutTest.anInstanceStartedAfterALogoutRefusesTheTokensItRevoked}. */
class RevocationReplayTest {

    @Test
    void aBrokerThatCannotBeReadFailsTheStartWithinTheTimeoutRatherThanTakeSocketsBlind() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var consumers = new DefaultKafkaConsumerFactory<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closed,
                ConsumerConfig.GROUP_ID_CONFIG, "realtime-service"),
                new StringDeserializer(), new ByteArrayDeserializer());
        RevocationReplay replay = new RevocationReplay(consumers,
                new RevokedTokens(Duration.ofMinutes(20), Clock.systemUTC()), Duration.ofSeconds(2),
                Clock.systemUTC());

        long started = System.nanoTime();
        assertThatThrownBy(replay::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be read within PT2S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(replay.isRunning()).isFalse();
    }
}
