package com.luxedrive.vehicle.updates;

import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.Topics;
import com.luxedrive.events.receipts.VehicleUpdateAnswerSubmitted;
import com.luxedrive.messaging.EventEnvelope;
import com.luxedrive.messaging.ProcessedEvents;
import com.luxedrive.web.ApiException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers to update requests given over a socket, relayed by realtime-service. They are claims: the same checks as
 * the REST answer apply, and an answer that fails them (not the owner, no longer pending) is dropped and logged.
 * The receipts topic also carries notification receipts, which this service skips without recording them.
 */
@Component
class SocketAnswerHandler {

    private static final Logger log = LoggerFactory.getLogger(SocketAnswerHandler.class);
    private static final String CONSUMER = "socket-answers";
    private static final String TYPE = EventCatalog.typeOf(VehicleUpdateAnswerSubmitted.class);

    private final UpdateService updates;
    private final ProcessedEvents processed;
    private final TransactionTemplate transactions;

    SocketAnswerHandler(UpdateService updates, ProcessedEvents processed, TransactionTemplate transactions) {
        this.updates = updates;
        this.processed = processed;
        this.transactions = transactions;
    }

    /** The answer and the mark that this event was applied commit together; a refusal rolls both back. */
    @KafkaListener(topics = Topics.RECEIPTS)
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        if (!TYPE.equals(envelope.type())) {
            return;
        }
        envelope.payload(VehicleUpdateAnswerSubmitted.class).ifPresent(answer -> {
            try {
                transactions.executeWithoutResult(status -> {
                    if (processed.firstDelivery(CONSUMER, envelope.id())) {
                        updates.answer(answer.userId(), answer.updateId(), answer.approved(), answer.reason(),
                                answer.submittedAt());
                    }
                });
            } catch (ApiException refused) {
                log.warn("socket answer of user {} to update request {} refused: {}", answer.userId(),
                        answer.updateId(), refused.getMessage());
            }
        });
    }
}
