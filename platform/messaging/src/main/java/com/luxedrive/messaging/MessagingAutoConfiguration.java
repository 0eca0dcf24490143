package com.luxedrive.messaging;

import com.luxedrive.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Wires the outbox, its relay, idempotent consumption and the byte-array CloudEvents serialization. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    private static final BackOff NO_RETRY = new FixedBackOff(0, 0);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer cloudEventsProducerSerializers() {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (org.springframework.kafka.core.DefaultKafkaProducerFactory<String, byte[]>) factory;
            typed.setKeySerializer(new StringSerializer());
            typed.setValueSerializer(new ByteArraySerializer());
            // A record the relay gave up on must never be delivered late, after the relay resent it: the producer
            // fails it within its delivery timeout, which is shorter than the relay's wait.
            typed.updateConfigs(Map.of(
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 8_000));
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer cloudEventsConsumerDeserializers() {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (org.springframework.kafka.core.DefaultKafkaConsumerFactory<String, byte[]>) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(new ByteArrayDeserializer());
        };
    }

    /**
     * Transient failures (database or broker away) are retried without end; a malformed or incomplete record, or one
     * whose values the database refuses, is logged and skipped — retrying it would fail the same way for ever and hold
     * back every later record of its partition. Retries that fail again, and skipped records, are counted
     * (EventFailures).
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler eventErrorHandler(ObjectProvider<MeterRegistry> meters) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.addNotRetryableExceptions(EventEnvelope.MalformedEventException.class,
                tools.jackson.core.JacksonException.class, IllegalArgumentException.class);
        handler.setBackOffFunction((record, failure) -> UnstorableValues.refused(failure) ? NO_RETRY : null);
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            handler.setRetryListeners(new EventFailures(registry));
        }
        return handler;
    }

    /** Outbox gauges wherever Micrometer is present (every service, through the actuator). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        OutboxMetrics outboxMetrics(JdbcClient jdbc, Clock clock, ObjectProvider<MeterRegistry> meters) {
            MeterRegistry registry = meters.getIfAvailable();
            return registry == null ? null : new OutboxMetrics(jdbc, clock, registry);
        }
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
                            MessagingProperties properties, Environment environment) {
        String source = properties.source() != null ? properties.source()
                : environment.getRequiredProperty("spring.application.name");
        return new OutboxRelay(jdbc, transactions, kafka, properties, source);
    }

    @Bean
    OutboxWriter outboxWriter(JdbcClient jdbc, Clock clock, OutboxRelay relay, ObjectProvider<TraceParent> traceParent) {
        return new OutboxWriter(jdbc, clock, relay, traceParent.getIfAvailable(() -> TraceParent.NONE));
    }

    /** With Micrometer Tracing present, events carry the trace of the transaction that wrote them. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class Tracing {

        @Bean
        TraceParent traceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
            return () -> {
                Tracer current = tracer.getIfAvailable();
                Propagator w3c = propagator.getIfAvailable();
                TraceContext context = current == null ? null : current.currentTraceContext().context();
                if (context == null || w3c == null) {
                    return null;
                }
                Map<String, String> carrier = new HashMap<>();
                w3c.inject(context, carrier, Map::put);
                return carrier.get(TraceParent.HEADER);
            };
        }
    }

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc, Clock clock) {
        return new ProcessedEvents(jdbc, clock);
    }

    @Bean
    ProcessedEventsPurge processedEventsPurge(JdbcClient jdbc, Clock clock, MessagingProperties properties) {
        return new ProcessedEventsPurge(jdbc, clock, properties);
    }

    @Bean
    KafkaAdmin.NewTopics luxeTopics(MessagingProperties properties) {
        int partitions = properties.topicPartitions();
        return new KafkaAdmin.NewTopics(Topics.ALL.stream().map(name -> topic(name, partitions))
                .toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, int partitions) {
        return TopicBuilder.name(name).partitions(partitions).build();
    }
}
