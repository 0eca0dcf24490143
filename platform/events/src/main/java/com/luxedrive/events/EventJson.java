package com.luxedrive.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON form of event payloads: camelCase fields, ISO-8601 instants, unknown fields ignored
 * so that a consumer keeps working when a producer adds a field.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    public static byte[] write(DomainEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    public static <T extends DomainEvent> T read(byte[] json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }
}
