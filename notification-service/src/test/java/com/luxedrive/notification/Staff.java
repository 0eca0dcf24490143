package com.luxedrive.notification;

import com.luxedrive.testsupport.TestTokens;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The notification-service tests' common moves: accounts in the projection, and staff sending. */
public final class Staff {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc;
    private final JdbcClient jdbc;
    public final UUID id = UUID.randomUUID();

    public Staff(MockMvc mvc, JdbcClient jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** An active client the projection knows (the projection's own feeding from Kafka is tested apart). */
    public UUID client() {
        UUID user = UUID.randomUUID();
        jdbc.sql("INSERT INTO recipient_users (user_id, user_type, active, updated_at) VALUES (?, 'client', true, ?)")
                .params(user, Timestamp.from(Instant.now())).update();
        return user;
    }

    public ResultActions send(String body) throws Exception {
        return mvc.perform(post("/api/notifications").contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Authorization", "Bearer " + TestTokens.admin(id)));
    }

    public ResultActions send(String body, String idempotencyKey) throws Exception {
        return mvc.perform(post("/api/notifications").contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Idempotency-Key", idempotencyKey)
                .header("Authorization", "Bearer " + TestTokens.admin(id)));
    }

    public String bearer() {
        return "Bearer " + TestTokens.support(id);
    }

    public static String toUsers(String type, UUID... users) {
        StringBuilder ids = new StringBuilder();
        for (UUID user : users) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(user).append('"');
        }
        return "{\"title\":\"Hello\",\"message\":\"A message\",\"type\":\"" + type + "\",\"targetType\":\"user\","
                + "\"userIds\":[" + ids + "]}";
    }

    public static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    public static UUID idOf(ResultActions result) throws Exception {
        return UUID.fromString(body(result).path("notification").path("id").asString());
    }
}
