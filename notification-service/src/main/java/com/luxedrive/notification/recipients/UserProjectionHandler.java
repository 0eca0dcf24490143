package com.luxedrive.notification.recipients;

import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserRegistered;
import com.luxedrive.events.users.UserUpdated;
import com.luxedrive.messaging.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Keeps {@code recipient_users} in step with auth-service's accounts. Idempotent: a redelivery changes nothing. */
@Component
class UserProjectionHandler {

    private static final String CONSUMER = "recipient-users";

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;

    UserProjectionHandler(JdbcClient jdbc, ProcessedEvents processed) {
        this.jdbc = jdbc;
        this.processed = processed;
    }

    @KafkaListener(topics = Topics.USERS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        processed.firstDelivery(CONSUMER, record).ifPresent(envelope -> {
            envelope.payload(UserRegistered.class).ifPresent(user -> upsert(user.userId(), user.userType(),
                    user.active(), user.registeredAt()));
            envelope.payload(UserUpdated.class).ifPresent(user -> upsert(user.userId(), user.userType(),
                    user.active(), user.updatedAt()));
            envelope.payload(UserDeactivated.class).ifPresent(user -> deactivate(user.userId(), user.deactivatedAt()));
        });
    }

    /** Newer state wins, so an update that overtakes the registration is not undone by it. */
    private void upsert(UUID userId, String userType, boolean active, Instant at) {
        jdbc.sql("""
                        INSERT INTO recipient_users (user_id, user_type, active, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (user_id) DO UPDATE
                        SET user_type = EXCLUDED.user_type, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
                        WHERE recipient_users.updated_at <= EXCLUDED.updated_at""")
                .params(userId, userType, active, Timestamp.from(at))
                .update();
    }

    /**
     * Also for an account not known yet: its registration may come after (the relay sets aside an event the broker
     * refuses for good, and an operator sends it again later), and must then not make the account a recipient again.
     * The row it leaves is inactive, so the user type it guesses is never read.
     */
    private void deactivate(UUID userId, Instant at) {
        jdbc.sql("""
                        INSERT INTO recipient_users (user_id, user_type, active, updated_at) VALUES (?, 'client', false, ?)
                        ON CONFLICT (user_id) DO UPDATE SET active = false, updated_at = EXCLUDED.updated_at
                        WHERE recipient_users.updated_at <= EXCLUDED.updated_at""")
                .params(userId, Timestamp.from(at))
                .update();
    }
}
