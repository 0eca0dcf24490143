package com.luxedrive.realtime.vehicles;

import com.luxedrive.events.Topics;
import com.luxedrive.events.vehicles.DocumentApproved;
import com.luxedrive.events.vehicles.DocumentRejected;
import com.luxedrive.events.vehicles.VehicleUpdateAnswered;
import com.luxedrive.events.vehicles.VehicleUpdateCancelled;
import com.luxedrive.events.vehicles.VehicleUpdateCompleted;
import com.luxedrive.events.vehicles.VehicleUpdateRequested;
import com.luxedrive.messaging.EventEnvelope;
import com.luxedrive.realtime.socket.SocketEvents;
import com.luxedrive.realtime.socket.SocketPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * Pushes vehicle events to the sockets this instance holds (a consumer group per instance, like notifications):
 * an update request to the vehicle's owner, the owner's answer to staff, an update request's end (completed, or
 * cancelled by staff or by a transfer of the vehicle) and a document review to the owner the event names.
 */
@Component
class VehiclePushHandler {

    private final SocketPublisher sockets;

    VehiclePushHandler(SocketPublisher sockets) {
        this.sockets = sockets;
    }

    @KafkaListener(id = "vehicle-push", topics = Topics.VEHICLES,
            groupId = "${luxe.realtime.push-group-prefix:realtime-push}-vehicles-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        envelope.payload(VehicleUpdateRequested.class).ifPresent(update -> sockets.toUser(update.ownerId(),
                SocketEvents.VEHICLE_UPDATE_REQUEST, new UpdateRequest(text(update.updateId()),
                        text(update.vehicleId()), update.updateType(), update.title(), update.description(),
                        update.priority(), text(update.scheduledDate()), text(update.requestedAt()))));
        envelope.payload(VehicleUpdateAnswered.class).ifPresent(answer -> sockets.toStaff(
                SocketEvents.VEHICLE_UPDATE_RESPONSE, new UpdateResponse(text(answer.updateId()),
                        text(answer.ownerId()), text(answer.vehicleId()), answer.approved(), answer.reason(),
                        text(answer.answeredAt()))));
        envelope.payload(VehicleUpdateCompleted.class).ifPresent(update -> sockets.toUser(update.ownerId(),
                SocketEvents.VEHICLE_UPDATE_STATUS, new UpdateStatus(text(update.updateId()),
                        text(update.vehicleId()), "completed", text(update.completedAt()))));
        envelope.payload(VehicleUpdateCancelled.class).ifPresent(update -> sockets.toUser(update.ownerId(),
                SocketEvents.VEHICLE_UPDATE_STATUS, new UpdateStatus(text(update.updateId()),
                        text(update.vehicleId()), "cancelled", text(update.cancelledAt()))));
        envelope.payload(DocumentApproved.class).ifPresent(document -> sockets.toUser(document.ownerId(),
                SocketEvents.DOCUMENT_REVIEWED, new DocumentReviewed(text(document.documentId()),
                        text(document.vehicleId()), document.documentType(), "approved", null,
                        text(document.reviewedAt()))));
        envelope.payload(DocumentRejected.class).ifPresent(document -> sockets.toUser(document.ownerId(),
                SocketEvents.DOCUMENT_REVIEWED, new DocumentReviewed(text(document.documentId()),
                        text(document.vehicleId()), document.documentType(), "rejected", document.reason(),
                        text(document.reviewedAt()))));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** {@code vehicle:update-request}, to the owner. */
    record UpdateRequest(String updateId, String vehicleId, String updateType, String title, String description,
                         String priority, String scheduledDate, String timestamp) {
    }

    /** {@code vehicle:update-response}, to staff. */
    record UpdateResponse(String updateId, String userId, String vehicleId, boolean approved, String reason,
                          String timestamp) {
    }

    /**
     * {@code vehicle:update-status}, to the owner the request was addressed to: it is over ({@code completed} or
     * {@code cancelled}), so an app can take it off the list of requests awaiting an answer.
     */
    record UpdateStatus(String updateId, String vehicleId, String status, String timestamp) {
    }

    /** {@code document:reviewed}, to the owner. */
    record DocumentReviewed(String documentId, String vehicleId, String documentType, String status, String reason,
                            String timestamp) {
    }
}
