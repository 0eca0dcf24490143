package com.luxedrive.vehicle;

import com.luxedrive.testsupport.TestTokens;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the vehicle-service tests set up again and again: known owners, unique VINs and plates, a vehicle. */
final class Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MockMvc mvc;
    private final JdbcClient jdbc;
    final UUID staff = UUID.randomUUID();

    Fixtures(MockMvc mvc, JdbcClient jdbc) {
        this.mvc = mvc;
        this.jdbc = jdbc;
    }

    /** An active client as the projection knows it (the projection's own feeding is tested apart). */
    UUID client() {
        return account("client", true);
    }

    UUID account(String userType, boolean active) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO owner_users (user_id, user_type, active, updated_at) VALUES (?, ?, ?, ?)")
                .params(id, userType, active, Timestamp.from(Instant.now()))
                .update();
        return id;
    }

    /** A European VIN (no check digit there), unique in practice. */
    static String vin() {
        StringBuilder vin = new StringBuilder("WDD");
        for (int i = 0; i < 14; i++) {
            vin.append(VIN_ALPHABET.charAt(RANDOM.nextInt(VIN_ALPHABET.length())));
        }
        return vin.toString();
    }

    static String plate() {
        return "LX-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36).toUpperCase();
    }

    /** A vehicle of {@code owner} written straight to the database, for tests that talk HTTP to a real server. */
    static UUID vehicleRow(JdbcClient jdbc, UUID owner) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        INSERT INTO vehicles (id, owner_id, vin, license_plate, make, model, year, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, 'Maybach', 'S 680', 2025, 'active', ?, ?)""")
                .params(id, owner, vin(), plate(), now, now)
                .update();
        return id;
    }

    /** A multipart upload body as a browser sends it: {@code documentType} "other" and {@code file} as big.pdf. */
    static byte[] multipartPdf(String boundary, byte[] file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"documentType\"\r\n\r\nother\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    static String vehicleJson(UUID owner, String vin, String plate) {
        return """
                {"userId":"%s","vin":"%s","licensePlate":"%s","make":"Bentley","model":"Continental GT",
                 "year":2023,"color":"Verdant","mileage":1200,"transmissionType":"automatic","fuelType":"petrol"}"""
                .formatted(owner, vin, plate);
    }

    ResultActions register(String body) throws Exception {
        return mvc.perform(post("/api/vehicles").header("Authorization", "Bearer " + TestTokens.admin(staff))
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** A registered vehicle of {@code owner}; its id. */
    UUID vehicleOf(UUID owner) throws Exception {
        return UUID.fromString(body(register(vehicleJson(owner, vin(), plate())).andExpect(status().isCreated()))
                .path("id").asString());
    }

    static JsonNode body(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
