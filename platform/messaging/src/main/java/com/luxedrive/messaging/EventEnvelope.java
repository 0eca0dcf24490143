package com.luxedrive.messaging;

import com.luxedrive.events.CloudEventHeaders;
import com.luxedrive.events.DomainEvent;
import com.luxedrive.events.EventCatalog;
import com.luxedrive.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/** A received CloudEvent: its id and type from the headers, its payload decoded on demand. */
public record EventEnvelope(UUID id, String type, String key, byte[] data) {

    public static EventEnvelope from(ConsumerRecord<String, byte[]> record) {
        return new EventEnvelope(UUID.fromString(header(record, CloudEventHeaders.ID)),
                header(record, CloudEventHeaders.TYPE), record.key(), record.value());
    }

    /** The payload, if this envelope carries an event of that class. */
    public <T extends DomainEvent> Optional<T> payload(Class<T> event) {
        if (!EventCatalog.typeOf(event).equals(type)) {
            return Optional.empty();
        }
        return Optional.of(EventJson.read(data, event));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new MalformedEventException("record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " has no " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record that is not a CloudEvent of ours; retrying it cannot help. */
    public static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String message) {
            super(message);
        }
    }
}
