package com.luxedrive.notification;

import com.luxedrive.events.Topics;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TopicProbe;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A send made inside a trace (the gateway's, or the caller's) reaches Kafka still in that trace: the outbox keeps
 * the request's traceparent and the relay sends it as the record's header, however late it publishes.
 */
@SpringBootTest(properties = "management.tracing.sampling.probability=1.0")
@AutoConfigureMockMvc
@RealInfrastructure
class TracePropagationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDispatchEventCarriesTheTraceOfTheRequestThatSentIt() throws Exception {
        Staff staff = new Staff(mvc, jdbc);
        UUID client = staff.client();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String incoming = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";

        try (TopicProbe notifications = TopicProbe.open(Topics.NOTIFICATIONS)) {
            mvc.perform(post("/api/notifications").contentType(MediaType.APPLICATION_JSON)
                            .content(Staff.toUsers("info", client))
                            .header("Authorization", staff.bearer())
                            .header("traceparent", incoming))
                    .andExpect(status().isCreated());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notifications.records())
                    .filteredOn(record -> record.key().equals(client.toString())
                            || new String(record.value(), StandardCharsets.UTF_8).contains(client.toString()))
                    .singleElement()
                    .satisfies(record -> {
                        Header traceparent = record.headers().lastHeader("traceparent");
                        assertThat(traceparent).as("traceparent header").isNotNull();
                        String value = new String(traceparent.value(), StandardCharsets.UTF_8);
                        assertThat(value).startsWith("00-" + traceId + "-")
                                .isNotEqualTo(incoming); // a span of this service, in the caller's trace
                    }));
        }
    }
}
