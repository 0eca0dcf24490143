package com.luxedrive.notification.inbox;

import com.luxedrive.events.Topics;
import com.luxedrive.events.receipts.NotificationReceiptRecorded;
import com.luxedrive.messaging.ProcessedEvents;
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

    ReceiptHandler(Inbox inbox, ProcessedEvents processed) {
        this.inbox = inbox;
        this.processed = processed;
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
        } else if (NotificationReceiptRecorded.DELIVERED.equals(receipt.status())) {
            inbox.markDelivered(receipt.userId(), receipt.notificationId(), receipt.at());
        }
    }
}
