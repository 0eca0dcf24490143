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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
                .description("Notifications a device acknowledged first, per recipient (receipts that changed the state)").register(meters);
        this.read = Counter.builder("luxe.notifications.read")
                .description("Read receipts from the sockets that marked a notification read (not the REST reads)").register(meters);
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
            countOnCommit(inbox.readReceipt(receipt.userId(), receipt.notificationId(), receipt.at()), read);
        } else if (NotificationReceiptRecorded.DELIVERED.equals(receipt.status())) {
            countOnCommit(inbox.deliveredReceipt(receipt.userId(), receipt.notificationId(), receipt.at()), delivered);
        }
    }

    /** A second device's receipt, or one whose transaction rolls back and is retried, is not counted again. */
    private static void countOnCommit(boolean changed, Counter counter) {
        if (changed) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        }
    }
}
