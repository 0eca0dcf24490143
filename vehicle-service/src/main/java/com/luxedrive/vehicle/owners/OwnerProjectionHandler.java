package com.luxedrive.vehicle.owners;

import com.luxedrive.events.Topics;
import com.luxedrive.events.users.UserDeactivated;
import com.luxedrive.events.users.UserRegistered;
import com.luxedrive.events.users.UserUpdated;
import com.luxedrive.messaging.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Feeds {@link Owners} from auth-service's account events; a redelivered event changes nothing. */
@Component
class OwnerProjectionHandler {

    private static final String CONSUMER = "owner-users";

    private final Owners owners;
    private final ProcessedEvents processed;

    OwnerProjectionHandler(Owners owners, ProcessedEvents processed) {
        this.owners = owners;
        this.processed = processed;
    }

    @KafkaListener(topics = Topics.USERS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        processed.firstDelivery(CONSUMER, record).ifPresent(envelope -> {
            envelope.payload(UserRegistered.class).ifPresent(user ->
                    owners.record(user.userId(), user.userType(), user.active(), user.registeredAt()));
            envelope.payload(UserUpdated.class).ifPresent(user ->
                    owners.record(user.userId(), user.userType(), user.active(), user.updatedAt()));
            envelope.payload(UserDeactivated.class).ifPresent(user ->
                    owners.deactivate(user.userId(), user.deactivatedAt()));
        });
    }
}
