package com.luxedrive.notification.sending;

import com.luxedrive.notification.Staff;
import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static com.luxedrive.notification.Staff.idOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@RealInfrastructure
class IdempotencyKeysTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdempotencyKeys keys;

    @Test
    void aKeyIsForgottenAfterItsDayAndAYoungerOneStillAnswersTheRetry() throws Exception {
        Staff staff = new Staff(mvc, jdbc);
        UUID client = staff.client();
        String request = Staff.toUsers("info", client);
        String old = "yesterday-" + UUID.randomUUID();
        String young = "an-hour-ago-" + UUID.randomUUID();
        UUID first = idOf(staff.send(request, old).andExpect(status().isCreated()));
        UUID second = idOf(staff.send(request, young).andExpect(status().isCreated()));
        age(old, Duration.ofHours(25));
        age(young, Duration.ofHours(1));

        keys.forgetExpired();

        assertThat(idOf(staff.send(request, young).andExpect(status().isCreated()))).isEqualTo(second);
        // a day on, the same key is a new request
        assertThat(idOf(staff.send(request, old).andExpect(status().isCreated()))).isNotEqualTo(first);
    }

    /** The purge runs hourly: in between, a key past its day is already a new request, whatever it carries. */
    @Test
    void aKeyPastItsDayIsANewRequestBeforeThePurgeHasRun() throws Exception {
        Staff staff = new Staff(mvc, jdbc);
        UUID client = staff.client();
        String key = "yesterday-" + UUID.randomUUID();
        UUID first = idOf(staff.send(Staff.toUsers("info", client), key).andExpect(status().isCreated()));
        age(key, Duration.ofHours(25));

        UUID another = idOf(staff.send(Staff.toUsers("alert", client), key).andExpect(status().isCreated()));
        assertThat(another).isNotEqualTo(first);
        // and taken anew: a retry of the new request within its day answers the new one
        assertThat(idOf(staff.send(Staff.toUsers("alert", client), key).andExpect(status().isCreated())))
                .isEqualTo(another);
    }

    private void age(String key, Duration by) {
        assertThat(jdbc.sql("UPDATE idempotency_keys SET created_at = ? WHERE idempotency_key = ?")
                .params(Timestamp.from(Instant.now().minus(by)), key)
                .update()).isEqualTo(1);
    }
}
