package com.luxedrive.auth;

import com.luxedrive.events.Topics;
import com.luxedrive.testsupport.Infrastructure;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class KafkaOutageTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRegistrationDuringAKafkaOutageIsAnnouncedExactlyOnceWhenKafkaComesBack() throws Exception {
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            Infrastructure.get().stopKafka();
            String userId;
            try {
                userId = AuthApi.body(new AuthApi(mvc).register(AuthApi.uniqueEmail(), AuthApi.PASSWORD)
                        .andExpect(status().isCreated())).path("user").path("id").asString();
                assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE record_key = ?").param(userId)
                        .query(Long.class).single()).isEqualTo(1);
            } finally {
                Infrastructure.get().startKafka();
            }

            await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql("SELECT count(*) FROM outbox_event")
                    .query(Long.class).single() == 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> users.records().stream()
                    .anyMatch(record -> record.key().equals(userId)));
            assertThat(users.records()).filteredOn(record -> record.key().equals(userId)).hasSize(1);
        }
    }
}
