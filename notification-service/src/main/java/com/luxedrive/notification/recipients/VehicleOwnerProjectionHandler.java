package com.luxedrive.notification.recipients;

import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.Topics;
import com.luxedrive.events.vehicles.VehicleOwnerChanged;
import com.luxedrive.events.vehicles.VehicleRegistered;
import com.luxedrive.events.vehicles.VehicleRemoved;
import com.luxedrive.messaging.EventEnvelope;
import com.luxedrive.messaging.ProcessedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@code vehicle_owners} in step with vehicle-service: who owns which vehicle, for vehicle-targeted sends.
 * Idempotent, and a late event never undoes a newer one. Document and update-request events on the same topic are
 * skipped without being recorded.
 */
@Component
class VehicleOwnerProjectionHandler {

    private static final String CONSUMER = "vehicle-owners";
    private static final Set<String> TYPES = Set.of(
            EventCatalog.typeOf(VehicleRegistered.class),
            EventCatalog.typeOf(VehicleOwnerChanged.class),
            EventCatalog.typeOf(VehicleRemoved.class));

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;

    VehicleOwnerProjectionHandler(JdbcClient jdbc, ProcessedEvents processed) {
        this.jdbc = jdbc;
        this.processed = processed;
    }

    @KafkaListener(topics = Topics.VEHICLES)
    @Transactional
    void on(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = EventEnvelope.from(record);
        if (!TYPES.contains(envelope.type()) || !processed.firstDelivery(CONSUMER, envelope.id())) {
            return;
        }
        envelope.payload(VehicleRegistered.class).ifPresent(vehicle ->
                record(vehicle.vehicleId(), vehicle.ownerId(), false, vehicle.registeredAt()));
        envelope.payload(VehicleOwnerChanged.class).ifPresent(change ->
                record(change.vehicleId(), change.ownerId(), false, change.changedAt()));
        envelope.payload(VehicleRemoved.class).ifPresent(removal ->
                record(removal.vehicleId(), removal.ownerId(), true, removal.removedAt()));
    }

    private void record(UUID vehicleId, UUID ownerId, boolean removed, Instant at) {
        jdbc.sql("""
                        INSERT INTO vehicle_owners (vehicle_id, owner_id, removed, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (vehicle_id) DO UPDATE
                        SET owner_id = EXCLUDED.owner_id, removed = EXCLUDED.removed, updated_at = EXCLUDED.updated_at
                        WHERE vehicle_owners.updated_at <= EXCLUDED.updated_at AND NOT vehicle_owners.removed""")
                .params(vehicleId, ownerId, removed, Timestamp.from(at))
                .update();
    }
}
