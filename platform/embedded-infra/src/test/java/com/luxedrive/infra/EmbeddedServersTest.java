package com.luxedrive.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedServersTest {

    @TempDir
    Path data;

    @Test
    void postgresKeepsItsDatabasesAcrossRestarts() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(data.resolve("pg"), 0, true)) {
            postgres.createDatabaseIfMissing("orders");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("orders"), PostgresServer.USER, "")) {
                c.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
            }
        }
        try (PostgresServer postgres = PostgresServer.start(data.resolve("pg"), 0, true)) {
            postgres.createDatabaseIfMissing("orders");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("orders"), PostgresServer.USER, "");
                 ResultSet rows = c.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void kafkaDeliversWhatWasProducedAlsoAfterARestart() throws Exception {
        try (KafkaServer kafka = KafkaServer.start(data.resolve("kafka"), 0)) {
            produce(kafka, "before");
            kafka.stop();
            kafka.restart();
            produce(kafka, "after");
            assertThat(consumeAll(kafka, 2)).containsExactly("before", "after");
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        try (RedisServer redis = RedisServer.start(null, 0);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            var reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(reader.readLine()).isEqualTo("+PONG");
        }
    }

    private static void produce(KafkaServer kafka, String value) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("smoke", "k", value)).get();
        }
    }

    private static List<String> consumeAll(KafkaServer kafka, int expected) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "smoke",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("smoke"));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
