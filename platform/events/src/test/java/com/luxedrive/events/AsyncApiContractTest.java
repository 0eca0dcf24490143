package com.luxedrive.events;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/asyncapi.yaml} in step with the event records: a record added, renamed or given a field must be
 * documented before the build passes.
 */
class AsyncApiContractTest {

    /** Relative to the module folder, where Surefire runs the tests. */
    private static final Path DOCUMENT = Path.of("../../docs/asyncapi.yaml");
    private static final String MESSAGES = "#/components/messages/";

    @Test
    void documentIsAnAsyncApi3Document() {
        AsyncApi asyncApi = AsyncApi.load();

        assertThat(asyncApi.root()).containsEntry("asyncapi", "3.0.0");
    }

    @Test
    void everyTopicHasAChannelAddressedByItsName() {
        AsyncApi asyncApi = AsyncApi.load();

        assertThat(topics()).isNotEmpty().allSatisfy(topic ->
                assertThat(asyncApi.channelAt(topic)).as("channel with address %s", topic).isPresent());
    }

    @Test
    void everyPublishedEventIsDocumentedWithItsExactFields() {
        AsyncApi asyncApi = AsyncApi.load();
        SoftAssertions softly = new SoftAssertions();

        assertThat(EventCatalog.all()).isNotEmpty();
        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            asyncApi.message(event.getSimpleName()).ifPresentOrElse(
                    message -> assertSameFields(softly, event.getSimpleName(), asyncApi.payloadOf(message), event,
                            asyncApi),
                    () -> softly.fail("components/messages has no %s", event.getSimpleName()));
        }
        softly.assertAll();
    }

    @Test
    void everyDocumentedFieldHasTheJsonTypeOfItsRecordComponent() {
        AsyncApi asyncApi = AsyncApi.load();
        SoftAssertions softly = new SoftAssertions();

        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            asyncApi.message(event.getSimpleName()).ifPresentOrElse(
                    message -> assertJsonType(softly, event.getSimpleName(), asyncApi.payloadOf(message), event,
                            asyncApi),
                    () -> softly.fail("components/messages has no %s", event.getSimpleName()));
        }
        softly.assertAll();
    }

    /**
     * What the document requires is what a consumer refuses to do without: a member of a reference type is required
     * unless marked {@link MayBeAbsent} (EventJson refuses an event without it), a primitive always is (a producer
     * always writes it), and a member that may be absent is not listed as required.
     */
    @Test
    void everyEventRequiresExactlyTheMembersItsConsumersRequire() {
        AsyncApi asyncApi = AsyncApi.load();
        SoftAssertions softly = new SoftAssertions();

        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            asyncApi.message(event.getSimpleName()).ifPresent(message ->
                    assertRequired(softly, event.getSimpleName(), asyncApi.payloadOf(message), event, asyncApi));
        }
        softly.assertAll();
    }

    private static void assertRequired(SoftAssertions softly, String where, Map<String, Object> schema,
                                       Class<?> record, AsyncApi asyncApi) {
        Map<String, Object> resolved = asyncApi.resolve(schema);
        Object listed = resolved.get("required");
        List<Object> required = listed instanceof List<?> names ? List.copyOf(names) : List.of();
        softly.assertThat(required).as("required members of %s", where).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(record.getRecordComponents())
                        .filter(component -> !component.isAnnotationPresent(MayBeAbsent.class))
                        .map(RecordComponent::getName).toList());
        Map<String, Object> properties = asyncApi.properties(resolved);
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getType().isRecord() && properties.get(component.getName()) != null) {
                assertRequired(softly, where + "." + component.getName(),
                        asyncApi.resolve(properties.get(component.getName())), component.getType(), asyncApi);
            }
        }
    }

    @Test
    void everyEventMessageCarriesItsCloudEventsTypeAndName() {
        AsyncApi asyncApi = AsyncApi.load();
        SoftAssertions softly = new SoftAssertions();

        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            Map<String, Object> message = asyncApi.message(event.getSimpleName()).orElseGet(Map::of);
            softly.assertThat(message.get("x-ce-type")).as("x-ce-type of %s", event.getSimpleName())
                    .isEqualTo(EventCatalog.typeOf(event));
            softly.assertThat(message.get("name")).as("name of %s", event.getSimpleName())
                    .isEqualTo(event.getSimpleName());
        }
        softly.assertAll();
    }

    @Test
    void everyEventIsListedOnTheChannelOfItsTopic() {
        AsyncApi asyncApi = AsyncApi.load();
        SoftAssertions softly = new SoftAssertions();

        for (Class<? extends DomainEvent> event : EventCatalog.all()) {
            String topic = EventCatalog.topicOf(event);
            asyncApi.channelAt(topic).ifPresentOrElse(
                    channel -> softly.assertThat(references(channel.get("messages")))
                            .as("messages of the channel at %s", topic)
                            .contains(MESSAGES + event.getSimpleName()),
                    () -> softly.fail("no channel has address %s, the topic of %s", topic, event.getSimpleName()));
        }
        softly.assertAll();
    }

    /** Property names equal the record's component names, here and in every nested record. */
    private static void assertSameFields(SoftAssertions softly, String where, Map<String, Object> schema,
                                         Class<?> record, AsyncApi asyncApi) {
        Map<String, Object> properties = asyncApi.properties(schema);
        softly.assertThat(properties.keySet()).as("properties of %s", where)
                .containsExactlyInAnyOrderElementsOf(componentNames(record));
        for (RecordComponent component : record.getRecordComponents()) {
            Object property = properties.get(component.getName());
            Optional<Class<?>> nested = nestedRecord(component.getGenericType());
            if (property != null && nested.isPresent()) {
                Map<String, Object> propertySchema = asyncApi.resolve(property);
                Map<String, Object> recordSchema = component.getType().isRecord() ? propertySchema
                        : asyncApi.resolve(propertySchema.get("items"));
                assertSameFields(softly, where + "." + component.getName(), recordSchema, nested.get(), asyncApi);
            }
        }
    }

    private static void assertJsonType(SoftAssertions softly, String where, Object schemaNode, Type javaType,
                                       AsyncApi asyncApi) {
        Map<String, Object> schema = asyncApi.resolve(schemaNode);
        JsonType expected = JsonType.of(javaType);
        softly.assertThat(types(schema)).as("type of %s (%s)", where, javaType.getTypeName())
                .contains(expected.type());
        if (expected.format() != null) {
            softly.assertThat(schema.get("format")).as("format of %s (%s)", where, javaType.getTypeName())
                    .isEqualTo(expected.format());
        }
        if (javaType instanceof Class<?> type && type.isRecord()) {
            Map<String, Object> properties = asyncApi.properties(schema);
            for (RecordComponent component : type.getRecordComponents()) {
                Object property = properties.get(component.getName());
                if (property != null) {
                    assertJsonType(softly, where + "." + component.getName(), property,
                            component.getGenericType(), asyncApi);
                }
            }
        } else if (javaType instanceof ParameterizedType list && "array".equals(expected.type())) {
            assertJsonType(softly, where + "[]", schema.get("items"), list.getActualTypeArguments()[0], asyncApi);
        } else if (javaType instanceof ParameterizedType map && Map.class.isAssignableFrom((Class<?>) map.getRawType())) {
            // a map's keys are JSON object keys (strings); its values follow additionalProperties
            assertJsonType(softly, where + "{}", schema.get("additionalProperties"), map.getActualTypeArguments()[1],
                    asyncApi);
        }
    }

    private static List<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    /** The record a component holds, directly or as the elements of a collection. */
    private static Optional<Class<?>> nestedRecord(Type type) {
        if (type instanceof Class<?> plain && plain.isRecord()) {
            return Optional.of(plain);
        }
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return Optional.of(element);
        }
        return Optional.empty();
    }

    private static List<Object> types(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> several) {
            return List.copyOf(several);
        }
        return type == null ? List.of() : List.of(type);
    }

    private static List<Object> references(Object messages) {
        if (!(messages instanceof Map<?, ?> byId)) {
            return List.of();
        }
        return byId.values().stream()
                .<Object>map(message -> message instanceof Map<?, ?> reference ? reference.get("$ref") : null)
                .toList();
    }

    private static List<String> topics() {
        return Arrays.stream(Topics.class.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .map(AsyncApiContractTest::constant)
                .toList();
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a Java type of an event record is written by {@link EventJson}. */
    private record JsonType(String type, String format) {

        static JsonType of(Type javaType) {
            Class<?> raw = javaType instanceof ParameterizedType parameterized
                    ? (Class<?>) parameterized.getRawType() : (Class<?>) javaType;
            if (raw == UUID.class) {
                return new JsonType("string", "uuid");
            }
            if (raw == Instant.class) {
                return new JsonType("string", "date-time");
            }
            if (raw == LocalDate.class) {
                return new JsonType("string", "date");
            }
            if (raw == String.class || raw.isEnum()) {
                return new JsonType("string", null);
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return new JsonType("boolean", null);
            }
            if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
                return new JsonType("integer", null);
            }
            if (raw == double.class || raw == Double.class) {
                return new JsonType("number", null);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return new JsonType("array", null);
            }
            if (raw.isRecord() || Map.class.isAssignableFrom(raw)) {
                return new JsonType("object", null);
            }
            throw new IllegalArgumentException("no JSON type known for " + javaType.getTypeName()
                    + ": teach AsyncApiContractTest.JsonType how EventJson writes it");
        }
    }

    /** The parsed document, with local {@code $ref}s followed. */
    private record AsyncApi(Map<String, Object> root) {

        static AsyncApi load() {
            assertThat(DOCUMENT)
                    .as("the AsyncAPI document, looked for at %s", DOCUMENT.toAbsolutePath().normalize())
                    .isRegularFile();
            try (Reader reader = Files.newBufferedReader(DOCUMENT)) {
                return new AsyncApi(map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader)));
            } catch (IOException e) {
                throw new IllegalStateException("could not read " + DOCUMENT, e);
            }
        }

        Optional<Map<String, Object>> message(String name) {
            Object message = map(map(root.get("components")).get("messages")).get(name);
            return Optional.ofNullable(message).map(this::resolve);
        }

        Optional<Map<String, Object>> channelAt(String address) {
            return map(root.get("channels")).values().stream()
                    .map(this::resolve)
                    .filter(channel -> address.equals(channel.get("address")))
                    .findFirst();
        }

        Map<String, Object> payloadOf(Map<String, Object> message) {
            return resolve(message.get("payload"));
        }

        Map<String, Object> properties(Map<String, Object> schema) {
            return map(schema.get("properties"));
        }

        /** The node itself, or what its {@code $ref} (a local JSON pointer) points at. */
        Map<String, Object> resolve(Object node) {
            Map<String, Object> current = map(node);
            while (current.get("$ref") instanceof String reference) {
                assertThat(reference).as("only local references are followed").startsWith("#/");
                Object target = root;
                for (String token : reference.substring(2).split("/")) {
                    target = map(target).get(token.replace("~1", "/").replace("~0", "~"));
                }
                assertThat(target).as("target of %s", reference).isNotNull();
                current = map(target);
            }
            return current;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> map(Object node) {
            return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }
    }
}
