package com.luxedrive.realtime;

import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class HealthEndpointTest {

    @Autowired
    MockMvc mvc;

    @Test
    void probesAreOpenAndReadinessWaitsForThePushConsumer() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk()));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk()));
    }

    @Test
    void prometheusScrapesWithoutATokenAndSeesTheSocketMetrics() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("luxe_sockets_connected")))
                .andExpect(content().string(containsString("luxe_socket_deliveries_total")))
                .andExpect(content().string(containsString("luxe_delivery_latency_seconds_bucket")))
                .andExpect(content().string(containsString("luxe_outbox_backlog")));
        // consumer lag, per partition, once the consumers hold theirs
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> mvc.perform(get("/actuator/prometheus"))
                .andExpect(content().string(containsString("kafka_consumer_fetch_manager_records_lag_max"))));
    }

    @Test
    void everythingElseOnTheHttpPortNeedsAToken() throws Exception {
        mvc.perform(get("/actuator/env")).andExpect(status().isUnauthorized());
    }
}
