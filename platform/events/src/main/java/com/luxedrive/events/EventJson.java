package com.luxedrive.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

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

    /**
     * The event, with every member it requires.
     *
     * @throws IncompleteEventException when a required member is null or absent: a producer that renamed or dropped
     *                                  it (an added member is ignored, a missing one is not)
     */
    public static <T extends DomainEvent> T read(byte[] json, Class<T> type) {
        T event = MAPPER.readValue(json, type);
        requireMembers(event, type.getSimpleName());
        return event;
    }

    private static void requireMembers(Object value, String path) {
        for (RecordComponent member : REQUIRED.get(value.getClass())) {
            Object memberValue;
            try {
                memberValue = member.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (memberValue == null) {
                throw new IncompleteEventException(path + "." + member.getName() + " is missing");
            }
            if (memberValue instanceof Record nested) {
                requireMembers(nested, path + "." + member.getName());
            }
        }
    }

    /** Per record class: its members of a reference type not marked {@link MayBeAbsent}. */
    private static final ClassValue<List<RecordComponent>> REQUIRED = new ClassValue<>() {
        @Override
        protected List<RecordComponent> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return List.of();
            }
            return Arrays.stream(type.getRecordComponents())
                    .filter(member -> !member.getType().isPrimitive() && !member.isAnnotationPresent(MayBeAbsent.class))
                    .toList();
        }
    };

    /** An event without a member it requires; retrying it cannot help. */
    public static final class IncompleteEventException extends IllegalArgumentException {
        IncompleteEventException(String message) {
            super(message);
        }
    }
}
