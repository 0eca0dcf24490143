package com.luxedrive.messaging;

import com.luxedrive.events.CloudEventHeaders;
import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserRegistered;
import com.luxedrive.testsupport.RealInfrastructure;
import com.luxedrive.testsupport.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@RealInfrastructure
class OutboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    OutboxWriter outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxRelay relay;

    @Autowired
    DataSource dataSource;

    @Test
    void aCommittedEventIsPublishedOnceAsACloudEventAndLeavesTheOutbox() {
        UUID user = UUID.randomUUID();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            UUID eventId = transactions.execute(tx -> outbox.append(registered(user)));

            await().atMost(WAIT).untilAsserted(() -> assertThat(users.records())
                    .filteredOn(record -> record.key().equals(user.toString()))
                    .singleElement()
                    .satisfies(record -> {
                        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(eventId.toString());
                        assertThat(header(record, CloudEventHeaders.TYPE))
                                .isEqualTo(EventCatalog.typeOf(UserRegistered.class));
                        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("messaging-test");
                        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
                        assertThat(EventJson.read(record.value(), UserRegistered.class).userId()).isEqualTo(user);
                    }));
            await().atMost(WAIT).until(() -> pending() == 0);
        }
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UUID rolledBack = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                outbox.append(registered(rolledBack));
                throw new IllegalStateException("business rule failed");
            })).hasMessage("business rule failed");
            transactions.execute(tx -> outbox.append(registered(marker)));

            await().atMost(WAIT).until(() -> users.records().stream().anyMatch(r -> r.key().equals(marker.toString())));
            assertThat(users.records()).noneMatch(record -> record.key().equals(rolledBack.toString()));
        }
    }

    @Test
    void eventsOfOneKeyArriveInTheOrderTheyWereCommitted() {
        UUID user = UUID.randomUUID();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            List<UUID> written = IntStream.range(0, 50)
                    .mapToObj(i -> transactions.execute(tx -> outbox.append(registered(user))))
                    .toList();

            await().atMost(WAIT).until(() -> idsFor(users, user).size() == written.size());
            assertThat(idsFor(users, user)).containsExactlyElementsOf(written.stream().map(UUID::toString).toList());
        }
    }

    /**
     * Two writers of one key, serialised (as on the aggregate's row), whose transaction ids run against their order:
     * the second took its id first (say, recording the event it handles) and its outbox row after the first committed.
     * While a transaction begun between the two is still running, the second's row is past the horizon and the
     * first's is not; it went to Kafka first, and a consumer applying the last state it reads kept the older one.
     */
    @Test
    void eventsOfOneKeyLeaveInCommitOrderWhenTheirTransactionIdsRunTheOtherWay() throws Exception {
        UUID user = UUID.randomUUID();
        relay.stop();
        try (TopicProbe users = TopicProbe.open(Topics.USERS);
             Connection second = dataSource.getConnection();
             Connection between = dataSource.getConnection()) {
            second.setAutoCommit(false);
            between.setAutoCommit(false);
            assignTransactionId(second);
            assignTransactionId(between);
            UUID first = transactions.execute(tx -> outbox.append(registered(user)));
            UUID then = UUID.randomUUID();
            try (PreparedStatement append = second.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at)
                    SELECT ?, topic, record_key, event_type, payload, occurred_at FROM outbox_event
                    WHERE event_id = ?""")) {
                append.setObject(1, then);
                append.setObject(2, first);
                append.executeUpdate();
            }
            second.commit();

            relay.publishPending();
            assertThat(jdbc.sql("SELECT count(*) FROM outbox_event WHERE event_id = ?").param(then)
                    .query(Long.class).single()).as("the later event, held back behind the earlier").isEqualTo(1);

            between.commit();
            await().atMost(WAIT).until(() -> relay.publishPending() >= 0 && idsFor(users, user).size() == 2);
            assertThat(idsFor(users, user)).containsExactly(first.toString(), then.toString());
        } finally {
            relay.start();
        }
    }

    private static void assignTransactionId(Connection connection) throws Exception {
        try (var statement = connection.createStatement()) {
            statement.execute("SELECT pg_current_xact_id()");
        }
    }

    /**
     * An event over the producer's 1 MB limit is refused on every attempt; retried for ever in front of the others, it
     * held up every event the service wrote after it.
     */
    @Test
    void anEventKafkaRefusesForGoodIsSetAsideAndTheEventsBehindItGoOut() {
        UUID tooLarge = UUID.randomUUID();
        UUID behind = UUID.randomUUID();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            UUID refusedId = transactions.execute(tx -> outbox.append(new UserRegistered(tooLarge,
                    UUID.randomUUID().toString().repeat(40_000), "client", "client", true, Instant.now())));
            transactions.execute(tx -> outbox.append(registered(behind)));

            await().atMost(WAIT).until(() -> users.records().stream().anyMatch(r -> r.key().equals(behind.toString())));
            assertThat(users.records()).noneMatch(record -> record.key().equals(tooLarge.toString()));
            assertThat(jdbc.sql("SELECT event_id, reason FROM outbox_set_aside WHERE record_key = ?")
                    .param(tooLarge.toString())
                    .query((rs, row) -> rs.getObject(1, UUID.class) + " " + rs.getString(2)).list())
                    .singleElement().asString()
                    .startsWith(refusedId + " ").contains("RecordTooLargeException");
            await().atMost(WAIT).until(() -> pending() == 0);
        }
    }

    /**
     * The refused event in the middle of a batch: the batch failed whole, then the relay went on one event at a time
     * only until one got through, and the whole batch failed again — the events before the refused one published
     * once per cycle, and the ones behind it held up for as many cycles as there were events before it.
     */
    @Test
    void anEventRefusedForGoodInTheMiddleOfABatchLetsTheOthersOutOnce() {
        List<UUID> before = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        List<UUID> after = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();
        UUID tooLarge = UUID.randomUUID();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            transactions.execute(tx -> {
                before.forEach(user -> outbox.append(registered(user)));
                outbox.append(new UserRegistered(tooLarge, UUID.randomUUID().toString().repeat(40_000), "client",
                        "client", true, Instant.now()));
                after.forEach(user -> outbox.append(registered(user)));
                return null;
            });

            await().atMost(WAIT).until(() -> pending() == 0);
            List<String> expected = java.util.stream.Stream.concat(before.stream(), after.stream())
                    .map(UUID::toString).toList();
            await().atMost(WAIT).until(() -> users.records().stream().map(ConsumerRecord::key).toList()
                    .containsAll(expected));
            assertThat(users.records()).extracting(ConsumerRecord::key)
                    .filteredOn(expected::contains)
                    .as("each event published once").doesNotHaveDuplicates()
                    .doesNotContain(tooLarge.toString());
            assertThat(jdbc.sql("SELECT count(*) FROM outbox_set_aside WHERE record_key = ?")
                    .param(tooLarge.toString()).query(Long.class).single()).isEqualTo(1);
        }
    }

    /** What the last requests wrote while the instance wound down leaves with it, not at the next start. */
    @Test
    void stoppingTheRelayPublishesWhatIsPendingFirst() {
        UUID user = UUID.randomUUID();
        try (TopicProbe users = TopicProbe.open(Topics.USERS)) {
            relay.stop();
            try {
                transactions.execute(tx -> outbox.append(registered(user)));
                assertThat(pending()).isEqualTo(1);

                relay.stop();

                assertThat(pending()).isZero();
                await().atMost(WAIT).until(() -> idsFor(users, user).size() == 1);
            } finally {
                relay.start();
            }
        }
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(registered(UUID.randomUUID())))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }

    private static List<String> idsFor(TopicProbe probe, UUID key) {
        return probe.records().stream().filter(record -> record.key().equals(key.toString()))
                .map(record -> header(record, CloudEventHeaders.ID)).toList();
    }

    private long pending() {
        return jdbc.sql("SELECT count(*) FROM outbox_event").query(Long.class).single();
    }

    private static UserRegistered registered(UUID user) {
        return new UserRegistered(user, "Test User", "client", "client", true, Instant.now());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
