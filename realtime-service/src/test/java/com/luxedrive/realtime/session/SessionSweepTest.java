package com.luxedrive.realtime.session;

import com.luxedrive.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sessions an instance leaves open when it dies are closed by the instances still alive. */
@SpringBootTest
@RealInfrastructure
class SessionSweepTest {

    @Autowired
    SessionSweep sweep;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theOpenSessionsOfAnInstanceNoLongerAliveAreClosedAtTheirLastActivity() {
        Instant connected = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MICROS);
        Instant lastActive = connected.plus(Duration.ofMinutes(5));
        // an instance killed ten minutes ago, one still alive, and this one (whose last beat may be old: an earlier
        // test may have cut the database off)
        jdbc.sql("INSERT INTO realtime_instances (instance_id, seen_at) VALUES (?, now() - interval '10 minutes')")
                .param("killed").update();
        jdbc.sql("INSERT INTO realtime_instances (instance_id, seen_at) VALUES (?, now())").param("alive").update();
        jdbc.sql("UPDATE realtime_instances SET seen_at = now() - interval '10 minutes' WHERE instance_id = ?")
                .param(SessionRecorder.INSTANCE).update();
        UUID orphan = session("killed", connected, lastActive);
        UUID neverBeat = session("from-before-the-sweep", connected, lastActive);
        UUID elsewhere = session("alive", connected, lastActive);
        UUID here = session(SessionRecorder.INSTANCE, connected, lastActive);

        sweep.closeOrphans();

        assertThat(disconnectedAt(orphan)).isEqualTo(lastActive);
        assertThat(disconnectedAt(neverBeat)).isEqualTo(lastActive);
        assertThat(disconnectedAt(elsewhere)).isNull();
        assertThat(disconnectedAt(here)).isNull();
    }

    private UUID session(String instance, Instant connected, Instant lastActive) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO sessions (id, user_id, user_type, instance_id, connected_at, last_activity_at)
                        VALUES (?, ?, 'client', ?, ?, ?)""")
                .params(id, UUID.randomUUID(), instance, Timestamp.from(connected), Timestamp.from(lastActive))
                .update();
        return id;
    }

    private Instant disconnectedAt(UUID session) {
        Timestamp at = jdbc.sql("SELECT disconnected_at FROM sessions WHERE id = ?").param(session)
                .query((rs, row) -> rs.getTimestamp(1)).list().get(0);
        return at == null ? null : at.toInstant();
    }
}
