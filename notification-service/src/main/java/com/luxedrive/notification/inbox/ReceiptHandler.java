package com.luxedrive.notification.inbox;

import com.luxedrive.events.Topics;
import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.messaging.ProcessedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Applies delivered/read receipts from sockets to the history; states only move forward, so order does not matter. */
@Component
class ReceiptHandler {

    private static final String CONSUMER = "receipts";

    private final Inbox inbox;
    private final ProcessedEvents processed;

    private final Counter delivered;
    private final Counter read;

    ReceiptHandler(Inbox inbox, ProcessedEvents processed, MeterRegistry meters) {
        this.inbox = inbox;
        this.processed = processed;
        this.delivered = Counter.builder("luxe.notifications.delivered")
                .description("Delivery receipts from the sockets, applied once each").register(meters);
        this.read = Counter.builder("luxe.notifications.read")
                .description("Read receipts from the sockets, applied once each").register(meters);
    }

    @KafkaListener(topics = Topics.RECEIPTS)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        processed.firstDelivery(CONSUMER, record)
                .flatMap(envelope -> envelope.payload(NotificationReceiptRecorded.class))
                .ifPresent(this::apply);
    }

    private void apply(NotificationReceiptRecorded receipt) {
        if (NotificationReceiptRecorded.READ.equals(receipt.status())) {
            inbox.markRead(receipt.userId(), receipt.notificationId(), receipt.at());
            read.increment();
        } else if (NotificationReceiptRecorded.DELIVERED.equals(receipt.status())) {
            inbox.markDelivered(receipt.userId(), receipt.notificationId(), receipt.at());
            delivered.increment();
        }
    }
}
