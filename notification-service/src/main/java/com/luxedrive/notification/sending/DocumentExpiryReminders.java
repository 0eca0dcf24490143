package com.luxedrive.notification.sending;

import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.Topics;
import com.luxedrive.events.vehicles.DocumentExpiringSoon;
import com.luxedrive.messaging.EventEnvelope;
import com.luxedrive.messaging.ProcessedEvents;
import com.luxedrive.notification.recipients.Recipients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Tells a vehicle's owner that one of their documents expires soon: vehicle-service announces it once per document
 * ({@link DocumentExpiringSoon}), and it becomes a notification of type {@code document} sent by the platform itself
 * ({@link #PLATFORM}) to the owner, naming the vehicle, kept in the owner's inbox and pushed live like any other — an
 * owner offline that day finds it there. An owner the projection does not know as an active client gets none (the type
 * cannot be muted).
 * <p>
 * A consumer group of its own: the projection's listener reads the same topic in the service's group, and two
 * listeners of one group would share its partitions, each seeing only some of the events. The group starts from the
 * earliest retained event, so a first deploy announces what vehicle-service announced in the topic's last seven days.
 */
@Component
class DocumentExpiryReminders {

    /** The sender of what the platform sends by itself (no staff member's id). */
    static final UUID PLATFORM = new UUID(0, 0);
    private static final String CONSUMER = "document-expiry";
    private static final String TYPE = EventCatalog.typeOf(DocumentExpiringSoon.class);
    private static final Logger log = LoggerFactory.getLogger(DocumentExpiryReminders.class);

    private final Dispatcher dispatcher;
    private final Recipients recipients;
    private final ProcessedEvents processed;
    private final Clock clock;

    DocumentExpiryReminders(Dispatcher dispatcher, Recipients recipients, ProcessedEvents processed, Clock clock) {
        this.dispatcher = dispatcher;
        this.recipients = recipients;
        this.processed = processed;
        this.clock = clock;
    }

    @KafkaListener(id = "document-expiry", topics = Topics.VEHICLES,
            groupId = "${spring.kafka.consumer.group-id:notification-service}-document-expiry")
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        if (!TYPE.equals(envelope.type()) || !processed.firstDelivery(CONSUMER, envelope.id())) {
            return;
        }
        envelope.payload(DocumentExpiringSoon.class).ifPresent(this::remind);
    }

    private void remind(DocumentExpiringSoon expiring) {
        if (!recipients.unknownUsers(List.of(expiring.ownerId())).isEmpty()) {
            log.info("document expiry not announced, owner not an active client: documentId={} ownerId={}",
                    expiring.documentId(), expiring.ownerId());
            return;
        }
        Instant now = clock.instant();
        String document = expiring.documentType().replace('_', ' ').replace('-', ' ').toLowerCase(Locale.ROOT);
        SendingApi.NotificationView reminder = new SendingApi.NotificationView(UUID.randomUUID(),
                "A document expires soon",
                "Your " + document + " expires on " + expiring.expiresOn() + ". Upload the renewed one in the app.",
                null, "document", "user", List.of(expiring.vehicleId()), List.of(expiring.ownerId()), "draft", PLATFORM,
                now, now, null,
                null, null, 0);
        dispatcher.dispatch(reminder, now, false).ifPresentOrElse(
                sent -> log.info("document expiry announced: documentId={} notificationId={}", expiring.documentId(),
                        sent.id()),
                () -> log.info("document expiry not announced, the owner is no recipient: documentId={}",
                        expiring.documentId()));
    }
}
